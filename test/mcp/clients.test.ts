import { describe, it, expect, beforeAll } from '@jest/globals';
import { createBusiness, errorCode, structured, type Member } from '../support/tenant.js';

type Client = { id: string; name: string; status: string; currency: string; hourly_rate: number | null; email: string | null; address: Record<string, string> | null };
type Page = { items: Client[]; next_cursor: string | null };

describe('client tools', () => {
  let owner: Member;
  beforeAll(async () => {
    owner = await createBusiness('Ledger & Co', 'EUR');
  });

  it('creates a client with defaults from the business and names where it acted', async () => {
    const r = structured<{ client: Client; acted_on: Record<string, string> }>(
      await owner.call('create_client', { name: 'Northwind Traders', email: 'ap@northwind.test', address: { city: 'Lyon', country: 'fr' } }),
    );
    expect(r.client.id).toMatch(/^cli_/);
    expect(r.client.currency).toBe('EUR');
    expect(r.client.address).toEqual({ city: 'Lyon', country: 'FR' });
    expect(r.acted_on).toEqual({ business_id: owner.businessId, business_name: 'Ledger & Co', user_id: owner.userId, user_name: 'Owner of Ledger & Co' });
  });

  it('gets a client with its newest notes first', async () => {
    const { client } = structured<{ client: Client }>(await owner.call('create_client', { name: 'Contoso' }));
    for (const body of ['first', 'second', 'third']) structured(await owner.call('add_client_note', { client_id: client.id, body }));
    const got = structured<{ client: Client; recent_notes: { body: string; author_id: string; via: string }[] }>(
      await owner.call('get_client', { client_id: client.id }),
    );
    expect(got.client.name).toBe('Contoso');
    expect(got.recent_notes.map((n) => n.body)).toEqual(['third', 'second', 'first']);
    expect(got.recent_notes[0]).toMatchObject({ author_id: owner.userId, via: 'mcp' });
  });

  it('updates fields partially, clears with null and keeps the rest', async () => {
    const { client } = structured<{ client: Client }>(await owner.call('create_client', { name: 'Fabrikam', email: 'a@fabrikam.test', hourly_rate: 9000 }));
    const u = structured<{ client: Client }>(await owner.call('update_client', { client_id: client.id, name: 'Fabrikam GmbH', email: null }));
    expect(u.client).toMatchObject({ name: 'Fabrikam GmbH', email: null, hourly_rate: 9000 });
    const got = structured<{ client: Client }>(await owner.call('get_client', { client_id: client.id }));
    expect(got.client).toMatchObject({ name: 'Fabrikam GmbH', email: null, hourly_rate: 9000 });
  });

  it('merges an address update field by field, and null clears it', async () => {
    const { client } = structured<{ client: Client }>(
      await owner.call('create_client', { name: 'Address Co', address: { line1: '1 High St', city: 'London', postal_code: 'EC1A 1AA', country: 'GB' } }),
    );
    const moved = structured<{ client: Client }>(await owner.call('update_client', { client_id: client.id, address: { line1: '2 Low Rd' } }));
    expect(moved.client.address).toEqual({ line1: '2 Low Rd', city: 'London', postal_code: 'EC1A 1AA', country: 'GB' });
    const cleared = structured<{ client: Client }>(await owner.call('update_client', { client_id: client.id, address: null }));
    expect(cleared.client.address).toBeNull();
  });

  it('archives, hides from the default list, lists archived, and restores', async () => {
    const { client } = structured<{ client: Client }>(await owner.call('create_client', { name: 'Zeta Archive Test' }));
    expect(structured<{ client: Client }>(await owner.call('archive_client', { client_id: client.id })).client.status).toBe('archived');
    const active = structured<Page>(await owner.call('list_clients', { query: 'zeta archive', limit: 100 }));
    expect(active.items.map((c) => c.id)).not.toContain(client.id);
    const archived = structured<Page>(await owner.call('list_clients', { status: 'archived', limit: 100 }));
    expect(archived.items.map((c) => c.id)).toContain(client.id);
    const restored = structured<{ client: Client }>(await owner.call('update_client', { client_id: client.id, status: 'active' }));
    expect(restored.client.status).toBe('active');
    const again = structured<Page>(await owner.call('list_clients', { query: 'ZETA ARCHIVE' }));
    expect(again.items.map((c) => c.id)).toEqual([client.id]);
  });

  it('pages through clients in name order with sealed cursors', async () => {
    const biz = await createBusiness('Paging Ltd');
    const names = ['delta', 'alpha', 'echo', 'charlie', 'bravo'];
    for (const name of names) structured(await biz.call('create_client', { name }));
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const p = structured<Page>(await biz.call('list_clients', { limit: 2, ...(cursor ? { cursor } : {}) }));
      seen.push(...p.items.map((c) => c.name));
      cursor = p.next_cursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual([...names].sort());

    const first = structured<Page>(await biz.call('list_clients', { limit: 2 }));
    const tampered = `${first.next_cursor!.slice(0, -3)}AAA`;
    expect(errorCode(await biz.call('list_clients', { limit: 2, cursor: tampered }))).toBe('invalid_input');
    // A cursor from one business is refused by another.
    expect(errorCode(await owner.call('list_clients', { limit: 2, cursor: first.next_cursor! }))).toBe('invalid_input');
  });

  it('answers not_found for an unknown client id of the right shape', async () => {
    const r = await owner.call('get_client', { client_id: 'cli_01JZZZZZZZZZZZZZZZZZZZZZZZ' });
    expect(errorCode(r)).toBe('not_found');
    expect(JSON.stringify(r.content)).toContain('cli_01JZZZZZZZZZZZZZZZZZZZZZZZ is not in this business');
  });
});
