import { z } from 'zod';
import { getClient, getClientWithNotes, listClients, nameKeyOf, type ClientNoteRecord, type ClientRecord } from '../db/clients.js';
import { openCursor, sealCursor } from '../db/cursor.js';
import { newId } from '../ids.js';
import { changedInWords } from './activity-words.js';
import type { OpContext } from './context.js';
import { actedOn, commit } from './commit.js';
import { nextUpdatedAt } from './versions.js';
import { invalidInput, notFound } from './errors.js';
import { defineOperation } from './operation.js';
import { actedOn as actedOnSchema, currencyCode, cursorField, idOf, idempotencyKeyField, listLimit, minorUnits, page, text } from './schemas.js';

const recentNotes = 10;

const address = z.strictObject({
  line1: text(200).optional(),
  line2: text(200).optional(),
  city: text(100).optional(),
  region: text(100).optional(),
  postal_code: text(20).optional(),
  country: z
    .string()
    .regex(/^[A-Za-z]{2}$/, 'must be an ISO 3166-1 alpha-2 code such as US')
    .transform((c) => c.toUpperCase())
    .optional(),
});

const clientFields = {
  name: text(200),
  email: z.email().max(254),
  phone: z.string().trim().min(3).max(40).regex(/^[0-9+()\-.\s]+$/, 'may contain digits, spaces and + ( ) - . only'),
  address,
  currency: currencyCode.describe('ISO 4217'),
  hourly_rate: minorUnits.describe('Default hourly rate for this client, in minor units of its currency'),
  tax_id: text(50),
};

const clientOut = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  address: z
    .object({
      line1: z.string().optional(),
      line2: z.string().optional(),
      city: z.string().optional(),
      region: z.string().optional(),
      postal_code: z.string().optional(),
      country: z.string().optional(),
    })
    .nullable(),
  currency: z.string(),
  hourly_rate: z.number().int().nullable(),
  tax_id: z.string().nullable(),
  status: z.enum(['active', 'archived']),
  created_at: z.string(),
  updated_at: z.string(),
});

const noteOut = z.object({
  id: z.string(),
  client_id: z.string(),
  body: z.string(),
  author_id: z.string(),
  author_name: z.string(),
  via: z.enum(['mcp', 'web']),
  created_at: z.string(),
});

const clientWrite = z.object({ client: clientOut, acted_on: actedOnSchema });

function toClient(c: ClientRecord): z.output<typeof clientOut> {
  return {
    id: c.clientId,
    name: c.name,
    email: c.email ?? null,
    phone: c.phone ?? null,
    address: c.address && Object.keys(c.address).length ? c.address : null,
    currency: c.currency,
    hourly_rate: c.hourlyRate ?? null,
    tax_id: c.taxId ?? null,
    status: c.status,
    created_at: c.createdAt,
    updated_at: c.updatedAt,
  };
}

function toNote(n: ClientNoteRecord): z.output<typeof noteOut> {
  return { id: n.noteId, client_id: n.clientId, body: n.body, author_id: n.authorId, author_name: n.authorName, via: n.via, created_at: n.createdAt };
}

async function mustGetClient(ctx: OpContext, clientId: string): Promise<ClientRecord> {
  const c = await getClient(ctx.businessId, clientId);
  if (!c) throw notFound('client', clientId);
  return c;
}

type OptionalClientAttr = 'email' | 'phone' | 'address' | 'hourlyRate' | 'taxId';

/**
 * Writes a changed client, conditional on the version that was read: a concurrent update makes
 * this one a conflict, never a lost update.
 */
async function saveClient(ctx: OpContext, current: ClientRecord, next: ClientRecord, removed: OptionalClientAttr[], summary: string, operation: string) {
  const { businessId, clientId, createdAt: _c, ...set } = next;
  for (const attr of removed) delete set[attr];
  return commit(ctx, {
    writes: (e) => {
      const patch = e.client.patch({ businessId, clientId }).set(set);
      const withRemovals = removed.length ? patch.remove(removed) : patch;
      return [withRemovals.where((a, op) => op.eq(a.updatedAt, current.updatedAt)).commit()];
    },
    activity: { operation, targetId: clientId, summary },
    result: { client: toClient(next), acted_on: actedOn(ctx) },
  });
}

