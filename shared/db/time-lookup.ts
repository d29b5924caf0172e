import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import type { EntityItem } from 'electrodb';
import { documentClient } from './client.js';
import { config } from '../config/index.js';
import { db } from './service.js';
import type { ProjectRecord } from './projects.js';
import type { TaskRecord } from './tasks.js';
import type { ClientRecord } from './clients.js';

export type TimeEntryRecord = EntityItem<typeof db.entities.timeEntry>;
export type TimerRecord = EntityItem<typeof db.entities.timer>;
export type BusinessRecord = EntityItem<typeof db.entities.business>;
export type MembershipRecord = EntityItem<typeof db.entities.membership>;
export type ExpenseRecord = EntityItem<typeof db.entities.expense>;

/** Which records of one business a time or expense operation needs; each id is looked up in that business only. */
export interface Wanted {
  business?: true;
  task?: string;
  project?: string;
  client?: string;
  /** A membership, by user id. */
  member?: string;
  /** A member's running timer, by user id. */
  timer?: string;
  entry?: string;
  expense?: string;
}

export interface Found {
  business: BusinessRecord | null;
  task: TaskRecord | null;
  project: ProjectRecord | null;
  client: ClientRecord | null;
  member: MembershipRecord | null;
  timer: TimerRecord | null;
  entry: TimeEntryRecord | null;
  expense: ExpenseRecord | null;
}

const retries = 3;

/**
 * Everything a time or expense operation must read before it writes, in ONE BatchGet: the round trips of a
 * tool call stay constant, and every key carries the business id, so nothing of another business
 * can come back.
 */
export async function lookup(businessId: string, want: Wanted): Promise<Found> {
  const e = db.entities;
  const parsers: { key: Record<string, unknown>; slot: keyof Found; parse: (item: Record<string, unknown>) => unknown }[] = [];
  const add = <T>(slot: keyof Found, key: Record<string, unknown>, parse: (item: Record<string, unknown>) => T) => parsers.push({ slot, key, parse });
  if (want.business) add('business', e.business.get({ businessId }).params().Key, (Item) => e.business.parse({ Item }).data);
  if (want.task) add('task', e.task.get({ businessId, taskId: want.task }).params().Key, (Item) => e.task.parse({ Item }).data);
  if (want.project) add('project', e.project.get({ businessId, projectId: want.project }).params().Key, (Item) => e.project.parse({ Item }).data);
  if (want.client) add('client', e.client.get({ businessId, clientId: want.client }).params().Key, (Item) => e.client.parse({ Item }).data);
  if (want.member) add('member', e.membership.get({ businessId, userId: want.member }).params().Key, (Item) => e.membership.parse({ Item }).data);
  if (want.timer) add('timer', e.timer.get({ businessId, userId: want.timer }).params().Key, (Item) => e.timer.parse({ Item }).data);
  if (want.entry) add('entry', e.timeEntry.get({ businessId, entryId: want.entry }).params().Key, (Item) => e.timeEntry.parse({ Item }).data);
  if (want.expense) add('expense', e.expense.get({ businessId, expenseId: want.expense }).params().Key, (Item) => e.expense.parse({ Item }).data);

  const found: Found = { business: null, task: null, project: null, client: null, member: null, timer: null, entry: null, expense: null };
  if (!parsers.length) return found;
  const table = config().tableName;
  const items: Record<string, unknown>[] = [];
  let keys = parsers.map((p) => p.key);
  for (let attempt = 0; keys.length && attempt <= retries; attempt++) {
    const out = await documentClient().send(new BatchGetCommand({ RequestItems: { [table]: { Keys: keys } } }));
    items.push(...(out.Responses?.[table] ?? []));
    keys = out.UnprocessedKeys?.[table]?.Keys ?? [];
  }
  if (keys.length) throw new Error(`BatchGet left ${keys.length} key(s) unprocessed`);
  for (const p of parsers) {
    const item = items.find((i) => i.pk === p.key.pk && i.sk === p.key.sk);
    (found as unknown as Record<string, unknown>)[p.slot] = item ? p.parse(item) : null;
  }
  return found;
}
