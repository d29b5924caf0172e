import { describe, it, expect } from '@jest/globals';
import { createBusiness, errorCode, structured } from '../support/tenant.js';
import { activityCount } from '../support/db-state.js';

type Created = { client: { id: string } };

describe('idempotency_key', () => {
  it('the same key with the same arguments makes one client and returns the first result', async () => {
    const owner = await createBusiness('Once Ltd');
    const args = { name: 'Repeat Client', email: 'r@repeat.test', idempotency_key: 'create-repeat-1' };
    const first = structured<Created>(await owner.call('create_client', args));
    const second = structured<Created>(await owner.call('create_client', { email: 'r@repeat.test', name: 'Repeat Client', idempotency_key: 'create-repeat-1' }));
    expect(second).toEqual(first);
    const list = structured<{ items: { id: string }[] }>(await owner.call('list_clients', { status: 'all' }));
    expect(list.items.map((c) => c.id)).toEqual([first.client.id]);
    expect(await activityCount(owner.businessId)).toBe(1);
  });

  it('the same key with other arguments is a conflict and writes nothing', async () => {
    const owner = await createBusiness('Twice Ltd');
    structured(await owner.call('create_client', { name: 'First', idempotency_key: 'key-conflict-1' }));
    const r = await owner.call('create_client', { name: 'Second', idempotency_key: 'key-conflict-1' });
    expect(errorCode(r)).toBe('conflict');
    const list = structured<{ items: { name: string }[] }>(await owner.call('list_clients', { status: 'all' }));
    expect(list.items.map((c) => c.name)).toEqual(['First']);
  });

  it('concurrent requests with one key make exactly one client', async () => {
    const owner = await createBusiness('Race Ltd');
    const results = await Promise.all(
      Array.from({ length: 8 }, () => owner.call('create_client', { name: 'Raced', idempotency_key: 'race-key-0001' })),
    );
    const ids = new Set(results.map((r) => structured<Created>(r).client.id));
    expect(ids.size).toBe(1);
    const list = structured<{ items: unknown[] }>(await owner.call('list_clients', { status: 'all' }));
    expect(list.items).toHaveLength(1);
  });
});
