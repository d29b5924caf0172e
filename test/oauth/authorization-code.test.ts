import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { entities } from '../../shared/db/service.js';
import { verifyAccessToken } from '../../shared/auth/access-token.js';
import { Browser } from './helpers/browser.js';
import { authorizeUrl, connect, decide, mcpStatus, newPerson, pkcePair, postForm, registerClient, signUp, type Person } from './helpers/flow.js';
import { formWithAction } from './helpers/html.js';
import { startInstance } from './helpers/instance.js';

let inst: Awaited<ReturnType<typeof startInstance>>;
let owner: { browser: Browser; person: Person };

beforeAll(async () => {
  inst = await startInstance();
  const browser = new Browser(inst.url);
  const person = newPerson();
  const res = await signUp(browser, person);
  expect(res.status).toBe(302);
  owner = { browser, person };
}, 60_000);
afterAll(() => inst?.stop());

describe('authorization code flow with PKCE', () => {
  it('sends a signed-out person to sign-in carrying the request, then back to consent', async () => {
    const client = await registerClient(inst.url);
    const { challenge } = pkcePair();
    const url = authorizeUrl(inst.url, { clientId: client.client_id, redirectUri: client.redirect_uris[0]!, challenge, state: 'xyz' });

    const stranger = new Browser(inst.url);
    const first = await stranger.request(url);
    expect(first.status).toBe(302);
    const signInUrl = new URL(first.location!);
    expect(signInUrl.pathname).toBe('/oauth/sign-in');
    const returnTo = signInUrl.searchParams.get('return_to')!;
    expect(returnTo.startsWith('/oauth/authorize?')).toBe(true);

    // Sign in as the owner through that page: it continues to the consent page.
    const page = await stranger.go(first.location!);
    const form = formWithAction(page.text, '/oauth/sign-in');
    expect(form.fields.get('return_to')).toBe(returnTo);
    form.fields.set('email', owner.person.email);
    form.fields.set('password', owner.person.password);
    const signedIn = await stranger.request(form.action, { form: form.fields });
    expect(signedIn.status).toBe(302);
    expect(new URL(signedIn.location!).pathname + new URL(signedIn.location!).search).toBe(returnTo);
    const consent = await stranger.go(signedIn.location!);
    expect(consent.status).toBe(200);
    expect(consent.text).toContain('Connect Test Assistant to Clerq?');
    expect(consent.text).toContain('127.0.0.1:4455');
    expect(consent.text).toContain(owner.person.businessName);
  });

  it('approves, redirects with code, state and iss, and exchanges the code for audience-bound tokens', async () => {
    const client = await registerClient(inst.url);
    const pkce = pkcePair();
    const redirectUri = client.redirect_uris[0]!;
    const { redirect } = await decide(owner.browser, authorizeUrl(inst.url, { clientId: client.client_id, redirectUri, challenge: pkce.challenge, state: 'st-1', resource: inst.mcpUrl }));
    expect(`${redirect.origin}${redirect.pathname}`).toBe(redirectUri);
    expect(redirect.searchParams.get('state')).toBe('st-1');
    expect(redirect.searchParams.get('iss')).toBe(inst.url);
    const code = redirect.searchParams.get('code')!;
    expect(code).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const res = await postForm(`${inst.url}/oauth/token`, {
      grant_type: 'authorization_code',
      code,
      code_verifier: pkce.verifier,
      redirect_uri: redirectUri,
      client_id: client.client_id,
      resource: inst.mcpUrl,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.json).toMatchObject({ token_type: 'Bearer', expires_in: 3600, scope: 'clerq:read clerq:write' });
    expect(String(res.json.refresh_token)).toMatch(/^crt_/);

    const claims = await verifyAccessToken(String(res.json.access_token), inst.mcpUrl);
    expect(claims).toMatchObject({ clientId: client.client_id, scope: 'clerq:read clerq:write', resource: inst.mcpUrl });
    const { data: grant } = await entities.grant.get({ businessId: claims!.businessId, grantId: claims!.grantId }).go(inst.table);
    expect(grant).toMatchObject({ status: 'active', clientName: 'Test Assistant', userId: claims!.userId, scope: 'clerq:read clerq:write', resource: inst.mcpUrl });
    const { data: activity } = await entities.activity.query.byBusiness({ businessId: claims!.businessId }).go({ ...inst.table, pages: 'all' });
    expect(activity.some((a) => a.operation === 'connect' && a.grantId === claims!.grantId && a.summary.includes('Test Assistant'))).toBe(true);
    expect(await mcpStatus(inst.url, String(res.json.access_token))).toBe(200);
  });

  it('binds the token to the MCP resource when the request names none', async () => {
    const { tokens } = await connect(inst.url, { browser: owner.browser, person: owner.person });
    expect(await verifyAccessToken(tokens.access_token, inst.mcpUrl)).not.toBeNull();
  });

  it('grants read only when the person chooses read only', async () => {
    const { tokens } = await connect(inst.url, { browser: owner.browser, person: owner.person, access: 'read', scope: 'clerq:read clerq:write offline_access' });
    expect(tokens.scope).toBe('clerq:read offline_access');
    expect((await verifyAccessToken(tokens.access_token, inst.mcpUrl))?.scope).toBe('clerq:read offline_access');
  });

  it('offers only read access when only clerq:read is asked for', async () => {
    const client = await registerClient(inst.url);
    const { challenge } = pkcePair();
    const page = await owner.browser.go(authorizeUrl(inst.url, { clientId: client.client_id, redirectUri: client.redirect_uris[0]!, challenge, scope: 'clerq:read' }));
    const form = formWithAction(page.text, '/oauth/consent');
    expect(form.radios.get('access')).toBeUndefined();
    expect(form.fields.get('access')).toBe('read');
  });

  it('answers a denial with access_denied, the state and iss', async () => {
    const client = await registerClient(inst.url);
    const { challenge } = pkcePair();
    const { redirect } = await decide(owner.browser, authorizeUrl(inst.url, { clientId: client.client_id, redirectUri: client.redirect_uris[0]!, challenge, state: 'nope' }), { action: 'deny' });
    expect(redirect.searchParams.get('error')).toBe('access_denied');
    expect(redirect.searchParams.get('state')).toBe('nope');
    expect(redirect.searchParams.get('iss')).toBe(inst.url);
    expect(redirect.searchParams.get('code')).toBeNull();
  });

  it('accepts a loopback redirect URI on another port (RFC 8252 §7.3)', async () => {
    const client = await registerClient(inst.url, { redirect_uris: ['http://127.0.0.1:4455/callback'] });
    const pkce = pkcePair();
    const redirectUri = 'http://127.0.0.1:61234/callback';
    const { redirect } = await decide(owner.browser, authorizeUrl(inst.url, { clientId: client.client_id, redirectUri, challenge: pkce.challenge }));
    expect(redirect.port).toBe('61234');
    const res = await postForm(`${inst.url}/oauth/token`, { grant_type: 'authorization_code', code: redirect.searchParams.get('code')!, code_verifier: pkce.verifier, redirect_uri: redirectUri, client_id: client.client_id });
    expect(res.status).toBe(200);
  });

  it('lets the person pick among their businesses, and re-checks membership on approval', async () => {
    // Give the owner a second business by membership.
    const claims = await verifyAccessToken((await connect(inst.url, { browser: owner.browser, person: owner.person })).tokens.access_token, inst.mcpUrl);
    const second = { businessId: 'biz_01JSECONDBUSINESS000000000', businessName: 'Second Shop' };
    await entities.business.put({ ...second, name: second.businessName, currency: 'EUR', timeZone: 'UTC', createdAt: new Date().toISOString(), createdBy: claims!.userId }).go(inst.table);
    await entities.membership
      .put({ ...second, userId: claims!.userId, role: 'member', userName: owner.person.name, userEmail: owner.person.email, joinedAt: new Date().toISOString() })
      .go(inst.table);

    const client = await registerClient(inst.url);
    const pkce = pkcePair();
    const url = authorizeUrl(inst.url, { clientId: client.client_id, redirectUri: client.redirect_uris[0]!, challenge: pkce.challenge });
    const page = await owner.browser.go(url);
    const form = formWithAction(page.text, '/oauth/consent');
    expect(form.radios.get('business')?.sort()).toEqual([claims!.businessId, second.businessId].sort());

    const { redirect } = await decide(owner.browser, url, { business: second.businessId });
    const res = await postForm(`${inst.url}/oauth/token`, { grant_type: 'authorization_code', code: redirect.searchParams.get('code')!, code_verifier: pkce.verifier, client_id: client.client_id });
    expect(res.status).toBe(200);
    expect((await verifyAccessToken(String(res.json.access_token), inst.mcpUrl))?.businessId).toBe(second.businessId);

    // A business the person does not belong to is refused, even in a hand-made form.
    const again = await owner.browser.go(url);
    const forged = formWithAction(again.text, '/oauth/consent');
    forged.fields.set('business', 'biz_01JNOTMINE0000000000000000');
    forged.fields.set('action', 'approve');
    const refused = await owner.browser.request(forged.action, { form: forged.fields });
    expect(refused.status).toBe(403);
    expect(refused.location).toBeUndefined();
  });
});

describe('confidential clients', () => {
  async function codeFor(client: { client_id: string; redirect_uris: string[] }) {
    const pkce = pkcePair();
    const { redirect } = await decide(owner.browser, authorizeUrl(inst.url, { clientId: client.client_id, redirectUri: client.redirect_uris[0]!, challenge: pkce.challenge }));
    return { code: redirect.searchParams.get('code')!, verifier: pkce.verifier, redirect_uri: client.redirect_uris[0]! };
  }
  const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;

  it('authenticates client_secret_basic, and refuses a wrong secret with 401 and a Basic challenge', async () => {
    const client = await registerClient(inst.url, { token_endpoint_auth_method: 'client_secret_basic' });
    expect(client.client_secret).toMatch(/^ocs_/);
    const c = await codeFor(client);
    const params = { grant_type: 'authorization_code', code: c.code, code_verifier: c.verifier, redirect_uri: c.redirect_uri };

    const wrong = await postForm(`${inst.url}/oauth/token`, params, { authorization: basic(client.client_id, 'ocs_wrong') });
    expect(wrong.status).toBe(401);
    expect(wrong.json.error).toBe('invalid_client');
    expect(wrong.headers.get('www-authenticate')).toMatch(/^Basic /);

    const none = await postForm(`${inst.url}/oauth/token`, { ...params, client_id: client.client_id });
    expect(none.status).toBe(401);

    const viaPost = await postForm(`${inst.url}/oauth/token`, { ...params, client_id: client.client_id, client_secret: client.client_secret! });
    expect(viaPost.status).toBe(401);

    const ok = await postForm(`${inst.url}/oauth/token`, params, { authorization: basic(client.client_id, client.client_secret!) });
    expect(ok.status).toBe(200);
  });

  it('authenticates client_secret_post', async () => {
    const client = await registerClient(inst.url, { token_endpoint_auth_method: 'client_secret_post' });
    const c = await codeFor(client);
    const params = { grant_type: 'authorization_code', code: c.code, code_verifier: c.verifier, redirect_uri: c.redirect_uri, client_id: client.client_id };
    const wrong = await postForm(`${inst.url}/oauth/token`, { ...params, client_secret: 'ocs_wrong' });
    expect(wrong.status).toBe(401);
    expect(wrong.json.error).toBe('invalid_client');
    const viaBasic = await postForm(`${inst.url}/oauth/token`, params, { authorization: basic(client.client_id, client.client_secret!) });
    expect(viaBasic.status).toBe(401); // Basic is not the method this client registered
    expect(viaBasic.json.error).toBe('invalid_client');
    const both = await postForm(`${inst.url}/oauth/token`, { ...params, client_secret: client.client_secret! }, { authorization: basic(client.client_id, client.client_secret!) });
    expect(both.status).toBe(400); // two methods at once
    expect(both.json.error).toBe('invalid_request');
    const ok = await postForm(`${inst.url}/oauth/token`, { ...params, client_secret: client.client_secret! });
    expect(ok.status).toBe(200);
  });
});
