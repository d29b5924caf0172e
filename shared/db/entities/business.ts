import { Entity } from 'electrodb';
import { model, primary, gsi } from './keys.js';

export const business = new Entity({
  model: model('business'),
  attributes: {
    businessId: { type: 'string', required: true },
    name: { type: 'string', required: true },
    currency: { type: 'string', required: true },
    timeZone: { type: 'string', required: true },
    /** The last level of the hourly rate precedence (task, project, client, business), minor units. */
    defaultHourlyRate: { type: 'number' },
    /** Invoice numbers are this prefix and a zero-padded sequence (default INV-). */
    invoicePrefix: { type: 'string' },
    /** Due date = issue date + these days, unless an invoice says otherwise (default 30). */
    paymentTermsDays: { type: 'number' },
    /** Tax rate (basis points) given to generated time lines (default 0). */
    defaultTaxRateBps: { type: 'number' },
    address: { type: 'string' },
    taxId: { type: 'string' },
    /**
     * Expense categories the business added to the default list (shared/ops/expense-categories.ts);
     * absent until the first. A set, so create_expense can ADD a new one in its own transaction
     * without a condition: two requests adding the same category both succeed.
     */
    expenseCategories: { type: 'set', items: 'string' },
    createdAt: { type: 'string', required: true },
    createdBy: { type: 'string', required: true },
  },
  indexes: {
    byId: primary({ composite: ['businessId'], template: 'BIZ#${businessId}' }, { composite: [], template: 'PROFILE' }),
  },
});

/**
 * A user's role in a business. The business and user names are copied here so that the
 * per-request auth check (one BatchGet of grant + membership) also yields what write results
 * and activity records name, without another round trip.
 */
export const membership = new Entity({
  model: model('membership'),
  attributes: {
    businessId: { type: 'string', required: true },
    userId: { type: 'string', required: true },
    role: { type: ['owner', 'admin', 'member'] as const, required: true },
    businessName: { type: 'string', required: true },
    userName: { type: 'string', required: true },
    userEmail: { type: 'string', required: true },
    joinedAt: { type: 'string', required: true },
  },
  indexes: {
    byBusiness: primary({ composite: ['businessId'], template: 'BIZ#${businessId}' }, { composite: ['userId'], template: 'MEMBER#${userId}' }),
    byUser: gsi(1, { composite: ['userId'], template: 'USER#${userId}' }, { composite: ['businessId'], template: 'MEMBER#${businessId}' }),
  },
});

/** Idempotency records: the first result of a keyed request, kept 24 hours. */
export const idempotency = new Entity({
  model: model('idempotency'),
  attributes: {
    businessId: { type: 'string', required: true },
    scopeKey: { type: 'string', required: true },
    requestHash: { type: 'string', required: true },
    result: { type: 'string', required: true },
    createdAt: { type: 'string', required: true },
    ttl: { type: 'number', field: 'ttl' },
  },
  indexes: {
    byKey: primary({ composite: ['businessId'], template: 'BIZ#${businessId}' }, { composite: ['scopeKey'], template: 'IDEM#${scopeKey}' }),
  },
});

/** What happened, by whom, through which connection. Written by every mutation. */
export const activity = new Entity({
  model: model('activity'),
  attributes: {
    businessId: { type: 'string', required: true },
    activityId: { type: 'string', required: true },
    at: { type: 'string', required: true },
    actorId: { type: 'string', required: true },
    via: { type: ['mcp', 'web'] as const, required: true },
    grantId: { type: 'string' },
    clientName: { type: 'string' },
    operation: { type: 'string', required: true },
    targetId: { type: 'string' },
    summary: { type: 'string', required: true },
  },
  indexes: {
    byBusiness: primary({ composite: ['businessId'], template: 'BIZ#${businessId}' }, { composite: ['activityId'], template: 'ACT#${activityId}' }),
  },
});
