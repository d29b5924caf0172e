import type { Operation } from './operation.js';

/**
 * start_timer, stop_timer, get_running_timer, log_time, list_task_time, list_time_entries,
 * update_time_entry, delete_time_entry (in catalogue order).
 */
export const timeOperations: Operation[] = [];
