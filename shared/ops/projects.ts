import type { Operation } from './operation.js';

/** list_projects, get_project, create_project, update_project (in catalogue order). */
export const projectOperations: Operation[] = [];
