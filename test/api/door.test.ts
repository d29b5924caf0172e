import { describe, it, expect, beforeAll } from '@jest/globals';
import { apiPaths } from '../../functions/routes.js';
import { db } from '../../shared/db/service.js';
import { addMember, createBusiness, type Member } from '../support/tenant.js';
import { activityCount } from '../support/db-state.js';
import { resultJson } from '../support/events.js';
import { invokeApi, operationPath, signIn, type ApiBody, type WebSession } from '../support/web-session.js';
import { newId } from '../../shared/ids.js';

/** The web app's JSON door: a session cookie, a CSRF header on every operation, the operations' own checks and codes. */
describe('the JSON door (/api/v1)', () => {
  let owner: Member;
  let member: Member;
  let web: WebSession;
  let memberWeb: WebSession;
  let other: Member;

  beforeAll(async () => {
    owner = await createBusiness('Door Works');
    member = await addMember(owner, 'member');
    other = await createBusiness('Hidden Neighbour Ltd');
    web = await signIn(owner, 'Olivia Owner');
    memberWeb = await signIn(member);
  });

  it('without a session: 401 unauthenticated, for the session and for operations', async () => {
    const s = await invokeApi({ method: 'GET', path: apiPaths.session });
    expect(s.statusCode).toBe(401);
    expect(resultJson<ApiBody>(s).error?.code).toBe('unauthenticated');
    const o = await invokeApi({ method: 'POST', path: operationPath(owner.businessId, 'whoami'), json: {}, headers: { 'x-clerq-csrf': web.csrf } });
    expect(o.statusCode).toBe(401);
  });

  it('the session names the person, their businesses with their role, and a CSRF token', async () => {
    const s = resultJson<{ user: { id: string; name: string }; businesses: { id: string; name: string; role: string }[]; csrf_token: string }>(
      await invokeApi({ method: 'GET', path: apiPaths.session, cookies: web.cookie }),
    );
    expect(s.user).toMatchObject({ id: owner.userId, name: 'Olivia Owner' });
    expect(s.businesses).toEqual([{ id: owner.businessId, name: 'Door Works', role: 'owner' }]);
    expect(s.csrf_token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('runs an operation, recorded as done through the web app', async () => {
    const before = await activityCount(owner.businessId);
    const r = await web.op('create_client', { name: 'Web Client' });
    expect(r.status).toBe(200);
    expect(r.body.result).toMatchObject({ client: { name: 'Web Client' }, acted_on: { business_id: owner.businessId, user_id: owner.userId } });
    const { data } = await db.entities.activity.query.byBusiness({ businessId: owner.businessId }).go({ pages: 'all' });
    expect(data).toHaveLength(before + 1);
    expect(data.at(-1)).toMatchObject({ operation: 'create_client', via: 'web', actorId: owner.userId });
  });

  it('refuses a write without the CSRF header, with another session’s token, or from another site, and writes nothing', async () => {
    const before = await activityCount(owner.businessId);
    const attempts = [
      await web.op('create_client', { name: 'Forged' }, { headers: { 'x-clerq-csrf': '' } }),
      await web.op('create_client', { name: 'Forged' }, { headers: { 'x-clerq-csrf': memberWeb.csrf } }),
      await web.op('create_client', { name: 'Forged' }, { headers: { origin: 'https://evil.example' } }),
      await web.op('create_client', { name: 'Forged' }, { headers: { 'sec-fetch-site': 'cross-site' } }),
    ];
    for (const a of attempts) expect([a.status, a.body.error?.code, a.body.error?.message]).toEqual([403, 'forbidden', expect.stringMatching(/x-clerq-csrf/)]);
    expect(await activityCount(owner.businessId)).toBe(before);
  });

  it('another business, a business that does not exist and a malformed id answer alike, revealing nothing', async () => {
    const ids = [other.businessId, newId('business'), 'not-an-id'];
    const answers = await Promise.all(ids.map((id) => web.op('list_clients', {}, { businessId: id })));
    for (const [i, a] of answers.entries()) {
      expect([a.status, a.body.error]).toEqual([404, { code: 'not_found', message: `business ${ids[i]} is not one of yours` }]);
      expect(JSON.stringify(a.body)).not.toMatch(/Hidden Neighbour/);
    }
  });

  it('answers with the same codes and messages as the tools', async () => {
    const pairs: [WebSession, Member, string, Record<string, unknown>][] = [
      [memberWeb, member, 'create_client', { name: 'Not allowed' }],
      [memberWeb, member, 'list_invoices', {}],
      [web, owner, 'create_client', { name: '' }],
      [web, owner, 'get_client', { client_id: newId('client') }],
      [web, owner, 'issue_invoice', { invoice_id: 'inv_nope' }],
    ];
    for (const [session, m, name, input] of pairs) {
      const viaWeb = await session.op(name, input);
      const viaTool = await m.call(name, input);
      const toolError = viaTool._meta?.['clerq/error'] as { code: string; message: string };
      expect(viaWeb.body.error).toMatchObject({ code: toolError.code, message: toolError.message });
      expect(viaWeb.status).toBe({ forbidden: 403, invalid_input: 400, not_found: 404 }[toolError.code]);
    }
  });

  it('offers the web-only operations the MCP endpoint does not', async () => {
    const newcomer = await addMember(owner, 'member');
    const r = await web.op('change_member_role', { member_id: newcomer.userId, role: 'admin' });
    expect(r.body.result).toMatchObject({ member: { user_id: newcomer.userId, role: 'admin' }, previous_role: 'member' });
    const refused = await memberWeb.op('change_member_role', { member_id: newcomer.userId, role: 'member' });
    expect([refused.status, refused.body.error?.code]).toEqual([403, 'forbidden']);
  });

  it('says clearly what is wrong with a request', async () => {
    expect((await web.op('no_such_operation')).body.error).toEqual({ code: 'not_found', message: 'There is no operation no_such_operation.' });
    const notJson = await invokeApi({
      method: 'POST',
      path: operationPath(owner.businessId, 'whoami'),
      cookies: web.cookie,
      headers: { 'x-clerq-csrf': web.csrf, 'content-type': 'text/plain' },
      body: '{}',
    });
    expect([notJson.statusCode, resultJson<ApiBody>(notJson).error?.code]).toEqual([415, 'invalid_input']);
    const badJson = await invokeApi({
      method: 'POST',
      path: operationPath(owner.businessId, 'whoami'),
      cookies: web.cookie,
      headers: { 'x-clerq-csrf': web.csrf, 'content-type': 'application/json' },
      body: '{"name":',
    });
    expect([badJson.statusCode, resultJson<ApiBody>(badJson).error?.message]).toEqual([400, 'The body is not valid JSON.']);
    const get = await invokeApi({ method: 'GET', path: operationPath(owner.businessId, 'whoami'), cookies: web.cookie });
    expect(get.statusCode).toBe(405);
    expect((await invokeApi({ method: 'GET', path: '/api/v1/nothing', cookies: web.cookie })).statusCode).toBe(404);
  });

  it('a role change or removal applies to the very next web request', async () => {
    const admin = await addMember(owner, 'admin');
    const adminWeb = await signIn(admin);
    expect((await adminWeb.op('create_client', { name: 'As admin' })).status).toBe(200);
    await web.op('change_member_role', { member_id: admin.userId, role: 'member' });
    expect((await adminWeb.op('create_client', { name: 'As member' })).body.error?.code).toBe('forbidden');
    await web.op('remove_member', { member_id: admin.userId });
    expect((await adminWeb.op('list_clients')).status).toBe(404);
  });
});
