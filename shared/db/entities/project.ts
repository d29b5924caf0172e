import { Entity } from 'electrodb';
import { model, primary, gsi } from './keys.js';

/**
 * A project of one client. Its aggregates (tracked and unbilled minutes, task counts per status)
 * are kept current in the same transactions that change time entries and tasks, so reading a
 * project never reads its entries.
 */
export const project = new Entity({
  model: model('project'),
  attributes: {
    businessId: { type: 'string', required: true },
    projectId: { type: 'string', required: true },
    clientId: { type: 'string', required: true },
    name: { type: 'string', required: true },
    hourlyRate: { type: 'number' },
    billable: { type: 'boolean', required: true },
    budgetMinutes: { type: 'number' },
    status: { type: ['active', 'archived'] as const, required: true },
    trackedMinutes: { type: 'number', required: true, default: 0 },
    billableMinutes: { type: 'number', required: true, default: 0 },
    billedMinutes: { type: 'number', required: true, default: 0 },
    tasksTodo: { type: 'number', required: true, default: 0 },
    tasksInProgress: { type: 'number', required: true, default: 0 },
    tasksDone: { type: 'number', required: true, default: 0 },
    createdAt: { type: 'string', required: true },
    updatedAt: { type: 'string', required: true },
  },
  indexes: {
    byId: primary({ composite: ['businessId', 'projectId'], template: 'BIZ#${businessId}#PRJ#${projectId}' }, { composite: [], template: 'PROFILE' }),
    byStatus: gsi(
      1,
      { composite: ['businessId'], template: 'BIZ#${businessId}#PROJECTS' },
      { composite: ['status', 'clientId', 'projectId'], template: '${status}#${clientId}#${projectId}' },
    ),
    byClient: gsi(
      2,
      { composite: ['businessId', 'clientId'], template: 'BIZ#${businessId}#CLI#${clientId}#PROJECTS' },
      { composite: ['projectId'], template: '${projectId}' },
    ),
  },
});
