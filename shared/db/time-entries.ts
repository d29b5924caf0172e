import { db, type TxEntities } from './service.js';
import type { TimeEntryRecord } from './time-lookup.js';
import { readPage } from './filtered-page.js';

export type { TimeEntryRecord } from './time-lookup.js';

/** Attributes an entry may lack; a write of the whole entry removes those absent from it. */
const optionalAttributes = ['startedAt', 'endedAt', 'note', 'invoiceId', 'invoiceLineId'] as const;

/** What the entry must look like in the database for a write to go through. */
export interface EntryGuard {
  /**
   * The updatedAt that was read: a concurrent change makes the write fail. Required, because the
   * writer sets the whole entry: without it a write based on a stale read would undo a newer one.
   */
  updatedAt: string;
  /** null: the entry must be on no invoice; a string: on exactly that invoice. */
  invoiceId?: string | null;
}

type Where = Parameters<ReturnType<TxEntities['timeEntry']['delete']>['where']>[0];

function guardExpression(g: EntryGuard): Where {
  return (a, op) =>
    [
      op.eq(a.updatedAt, g.updatedAt),
      g.invoiceId === null && op.notExists(a.invoiceId),
      typeof g.invoiceId === 'string' && op.eq(a.invoiceId, g.invoiceId),
    ]
      .filter((c): c is string => typeof c === 'string')
      .join(' AND ');
}

/**
 * THE way to change an existing entry (updates here, billing in invoicing): it writes the whole
 * entry. ElectroDB recomputes an index key only when a patch sets every attribute the key is made
 * of, and the sparse unbilled index also from `billable` and `invoiceId`; setting all of them
 * (and removing optional attributes that are absent, invoiceId included) keeps all six indexes
 * true to the entry whatever changed. Give `next.updatedAt` a new version (nextUpdatedAt).
 */
export function entryWrite(e: TxEntities, next: TimeEntryRecord, guard: EntryGuard) {
  const { businessId, entryId, ...attrs } = next;
  const set: Record<string, unknown> = {};
  const remove: (typeof optionalAttributes)[number][] = [];
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined) set[k] = v;
  for (const k of optionalAttributes) if (next[k] === undefined) remove.push(k);
  const patch = e.timeEntry.patch({ businessId, entryId }).set(set as never);
  return (remove.length ? patch.remove(remove) : patch).where(guardExpression(guard)).commit();
}

export function entryCreate(e: TxEntities, entry: TimeEntryRecord) {
  return e.timeEntry.create(entry).commit();
}

export function entryDelete(e: TxEntities, entry: TimeEntryRecord, guard: EntryGuard) {
  return e.timeEntry.delete({ businessId: entry.businessId, entryId: entry.entryId }).where(guardExpression(guard)).commit();
}

/**
 * Sort-key bounds for a business-local date range on `<date>#<entryId>` keys (and the rollups'
 * `<date>#<member>#<project>`): `to` alone would stop before every key of its own day, because
 * '2026-11-30#te_…' > '2026-11-30'; '~' sorts after '#' and every id character.
 */
export function dateBounds(from?: string, to?: string): { lo: string; hi: string } {
  return { lo: from ?? '0', hi: `${to ?? '9999-12-31'}~` };
}

export interface EntryFilters {
  from?: string;
  to?: string;
  userId?: string;
  projectId?: string;
  clientId?: string;
  taskId?: string;
  billable?: boolean;
  /** true: on an invoice; false: on none. */
  billed?: boolean;
}

export type EntryIndex = 'byTask' | 'byMember' | 'byProject' | 'unbilled' | 'byClient' | 'byDate';

/**
 * The most selective index for the filters: the task, the member, the project, a client's
 * unbilled billable time (the sparse index), the client, or the whole business by date. Every
 * index is sorted by date, so the range is always a key condition; the other filters are filter
 * expressions.
 */
export function chooseIndex(f: EntryFilters): EntryIndex {
  if (f.taskId) return 'byTask';
  if (f.userId) return 'byMember';
  if (f.projectId) return 'byProject';
  if (f.clientId && f.billable === true && f.billed === false) return 'unbilled';
  if (f.clientId) return 'byClient';
  return 'byDate';
}


export interface EntryPage {
  items: TimeEntryRecord[];
  cursor: string | null;
  index: EntryIndex;
}

/** A page of entries, newest first, from the index chooseIndex picks; other filters as filter expressions. */
export async function listEntries(businessId: string, f: EntryFilters, page: { limit: number; cursor?: string }): Promise<EntryPage> {
  const q = db.entities.timeEntry.query;
  const index = chooseIndex(f);
  const { lo, hi } = dateBounds(f.from, f.to);
  const base = {
    byTask: () => q.byTask({ businessId, taskId: f.taskId! }),
    byMember: () => q.byMember({ businessId, userId: f.userId! }),
    byProject: () => q.byProject({ businessId, projectId: f.projectId! }),
    unbilled: () => q.unbilled({ businessId, clientId: f.clientId! }),
    byClient: () => q.byClient({ businessId, clientId: f.clientId! }),
    byDate: () => q.byDate({ businessId }),
  }[index]().between({ date: lo }, { date: hi });
  // Filters the index key does not already answer.
  const conditions: Where[] = [];
  if (f.userId && index !== 'byMember') conditions.push((a, op) => op.eq(a.userId, f.userId));
  if (f.projectId && index !== 'byProject') conditions.push((a, op) => op.eq(a.projectId, f.projectId));
  if (f.clientId && !['byProject', 'unbilled', 'byClient'].includes(index)) conditions.push((a, op) => op.eq(a.clientId, f.clientId));
  if (f.billable !== undefined && index !== 'unbilled') conditions.push((a, op) => op.eq(a.billable, f.billable));
  if (f.billed !== undefined && index !== 'unbilled') conditions.push((a, op) => (f.billed ? op.exists(a.invoiceId) : op.notExists(a.invoiceId)));
  const query = conditions.length ? base.where((a, op) => conditions.map((c) => c(a, op)).join(' AND ')) : base;

  const read = await readPage((limit, cursor) => query.go({ order: 'desc', limit, cursor }), { ...page, filtered: conditions.length > 0 });
  return { ...read, index };
}
