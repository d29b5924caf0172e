import { describe, it, expect, beforeAll } from '@jest/globals';
import { permissions, type Permission } from '../../shared/ops/permissions.js';
import { operationsByName } from '../../shared/ops/registry.js';
import { addMember, createBusiness, type Member } from '../support/tenant.js';
import { signIn, type WebSession } from '../support/web-session.js';

/**
 * The tenancy test for the web-only operations, through the JSON door: every id argument filled
 * with a real id of another business is not_found, and the answer holds nothing of it.
 */

/** Which record each id argument names (a business's tax_id is free text, not a record id), and the arguments that make the call valid otherwise. */
const idKinds: Record<string, 'user' | 'grant'> = { member_id: 'user', connection_id: 'grant' };
const otherArgs: Record<string, Record<string, unknown>> = { change_member_role: { role: 'admin' } };

const webOnly = Object.entries(permissions as Record<string, Permission>)
  .filter(([, p]) => p.door === 'web')
  .map(([name]) => [name, Object.keys(operationsByName.get(name)!.input.shape).filter((k) => k.endsWith('_id') && k !== 'tax_id')] as const)
  .filter(([, ids]) => ids.length > 0);

describe('tenancy of the web-only operations', () => {
  let mine: Member;
  let web: WebSession;
  let theirs: Member;
  let theirMember: Member;

  beforeAll(async () => {
    mine = await createBusiness('Initech Web');
    web = await signIn(mine);
    theirs = await createBusiness('Globex Hidden Web');
    theirMember = await addMember(theirs, 'member');
  });

  it('covers the web-only operations that take an id', () => {
    expect(webOnly.map(([n]) => n).sort()).toEqual(['change_member_role', 'list_activity', 'remove_member', 'revoke_connection', 'transfer_ownership']);
  });

  it.each(webOnly)('%s', async (name, ids) => {
    for (const id of ids) {
      const kind = idKinds[id];
      expect(kind).toBeDefined();
      const foreign = kind === 'user' ? theirMember.userId : theirMember.grantId;
      const a = await web.op(name, { ...otherArgs[name], [id]: foreign });
      expect([name, id, a.status, a.body.error?.code]).toEqual([name, id, 404, 'not_found']);
      const raw = JSON.stringify(a.body).split(foreign).join('<passed id>');
      for (const secret of [theirs.businessId, theirs.userId, theirs.grantId, theirMember.userId, theirMember.grantId, 'Globex']) expect(raw).not.toContain(secret);
    }
    // Control: the same call with an id of this business is not refused as unknown.
    const own = await addMember(mine, 'member');
    const control = await web.op(name, { ...otherArgs[name], ...Object.fromEntries(ids.map((id) => [id, idKinds[id] === 'user' ? own.userId : own.grantId])) });
    expect([name, control.status]).toEqual([name, 200]);
  });
});
