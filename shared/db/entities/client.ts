import { Entity } from 'electrodb';
import { model, primary, gsi } from './keys.js';

/**
 * A client of the business. Its notes share its partition (sk PROFILE sorts after NOTE#…),
 * so one descending Query returns the client and its newest notes.
 */
export const client = new Entity({
  model: model('client'),
  attributes: {
    businessId: { type: 'string', required: true },
    clientId: { type: 'string', required: true },
    name: { type: 'string', required: true },
    /** Lower-cased name: the sort key of the name-ordered lists and the target of `query`. */
    nameKey: { type: 'string', required: true },
    email: { type: 'string' },
    phone: { type: 'string' },
    address: {
      type: 'map',
      properties: {
        line1: { type: 'string' },
        line2: { type: 'string' },
        city: { type: 'string' },
        region: { type: 'string' },
        postal_code: { type: 'string' },
        country: { type: 'string' },
      },
    },
    currency: { type: 'string', required: true },
    hourlyRate: { type: 'number' },
    taxId: { type: 'string' },
    status: { type: ['active', 'archived'] as const, required: true },
    createdAt: { type: 'string', required: true },
    updatedAt: { type: 'string', required: true },
  },
  indexes: {
    byId: primary(
      { composite: ['businessId', 'clientId'], template: 'BIZ#${businessId}#CLI#${clientId}' },
      { composite: [], template: 'PROFILE' },
    ),
    byStatusName: gsi(
      1,
      { composite: ['businessId', 'status'], template: 'BIZ#${businessId}#CLIENTS#${status}' },
      { composite: ['nameKey', 'clientId'], template: '${nameKey}#${clientId}' },
    ),
    byName: gsi(
      2,
      { composite: ['businessId'], template: 'BIZ#${businessId}#CLIENTS' },
      { composite: ['nameKey', 'clientId'], template: '${nameKey}#${clientId}' },
    ),
  },
});

export const clientNote = new Entity({
  model: model('clientNote'),
  attributes: {
    businessId: { type: 'string', required: true },
    clientId: { type: 'string', required: true },
    noteId: { type: 'string', required: true },
    body: { type: 'string', required: true },
    authorId: { type: 'string', required: true },
    authorName: { type: 'string', required: true },
    via: { type: ['mcp', 'web'] as const, required: true },
    createdAt: { type: 'string', required: true },
  },
  indexes: {
    byClient: primary(
      { composite: ['businessId', 'clientId'], template: 'BIZ#${businessId}#CLI#${clientId}' },
      { composite: ['noteId'], template: 'NOTE#${noteId}' },
    ),
  },
});
