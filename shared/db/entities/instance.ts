import { Entity } from 'electrodb';
import { model, primary } from './keys.js';

/**
 * The instance marker: one item, created conditionally in the transaction of the first sign-up.
 * Its existence is how Clerq knows the instance already has an owner (without a Scan), and its
 * conditional creation makes "only one first owner" hold under concurrent sign-ups.
 */
export const instanceMarker = new Entity({
  model: model('instance'),
  attributes: {
    ownerUserId: { type: 'string', required: true },
    businessId: { type: 'string', required: true },
    createdAt: { type: 'string', required: true },
  },
  indexes: {
    singleton: primary({ composite: [], template: 'INSTANCE' }, { composite: [], template: 'INSTANCE' }),
  },
});
