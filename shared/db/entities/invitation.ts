import { Entity } from 'electrodb';
import { model, primary, gsi } from './keys.js';

/**
 * An invitation to join a business. Keyed by the keyed hash of its token, so the accept page finds
 * it with one GetItem and a leaked table never yields a working link; listed per business (gsi1).
 */
export const invitation = new Entity({
  model: model('invitation'),
  attributes: {
    tokenHash: { type: 'string', required: true },
    businessId: { type: 'string', required: true },
    invitationId: { type: 'string', required: true },
    /** Normalized (trimmed, lower-cased) like user emails. */
    email: { type: 'string', required: true },
    role: { type: ['admin', 'member'] as const, required: true },
    status: { type: ['pending', 'accepted', 'revoked'] as const, required: true },
    invitedBy: { type: 'string', required: true },
    invitedByName: { type: 'string', required: true },
    /** Copied so the accept page names the business without another read. */
    businessName: { type: 'string', required: true },
    createdAt: { type: 'string', required: true },
    /** Epoch milliseconds. */
    expiresAt: { type: 'number', required: true },
    acceptedBy: { type: 'string' },
    acceptedAt: { type: 'string' },
    revokedAt: { type: 'string' },
  },
  indexes: {
    byToken: primary({ composite: ['tokenHash'], template: 'INVT#${tokenHash}' }, { composite: [], template: 'INVITATION' }),
    byBusiness: gsi(1, { composite: ['businessId'], template: 'BIZ#${businessId}#INVT' }, { composite: ['invitationId'], template: 'INVT#${invitationId}' }),
  },
});

/**
 * The latest invitation of an address in a business. Every invitation writes it, conditioned on
 * the value read, in the transaction that revokes the one it replaces: so there is at most one
 * pending invitation per address and business, also when two invitations race.
 */
export const invitationEmail = new Entity({
  model: model('invitationEmail'),
  attributes: {
    businessId: { type: 'string', required: true },
    email: { type: 'string', required: true },
    tokenHash: { type: 'string', required: true },
  },
  indexes: {
    byEmail: primary({ composite: ['businessId'], template: 'BIZ#${businessId}' }, { composite: ['email'], template: 'INVEMAIL#${email}' }),
  },
});
