import { describe, it, expect, beforeAll } from '@jest/globals';
import { addMember, createBusiness, errorCode, structured, type Member } from '../support/tenant.js';

describe('roles and scopes', () => {
  let owner: Member;
  let member: Member;
  let readOnly: Member;
  let clientId: string;

  beforeAll(async () => {
    owner = await createBusiness('Roles Inc');
    member = await addMember(owner, 'member');
    readOnly = await addMember(owner, 'admin', 'clerq:read');
    clientId = structured<{ client: { id: string } }>(await owner.call('create_client', { name: 'Shared Client' })).client.id;
  });

  it.each([
    ['create_client', () => ({ name: 'Nope' })],
    ['update_client', () => ({ client_id: clientId, name: 'Nope' })],
    ['archive_client', () => ({ client_id: clientId })],
  ])('a member cannot %s', async (tool, args) => {
    const r = await member.call(tool, args());
    expect(errorCode(r)).toBe('forbidden');
    expect(JSON.stringify(r.content)).toMatch(/owner or admin/);
  });

  it('a member can read clients and add notes', async () => {
    expect(structured<{ items: unknown[] }>(await member.call('list_clients')).items.length).toBeGreaterThan(0);
    const note = structured<{ note: { author_id: string } }>(await member.call('add_client_note', { client_id: clientId, body: 'member note' }));
    expect(note.note.author_id).toBe(member.userId);
  });

  it('a read-only connection can read but every write tool says how to reconnect', async () => {
    expect(structured<{ read_only: boolean }>(await readOnly.call('whoami')).read_only).toBe(true);
    structured(await readOnly.call('get_client', { client_id: clientId }));
    for (const [tool, args] of [
      ['create_client', { name: 'Nope' }],
      ['update_client', { client_id: clientId, name: 'Nope' }],
      ['add_client_note', { client_id: clientId, body: 'x' }],
      ['archive_client', { client_id: clientId }],
    ] as const) {
      const r = await readOnly.call(tool, args);
      expect(errorCode(r)).toBe('read_only');
      expect(JSON.stringify(r.content)).toMatch(/connect again/);
    }
    const got = structured<{ client: { name: string; status: string } }>(await owner.call('get_client', { client_id: clientId }));
    expect(got.client).toMatchObject({ name: 'Shared Client', status: 'active' });
  });
});
