import { db } from './service.js';
import { dateBounds, type TimeEntryRecord } from './time-entries.js';
import type { TaskRecord } from './tasks.js';

/** How many times unprocessed keys of a BatchGet are asked for again before giving up. */
const batchRetries = 3;

/**
 * A client's billable, unbilled entries dated from..to (inclusive), oldest first, from the sparse
 * unbilled index: every page, up to `cap + 1` entries, so a caller can tell "more than cap".
 * The index is eventually consistent: callers condition their writes on what they read.
 */
export async function unbilledEntries(businessId: string, clientId: string, from: string, to: string, cap: number): Promise<TimeEntryRecord[]> {
  const { lo, hi } = dateBounds(from, to);
  const query = db.entities.timeEntry.query.unbilled({ businessId, clientId }).between({ date: lo }, { date: hi });
  const items: TimeEntryRecord[] = [];
  let cursor: string | null = null;
  do {
    const res: { data: TimeEntryRecord[]; cursor: string | null } = await query.go({ order: 'asc', cursor });
    items.push(...res.data);
    cursor = res.cursor;
  } while (cursor && items.length <= cap);
  return items;
}

/**
 * Entries by id, read strongly consistent: what a billing or a release decides on after a
 * conditional write failed (the index may still show the old state), and what a release
 * conditions its writes on. Missing ids are absent from the map.
 */
export async function entriesById(businessId: string, entryIds: readonly string[]): Promise<Map<string, TimeEntryRecord>> {
  const found = new Map<string, TimeEntryRecord>();
  let wanted = [...new Set(entryIds)].map((entryId) => ({ businessId, entryId }));
  for (let attempt = 0; wanted.length && attempt <= batchRetries; attempt++) {
    const res = await db.entities.timeEntry.get(wanted).go({ consistent: true, concurrent: 4 });
    for (const t of res.data) found.set(t.entryId, t);
    wanted = res.unprocessed.map((k) => ({ businessId, entryId: k.entryId as string }));
  }
  if (wanted.length) throw new Error(`BatchGet left ${wanted.length} entr(ies) unprocessed`);
  return found;
}

/** Several tasks of one business in one BatchGet (the tasks of the entries being billed). */
export async function tasksById(businessId: string, taskIds: readonly string[]): Promise<Map<string, TaskRecord>> {
  const found = new Map<string, TaskRecord>();
  let wanted = [...new Set(taskIds)].map((taskId) => ({ businessId, taskId }));
  for (let attempt = 0; wanted.length && attempt <= batchRetries; attempt++) {
    const res = await db.entities.task.get(wanted).go({ concurrent: 4 });
    for (const t of res.data) found.set(t.taskId, t);
    wanted = res.unprocessed.map((k) => ({ businessId, taskId: k.taskId as string }));
  }
  if (wanted.length) throw new Error(`BatchGet left ${wanted.length} task(s) unprocessed`);
  return found;
}
