import type { Operation } from './operation.js';

/** list_tasks, create_task, update_task, set_task_status (in catalogue order). */
export const taskOperations: Operation[] = [];
