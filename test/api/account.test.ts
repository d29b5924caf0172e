import { describe, it, expect } from '@jest/globals';
import { apiPaths } from '../../functions/routes.js';
import { checkCredentials } from '../../shared/auth/sign-in.js';
import { hashPassword } from '../../shared/auth/passwords.js';
import { createBusiness, type Member } from '../support/tenant.js';
import { resultHeader, resultJson } from '../support/events.js';
import { invokeApi, newSession, signIn, type ApiBody, type WebSession } from '../support/web-session.js';

const post = (w: WebSession, path: string, json: unknown = {}, headers: Record<string, string> = {}) =>
  invokeApi({ method: 'POST', path, cookies: w.cookie, headers: { 'x-clerq-csrf': w.csrf, ...headers }, json });
const sessionStatus = async (w: WebSession) => (await invokeApi({ method: 'GET', path: apiPaths.session, cookies: w.cookie })).statusCode;
const email = (m: Member) => `${m.userId.toLowerCase()}@example.test`;

describe('the account endpoints of the JSON door', () => {
  it('signs out this browser, only with the CSRF header', async () => {
    const owner = await createBusiness('Sign Out Co');
    const web = await signIn(owner);
    expect((await post(web, apiPaths.signOut, {}, { 'x-clerq-csrf': 'nope' })).statusCode).toBe(403);
    expect(await sessionStatus(web)).toBe(200);
    const out = await post(web, apiPaths.signOut);
    expect(resultJson<ApiBody>(out).result).toEqual({ signed_out: true });
    expect(out.cookies?.[0]).toMatch(/^clerq_session=; Path=\/; Max-Age=0/);
    expect(await sessionStatus(web)).toBe(401);
  });

  it('signs out everywhere: every session of the person ends', async () => {
    const owner = await createBusiness('Everywhere Co');
    const laptop = await signIn(owner);
    const phone = await newSession(owner);
    const out = resultJson<ApiBody>(await post(phone, apiPaths.signOutEverywhere));
    expect(out.result).toEqual({ sessions_ended: 2 });
    expect([await sessionStatus(laptop), await sessionStatus(phone)]).toEqual([401, 401]);
  });

  it('changes the password with the current one; other sessions end, this one stays', async () => {
    const owner = await createBusiness('Password Co');
    const web = await signIn(owner, 'Pat', await hashPassword('old password 123'));
    const other = await newSession(owner);
    const wrong = resultJson<ApiBody>(await post(web, apiPaths.password, { current_password: 'guess guess 1', new_password: 'new password 456' }));
    expect(wrong.error).toMatchObject({ code: 'invalid_input', message: 'Invalid input: current_password: is not your current password' });
    const short = resultJson<ApiBody>(await post(web, apiPaths.password, { current_password: 'old password 123', new_password: 'short' }));
    expect(short.error?.details).toEqual({ fields: [{ field: 'new_password', message: 'Use at least 10 characters.' }] });
    expect(await sessionStatus(other)).toBe(200);

    const ok = resultJson<ApiBody>(await post(web, apiPaths.password, { current_password: 'old password 123', new_password: 'new password 456' }));
    expect(ok.result).toEqual({ changed: true, other_sessions_ended: 1 });
    expect([await sessionStatus(web), await sessionStatus(other)]).toEqual([200, 401]);
    expect(await checkCredentials(email(owner), 'new password 456', '198.51.100.7')).toMatchObject({ ok: true, userId: owner.userId });
    expect(await checkCredentials(email(owner), 'old password 123', '198.51.100.7')).toMatchObject({ ok: false });
  });

  it('stops guessing after the sign-in page’s limit of wrong passwords', async () => {
    const owner = await createBusiness('Guessing Co');
    const web = await signIn(owner, 'Sam', await hashPassword('right password 1'));
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await post(web, apiPaths.password, { current_password: `wrong ${i} password`, new_password: 'whatever 12345' })).statusCode ?? 0);
    expect(statuses).toEqual([400, 400, 400, 400, 400, 429]);
    const blocked = await post(web, apiPaths.password, { current_password: 'right password 1', new_password: 'whatever 12345' });
    expect(blocked.statusCode).toBe(429);
    expect(resultHeader(blocked, 'content-type')).toMatch(/json/);
  });

  it('needs a session and POST', async () => {
    expect((await invokeApi({ method: 'POST', path: apiPaths.signOutEverywhere, json: {} })).statusCode).toBe(401);
    const owner = await createBusiness('Method Co');
    const web = await signIn(owner);
    expect((await invokeApi({ method: 'GET', path: apiPaths.password, cookies: web.cookie })).statusCode).toBe(405);
  });
});
