import { Entity } from 'electrodb';
import { model, primary, gsi } from './keys.js';

/** A task of a project. The project's client is copied here: rates and time entries need it. */
export const task = new Entity({
  model: model('task'),
  attributes: {
    businessId: { type: 'string', required: true },
    taskId: { type: 'string', required: true },
    projectId: { type: 'string', required: true },
    clientId: { type: 'string', required: true },
    name: { type: 'string', required: true },
    description: { type: 'string' },
    hourlyRate: { type: 'number' },
    /** Absent: billable follows the project. */
    billable: { type: 'boolean' },
    assigneeId: { type: 'string' },
    dueDate: { type: 'string' },
    status: { type: ['todo', 'in_progress', 'done'] as const, required: true },
    createdBy: { type: 'string', required: true },
    createdAt: { type: 'string', required: true },
    updatedAt: { type: 'string', required: true },
  },
  indexes: {
    byId: primary({ composite: ['businessId', 'taskId'], template: 'BIZ#${businessId}#TASK#${taskId}' }, { composite: [], template: 'PROFILE' }),
    byProject: gsi(
      1,
      { composite: ['businessId', 'projectId'], template: 'BIZ#${businessId}#PRJ#${projectId}#TASKS' },
      { composite: ['status', 'taskId'], template: '${status}#${taskId}' },
    ),
    byStatus: gsi(2, { composite: ['businessId'], template: 'BIZ#${businessId}#TASKS' }, { composite: ['status', 'taskId'], template: '${status}#${taskId}' }),
    byAssignee: {
      ...gsi(
        4,
        { composite: ['businessId', 'assigneeId'], template: 'BIZ#${businessId}#ASSIGNEE#${assigneeId}#TASKS' },
        { composite: ['status', 'taskId'], template: '${status}#${taskId}' },
      ),
      // Sparse: only assigned tasks are in this index.
      condition: (attr: Record<string, unknown>) => typeof attr.assigneeId === 'string' && attr.assigneeId.length > 0,
    },
  },
});