export const listClientsOp = defineOperation({
  name: 'list_clients',
  title: 'List clients',
  description: 'Clients of this business ordered by name. Filter by status (active, archived, all; default active) and query (name contains, case-insensitive). Paginate with limit and cursor.',
  input: z.strictObject({
    status: z.enum(['active', 'archived', 'all']).default('active'),
    query: text(200).optional().describe('Name contains this text (case-insensitive)'),
    limit: listLimit,
    cursor: cursorField,
  }),
  output: page(clientOut),
  idempotent: true,
  async handler(ctx, input) {
    const listName = `clients:${input.status}:${input.query ?? ''}`;
    const cursor = openCursor(ctx.businessId, listName, input.cursor);
    const res = await listClients(ctx.businessId, { status: input.status, query: input.query, limit: input.limit, cursor });
    return { items: res.items.map(toClient), next_cursor: sealCursor(ctx.businessId, listName, res.cursor) };
  },
  summarize: (o) => `${o.items.length} client(s)${o.next_cursor ? '; more with next_cursor' : ''}: ${o.items.map((c) => `${c.name} (${c.id})`).join(', ') || 'none'}.`,
});

export const getClientOp = defineOperation({
  name: 'get_client',
  title: 'Get client',
  description: `One client of this business with its ${recentNotes} most recent notes.`,
  input: z.strictObject({ client_id: idOf('client') }),
  output: z.object({ client: clientOut, recent_notes: z.array(noteOut) }),
  idempotent: true,
  async handler(ctx, input) {
    const found = await getClientWithNotes(ctx.businessId, input.client_id, recentNotes);
    if (!found) throw notFound('client', input.client_id);
    return { client: toClient(found.client), recent_notes: found.notes.map(toNote) };
  },
  summarize: (o) => `${o.client.name} (${o.client.id}), ${o.client.status}, ${o.client.currency}; ${o.recent_notes.length} recent note(s).`,
});

export const createClientOp = defineOperation({
  name: 'create_client',
  title: 'Create client',
  description: 'Create a client. name is required; email, phone, address, currency (defaults to the business currency), hourly_rate (minor units) and tax_id are optional.',
  input: z.strictObject({
    name: clientFields.name,
    email: clientFields.email.optional(),
    phone: clientFields.phone.optional(),
    address: clientFields.address.optional(),
    currency: clientFields.currency.optional().describe('ISO 4217; defaults to the business currency'),
    hourly_rate: clientFields.hourly_rate.optional(),
    tax_id: clientFields.tax_id.optional(),
    idempotency_key: idempotencyKeyField,
  }),
  output: clientWrite,
  keyed: true,
  async handler(ctx, input) {
    const currency = input.currency ?? ctx.business.currency;
    const now = new Date().toISOString();
    const record: ClientRecord = {
      businessId: ctx.businessId,
      clientId: newId('client'),
      name: input.name,
      nameKey: nameKeyOf(input.name),
      email: input.email,
      phone: input.phone,
      address: input.address,
      currency,
      hourlyRate: input.hourly_rate,
      taxId: input.tax_id,
      status: 'active',
      createdAt: now,
      updatedAt: now,
    };
    return commit(ctx, {
      writes: (e) => [e.client.create(record).commit()],
      activity: { operation: 'create_client', targetId: record.clientId, summary: `Created client ${record.name}` },
      result: { client: toClient(record), acted_on: actedOn(ctx) },
    });
  },
  summarize: (o) => `Created client ${o.client.name} (${o.client.id}) in ${o.acted_on.business_name}.`,
});

const nullable = <T extends z.ZodType>(t: T) => t.nullable().optional();

const clientFieldWords = { name: 'name', email: 'email', phone: 'phone', address: 'address', currency: 'currency', hourly_rate: 'hourly rate', tax_id: 'tax ID', status: 'status' };

