import { describe, it, expect, beforeAll } from '@jest/globals';
import { createBusiness, errorCode, structured, type Member } from '../support/tenant.js';

describe('tenancy: another business is invisible', () => {
  let mine: Member;
  let theirs: Member;
  let theirClientId: string;
  const theirSecretName = 'Globex Secret Client';

  beforeAll(async () => {
    mine = await createBusiness('Initech');
    theirs = await createBusiness('Globex Corporation');
    const created = structured<{ client: { id: string } }>(await theirs.call('create_client', { name: theirSecretName, email: 'boss@globex.test' }));
    theirClientId = created.client.id;
    structured(await theirs.call('add_client_note', { client_id: theirClientId, body: 'globex private note' }));
  });

  const calls: [string, (id: string) => Record<string, unknown>][] = [
    ['get_client', (id) => ({ client_id: id })],
    ['update_client', (id) => ({ client_id: id, name: 'Hijacked' })],
    ['add_client_note', (id) => ({ client_id: id, body: 'note from outside' })],
    ['archive_client', (id) => ({ client_id: id })],
  ];

  it.each(calls)('%s with the other business’s client id is not_found and reveals nothing', async (tool, args) => {
    const r = await mine.call(tool, args(theirClientId));
    expect(errorCode(r)).toBe('not_found');
    const raw = JSON.stringify(r);
    for (const secret of [theirSecretName, 'Globex', theirs.businessId, theirs.userId, 'globex private note', 'boss@globex.test']) {
      expect(raw).not.toContain(secret);
    }
  });

  it('list_clients never shows the other business’s clients', async () => {
    for (const args of [{}, { status: 'all' }, { status: 'archived' }, { query: 'globex' }]) {
      const r = await mine.call('list_clients', { ...args, limit: 100 });
      expect(JSON.stringify(r)).not.toContain(theirSecretName);
    }
  });

  it('the other business’s client is unchanged', async () => {
    const got = structured<{ client: { name: string; status: string }; recent_notes: { body: string }[] }>(
      await theirs.call('get_client', { client_id: theirClientId }),
    );
    expect(got.client).toMatchObject({ name: theirSecretName, status: 'active' });
    expect(got.recent_notes.map((n) => n.body)).toEqual(['globex private note']);
  });
});
