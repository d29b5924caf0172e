import { Entity } from 'electrodb';
import { model, primary, gsi } from './keys.js';

/** Registered OAuth clients (RFC 7591) and cached client ID metadata documents. */
export const oauthClient = new Entity({
  model: model('oauthClient'),
  attributes: {
    clientId: { type: 'string', required: true },
    kind: { type: ['registered', 'metadata_document'] as const, required: true },
    clientName: { type: 'string', required: true },
    redirectUris: { type: 'list', items: { type: 'string' }, required: true },
    tokenEndpointAuthMethod: { type: ['none', 'client_secret_basic', 'client_secret_post'] as const, required: true },
    clientSecretHash: { type: 'string' },
    grantTypes: { type: 'list', items: { type: 'string' }, required: true },
    scope: { type: 'string' },
    clientUri: { type: 'string' },
    logoUri: { type: 'string' },
    createdAt: { type: 'string', required: true },
    /** For metadata documents: when the cached copy must be fetched again (epoch seconds). */
    refreshAfter: { type: 'number' },
    ttl: { type: 'number', field: 'ttl' },
  },
  indexes: {
    byId: primary({ composite: ['clientId'], template: 'OCLIENT#${clientId}' }, { composite: [], template: 'OCLIENT' }),
  },
});

/** Authorization codes: stored by hash, single use, 60 seconds. */
export const authCode = new Entity({
  model: model('authCode'),
  attributes: {
    codeHash: { type: 'string', required: true },
    clientId: { type: 'string', required: true },
    userId: { type: 'string', required: true },
    businessId: { type: 'string', required: true },
    scope: { type: 'string', required: true },
    redirectUri: { type: 'string', required: true },
    codeChallenge: { type: 'string', required: true },
    resource: { type: 'string', required: true },
    expiresAt: { type: 'number', required: true },
    usedAt: { type: 'string' },
    /** The grant the first exchange created; a replayed code revokes it. */
    grantId: { type: 'string' },
    ttl: { type: 'number', field: 'ttl' },
  },
  indexes: {
    byHash: primary({ composite: ['codeHash'], template: 'CODE#${codeHash}' }, { composite: [], template: 'CODE' }),
  },
});

/** A connection: one client's authorization for one user in one business. */
export const grant = new Entity({
  model: model('grant'),
  attributes: {
    businessId: { type: 'string', required: true },
    grantId: { type: 'string', required: true },
    userId: { type: 'string', required: true },
    clientId: { type: 'string', required: true },
    clientName: { type: 'string', required: true },
    scope: { type: 'string', required: true },
    resource: { type: 'string', required: true },
    status: { type: ['active', 'revoked'] as const, required: true },
    createdAt: { type: 'string', required: true },
    lastUsedAt: { type: 'string' },
    revokedAt: { type: 'string' },
    revokedReason: { type: 'string' },
  },
  indexes: {
    byBusiness: primary({ composite: ['businessId'], template: 'BIZ#${businessId}' }, { composite: ['grantId'], template: 'GRANT#${grantId}' }),
    byUser: gsi(1, { composite: ['userId'], template: 'USER#${userId}' }, { composite: ['grantId'], template: 'GRANT#${grantId}' }),
  },
});

/** Refresh tokens: stored by hash, rotated on use; a reused one revokes its grant. */
export const refreshToken = new Entity({
  model: model('refreshToken'),
  attributes: {
    tokenHash: { type: 'string', required: true },
    grantId: { type: 'string', required: true },
    businessId: { type: 'string', required: true },
    userId: { type: 'string', required: true },
    clientId: { type: 'string', required: true },
    scope: { type: 'string', required: true },
    resource: { type: 'string', required: true },
    createdAt: { type: 'string', required: true },
    expiresAt: { type: 'number', required: true },
    usedAt: { type: 'string' },
    ttl: { type: 'number', field: 'ttl' },
  },
  indexes: {
    byHash: primary({ composite: ['tokenHash'], template: 'RT#${tokenHash}' }, { composite: [], template: 'RT' }),
  },
});
