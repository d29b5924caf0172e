import { Entity } from 'electrodb';
import { model, primary, gsi } from './keys.js';

export const user = new Entity({
  model: model('user'),
  attributes: {
    userId: { type: 'string', required: true },
    email: { type: 'string', required: true },
    name: { type: 'string', required: true },
    passwordHash: { type: 'string', required: true },
    createdAt: { type: 'string', required: true },
  },
  indexes: {
    byId: primary({ composite: ['userId'], template: 'USER#${userId}' }, { composite: [], template: 'PROFILE' }),
  },
});

/** Unique-email guard: created in the same transaction as the user, conditionally. */
export const userEmail = new Entity({
  model: model('userEmail'),
  attributes: {
    email: { type: 'string', required: true },
    userId: { type: 'string', required: true },
  },
  indexes: {
    byEmail: primary({ composite: ['email'], template: 'EMAIL#${email}' }, { composite: [], template: 'EMAIL' }),
  },
});

/** Web sessions: only the HMAC of the cookie value is stored. */
export const session = new Entity({
  model: model('session'),
  attributes: {
    sessionHash: { type: 'string', required: true },
    userId: { type: 'string', required: true },
    createdAt: { type: 'string', required: true },
    expiresAt: { type: 'number', required: true },
    ttl: { type: 'number', field: 'ttl' },
  },
  indexes: {
    byHash: primary({ composite: ['sessionHash'], template: 'SESSION#${sessionHash}' }, { composite: [], template: 'SESSION' }),
    byUser: gsi(1, { composite: ['userId'], template: 'USER#${userId}' }, { composite: ['sessionHash'], template: 'SESSION#${sessionHash}' }),
  },
});

/** Fixed-window counters for throttling (failed sign-ins, registrations). */
export const rateLimit = new Entity({
  model: model('rateLimit'),
  attributes: {
    bucket: { type: 'string', required: true },
    count: { type: 'number', required: true },
    ttl: { type: 'number', field: 'ttl' },
  },
  indexes: {
    byBucket: primary({ composite: ['bucket'], template: 'RL#${bucket}' }, { composite: [], template: 'RL' }),
  },
});
