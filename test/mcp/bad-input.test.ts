import { describe, it, expect, beforeAll } from '@jest/globals';
import { createBusiness, errorCode, structured, type Member } from '../support/tenant.js';
import { activityCount } from '../support/db-state.js';

const long = (n: number) => 'x'.repeat(n);

describe('bad input is refused with the field named, and nothing is written', () => {
  let owner: Member;
  let clientId: string;
  beforeAll(async () => {
    owner = await createBusiness('Strict Ltd');
    clientId = structured<{ client: { id: string } }>(await owner.call('create_client', { name: 'Valid' })).client.id;
  });

  const cases: [string, string, () => Record<string, unknown>, string][] = [
    ['create_client', 'missing name', () => ({}), 'name'],
    ['create_client', 'name of the wrong type', () => ({ name: 42 }), 'name'],
    ['create_client', 'oversized name', () => ({ name: long(201) }), 'name'],
    ['create_client', 'bad email', () => ({ name: 'A', email: 'not-an-email' }), 'email'],
    ['create_client', 'unknown currency', () => ({ name: 'A', currency: 'ABC' }), 'currency'],
    ['create_client', 'fractional rate', () => ({ name: 'A', hourly_rate: 12.5 }), 'hourly_rate'],
    ['create_client', 'negative rate', () => ({ name: 'A', hourly_rate: -1 }), 'hourly_rate'],
    ['create_client', 'bad country', () => ({ name: 'A', address: { country: 'USA' } }), 'address.country'],
    ['create_client', 'misspelled field', () => ({ name: 'A', hourlyRate: 100 }), '(arguments)'],
    ['create_client', 'short idempotency key', () => ({ name: 'A', idempotency_key: 'short' }), 'idempotency_key'],
    ['get_client', 'missing id', () => ({}), 'client_id'],
    ['get_client', 'a task id for a client id', () => ({ client_id: 'tsk_01JAAAAAAAAAAAAAAAAAAAAAAA' }), 'client_id'],
    ['update_client', 'nothing to update', () => ({ client_id: clientId }), 'client_id'],
    ['update_client', 'wrong status', () => ({ client_id: clientId, status: 'deleted' }), 'status'],
    ['update_client', 'oversized tax id', () => ({ client_id: clientId, tax_id: long(51) }), 'tax_id'],
    ['add_client_note', 'empty note', () => ({ client_id: clientId, body: '   ' }), 'body'],
    ['add_client_note', 'oversized note', () => ({ client_id: clientId, body: long(5001) }), 'body'],
    ['archive_client', 'id of the wrong type', () => ({ client_id: 7 }), 'client_id'],
    ['list_clients', 'limit above 100', () => ({ limit: 101 }), 'limit'],
    ['list_clients', 'wrong status', () => ({ status: 'gone' }), 'status'],
  ];

  it.each(cases)('%s with %s', async (tool, _what, args, field) => {
    const before = await activityCount(owner.businessId);
    const r = await owner.call(tool, args());
    expect(errorCode(r)).toBe('invalid_input');
    const text = JSON.stringify(r.content);
    if (field === '(arguments)') expect(text).toMatch(/hourlyRate/);
    else if (tool === 'update_client' && field === 'client_id' && _what === 'nothing to update') expect(text).toMatch(/Nothing to update/);
    else expect(text).toContain(`${field}:`);
    expect(await activityCount(owner.businessId)).toBe(before);
  });

  it('the valid client is unchanged after all of that', async () => {
    const got = structured<{ client: { name: string; status: string }; recent_notes: unknown[] }>(await owner.call('get_client', { client_id: clientId }));
    expect(got.client).toMatchObject({ name: 'Valid', status: 'active' });
    expect(got.recent_notes).toEqual([]);
  });
});
