import type { Operation } from './operation.js';
import { getRunningTimerOp, startTimerOp, stopTimerOp } from './time-timers.js';
import { deleteTimeEntryOp, logTimeOp, updateTimeEntryOp } from './time-entries.js';
import { listTaskTimeOp, listTimeEntriesOp } from './time-lists.js';

/** The Time section of TOOLS.md, in catalogue order. */
export const timeOperations = [
  startTimerOp,
  stopTimerOp,
  getRunningTimerOp,
  logTimeOp,
  listTaskTimeOp,
  listTimeEntriesOp,
  updateTimeEntryOp,
  deleteTimeEntryOp,
] as unknown as Operation[];