export const updateClientOp = defineOperation({
  name: 'update_client',
  title: 'Update client',
  description:
    'Partial update of a client: only the fields given change; null clears an optional field. address is merged field by field with the stored address (null clears the whole address). status: active restores an archived client, archived archives it.',
  input: z.strictObject({
    client_id: idOf('client'),
    name: clientFields.name.optional(),
    email: nullable(clientFields.email),
    phone: nullable(clientFields.phone),
    address: nullable(clientFields.address),
    currency: clientFields.currency.optional(),
    hourly_rate: nullable(clientFields.hourly_rate),
    tax_id: nullable(clientFields.tax_id),
    status: z.enum(['active', 'archived']).optional(),
  }),
  output: clientWrite,
  idempotent: true,
  async handler(ctx, input) {
    const { client_id, ...changes } = input;
    if (Object.keys(changes).length === 0) throw invalidInput('Nothing to update: give at least one field besides client_id.');
    const current = await mustGetClient(ctx, client_id);
    const next: ClientRecord = {
      ...current,
      name: changes.name ?? current.name,
      nameKey: nameKeyOf(changes.name ?? current.name),
      currency: changes.currency ?? current.currency,
      status: changes.status ?? current.status,
      updatedAt: nextUpdatedAt(current.updatedAt),
    };
    const optional = { email: 'email', phone: 'phone', address: 'address', hourly_rate: 'hourlyRate', tax_id: 'taxId' } as const;
    const removed: OptionalClientAttr[] = [];
    for (const [field, attr] of Object.entries(optional) as [keyof typeof optional, OptionalClientAttr][]) {
      const value = changes[field];
      if (value === null) {
        removed.push(attr);
        delete next[attr];
      } else if (field === 'address' && value !== undefined) {
        next.address = { ...current.address, ...changes.address };
      } else if (value !== undefined) {
        (next as Record<string, unknown>)[attr] = value;
      }
    }
    return saveClient(ctx, current, next, removed, `Updated client ${next.name}: ${changedInWords(changes, clientFieldWords, current, next)}`, 'update_client');
  },
  summarize: (o) => `Updated client ${o.client.name} (${o.client.id}); status ${o.client.status}.`,
});

export const addClientNoteOp = defineOperation({
  name: 'add_client_note',
  title: 'Add client note',
  description: 'Append a note (1-5000 characters) to a client. The note records its author and how it was written.',
  input: z.strictObject({ client_id: idOf('client'), body: z.string().trim().min(1).max(5000) }),
  output: z.object({ note: noteOut, acted_on: actedOnSchema }),
  async handler(ctx, input) {
    // Read for the name the activity log shows (and a clear not_found before anything is written).
    const client = await mustGetClient(ctx, input.client_id);
    const note: ClientNoteRecord = {
      businessId: ctx.businessId,
      clientId: input.client_id,
      noteId: newId('clientNote'),
      body: input.body,
      authorId: ctx.userId,
      authorName: ctx.userName,
      via: ctx.via,
      createdAt: new Date().toISOString(),
    };
    return commit(ctx, {
      writes: (e) => [
        // The client must exist in this business; checked in the same transaction as the write.
        e.client.check({ businessId: ctx.businessId, clientId: input.client_id }).where((a, op) => op.exists(a.clientId)).commit(),
        e.clientNote.create(note).commit(),
      ],
      activity: { operation: 'add_client_note', targetId: input.client_id, summary: `Added a note to client ${client.name}` },
      result: { note: toNote(note), acted_on: actedOn(ctx) },
      onConflict: () => notFound('client', input.client_id),
    });
  },
  summarize: (o) => `Added note ${o.note.id} to client ${o.note.client_id}.`,
});

export const archiveClientOp = defineOperation({
  name: 'archive_client',
  title: 'Archive client',
  description: 'Hide a client from default lists. Nothing is deleted; update_client with status: active restores it. Archiving an archived client changes nothing.',
  input: z.strictObject({ client_id: idOf('client') }),
  output: clientWrite,
  idempotent: true,
  async handler(ctx, input) {
    const current = await mustGetClient(ctx, input.client_id);
    if (current.status === 'archived') return { client: toClient(current), acted_on: actedOn(ctx) };
    const next: ClientRecord = { ...current, status: 'archived', updatedAt: nextUpdatedAt(current.updatedAt) };
    return saveClient(ctx, current, next, [], `Archived client ${current.name}`, 'archive_client');
  },
  summarize: (o) => `Client ${o.client.name} (${o.client.id}) is archived.`,
});

export const clientOperations = [listClientsOp, getClientOp, createClientOp, updateClientOp, addClientNoteOp, archiveClientOp];
