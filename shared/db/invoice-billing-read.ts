import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import { config } from '../config/index.js';
import { documentClient } from './client.js';
import type { ClientRecord } from './clients.js';
import type { ProjectRecord } from './projects.js';
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

export interface PricingRecords {
  client: ClientRecord | null;
  projects: Map<string, ProjectRecord>;
  tasks: Map<string, TaskRecord>;
}

/** Keys per BatchGetItem request (DynamoDB's limit). */
const keysPerBatchGet = 100;

/**
 * What prices a set of entries, in one BatchGetItem (more only past 100 keys): the client (rate,
 * currency) and the entries' projects and tasks (names, rates); the business comes with the
 * request's auth context. Every key carries the business id, so nothing of another business can come back.
 */
export async function pricingRecords(businessId: string, want: { clientId: string; projectIds: readonly string[]; taskIds: readonly string[] }): Promise<PricingRecords> {
  const { client, project, task } = db.entities;
  const keys: Record<string, unknown>[] = [
    client.get({ businessId, clientId: want.clientId }).params().Key,
    ...[...new Set(want.projectIds)].map((projectId) => project.get({ businessId, projectId }).params().Key),
    ...[...new Set(want.taskIds)].map((taskId) => task.get({ businessId, taskId }).params().Key),
  ];
  const table = config().tableName;
  const items: Record<string, unknown>[] = [];
  await Promise.all(
    Array.from({ length: Math.ceil(keys.length / keysPerBatchGet) }, async (_, n) => {
      let wanted = keys.slice(n * keysPerBatchGet, (n + 1) * keysPerBatchGet);
      for (let attempt = 0; wanted.length && attempt <= batchRetries; attempt++) {
        const out = await documentClient().send(new BatchGetCommand({ RequestItems: { [table]: { Keys: wanted } } }));
        items.push(...(out.Responses?.[table] ?? []));
        wanted = out.UnprocessedKeys?.[table]?.Keys ?? [];
      }
      if (wanted.length) throw new Error(`BatchGet left ${wanted.length} key(s) unprocessed`);
    }),
  );
  const found: PricingRecords = { client: null, projects: new Map(), tasks: new Map() };
  for (const Item of items) {
    if (Item.__edb_e__ === 'client') found.client = client.parse({ Item }).data;
    else if (Item.__edb_e__ === 'project') {
      const p = project.parse({ Item }).data;
      if (p) found.projects.set(p.projectId, p);
    } else if (Item.__edb_e__ === 'task') {
      const t = task.parse({ Item }).data;
      if (t) found.tasks.set(t.taskId, t);
    }
  }
  return found;
}
