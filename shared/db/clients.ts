import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { EntityItem } from 'electrodb';
import { documentClient } from './client.js';
import { db } from './service.js';
import { config } from '../config/index.js';
import { readPage } from './filtered-page.js';

export type ClientRecord = EntityItem<typeof db.entities.client>;
export type ClientNoteRecord = EntityItem<typeof db.entities.clientNote>;
export type ClientStatusFilter = 'active' | 'archived' | 'all';


/** Lower-cased, accent-preserving key for ordering by name and for case-insensitive search. */
export function nameKeyOf(name: string): string {
  return name.normalize('NFKC').toLocaleLowerCase('en');
}

export async function getClient(businessId: string, clientId: string): Promise<ClientRecord | null> {
  const { data } = await db.entities.client.get({ businessId, clientId }).go();
  return data;
}

/**
 * The client and its newest notes in one Query: they share a partition, and the client's sort
 * key (PROFILE) sorts after every NOTE#…, so a descending read starts with it.
 */
export async function getClientWithNotes(businessId: string, clientId: string, noteLimit: number) {
  const { client, clientNote } = db.entities;
  const pk = client.get({ businessId, clientId }).params().Key.pk as string;
  const out = await documentClient().send(
    new QueryCommand({
      TableName: config().tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': pk },
      ScanIndexForward: false,
      Limit: noteLimit + 1,
    }),
  );
  const items = out.Items ?? [];
  const head = items[0]?.__edb_e__ === 'client' ? client.parse({ Item: items[0] }).data : null;
  if (!head) return null;
  const notes = items
    .filter((i) => i.__edb_e__ === 'clientNote')
    .map((Item) => clientNote.parse({ Item }).data)
    .filter((n): n is ClientNoteRecord => n !== null);
  return { client: head, notes };
}

export interface ListClientsQuery {
  status: ClientStatusFilter;
  query?: string;
  limit: number;
  cursor?: string;
}

/** Clients ordered by name, from one of two name-sorted indexes; `query` filters within the business's partition. */
export async function listClients(businessId: string, q: ListClientsQuery): Promise<{ items: ClientRecord[]; cursor: string | null }> {
  const { client } = db.entities;
  const needle = q.query ? nameKeyOf(q.query) : undefined;
  const base = q.status === 'all' ? client.query.byName({ businessId }) : client.query.byStatusName({ businessId, status: q.status });
  const query = needle ? base.where((a, op) => op.contains(a.nameKey, needle)) : base;
  return readPage((limit, cursor) => query.go({ limit, cursor }), { limit: q.limit, cursor: q.cursor, filtered: needle !== undefined });
}
