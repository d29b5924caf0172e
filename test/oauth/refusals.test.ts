import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { entities } from '../../shared/db/service.js';
import { signAccessToken, verifyAccessToken } from '../../shared/auth/access-token.js';
import { codeHashOf } from '../../shared/auth/authorization-codes.js';
import { Browser } from './helpers/browser.js';
import { authorizeUrl, connect, decide, mcpStatus, pkcePair, postForm, registerClient, type Person, type RegisteredClient } from './helpers/flow.js';
import { startInstance } from './helpers/instance.js';

let inst: Awaited<ReturnType<typeof startInstance>>;
let owner: { browser: Browser; person: Person };

beforeAll(async () => {
  inst = await startInstance();
  const first = await connect(inst.url);
  owner = { browser: first.browser, person: first.person };
}, 60_000);
afterAll(() => inst?.stop());

const token = (params: Record<string, string>) => postForm(`${inst.url}/oauth/token`, params);

async function approvedCode(client?: RegisteredClient) {
  const c = client ?? (await registerClient(inst.url));
  const pkce = pkcePair();
  const redirectUri = c.redirect_uris[0]!;
  const { redirect } = await decide(owner.browser, authorizeUrl(inst.url, { clientId: c.client_id, redirectUri, challenge: pkce.challenge }));
  const code = redirect.searchParams.get('code')!;
  const exchange = (extra: Record<string, string> = {}) =>
    token({ grant_type: 'authorization_code', code, code_verifier: pkce.verifier, redirect_uri: redirectUri, client_id: c.client_id, ...extra });
  return { client: c, code, pkce, redirectUri, exchange };
}

describe('authorization code refusals', () => {
  it('refuses a wrong PKCE verifier', async () => {
    const { exchange } = await approvedCode();
    const res = await exchange({ code_verifier: randomBytes(32).toString('base64url') });
    expect(res.status).toBe(400);
    expect(res.json.error).toBe('invalid_grant');
    expect((await exchange({ code_verifier: 'short' })).json.error).toBe('invalid_grant');
  });

  it('refuses a reused code and revokes the grant its first use created, so those tokens stop working', async () => {
    const { exchange } = await approvedCode();
    const first = await exchange();
    expect(first.status).toBe(200);
    const second = await exchange();
    expect(second.status).toBe(400);
    expect(second.json.error).toBe('invalid_grant');

    const claims = await verifyAccessToken(String(first.json.access_token), inst.mcpUrl);
    const { data: grant } = await entities.grant.get({ businessId: claims!.businessId, grantId: claims!.grantId }).go(inst.table);
    expect(grant?.status).toBe('revoked');
    expect(await mcpStatus(inst.url, String(first.json.access_token))).toBe(401);
    const refreshed = await token({ grant_type: 'refresh_token', refresh_token: String(first.json.refresh_token), client_id: claims!.clientId });
    expect(refreshed.json.error).toBe('invalid_grant');
  });

  it('refuses an expired code (expiry checked in code, not left to TTL)', async () => {
    const client = await registerClient(inst.url);
    const pkce = pkcePair();
    const code = randomBytes(32).toString('base64url');
    const claims = await verifyAccessToken((await connect(inst.url, { browser: owner.browser, person: owner.person })).tokens.access_token, inst.mcpUrl);
    const past = Math.floor(Date.now() / 1000) - 1;
    await entities.authCode
      .create({
        codeHash: codeHashOf(code),
        clientId: client.client_id,
        userId: claims!.userId,
        businessId: claims!.businessId,
        scope: 'clerq:read',
        redirectUri: client.redirect_uris[0]!,
        codeChallenge: pkce.challenge,
        resource: inst.mcpUrl,
        expiresAt: past,
        ttl: past + 86400,
      })
      .go(inst.table);
    const res = await token({ grant_type: 'authorization_code', code, code_verifier: pkce.verifier, redirect_uri: client.redirect_uris[0]!, client_id: client.client_id });
    expect(res.status).toBe(400);
    expect(res.json.error).toBe('invalid_grant');
  });

  it("refuses a code presented by another client, a different redirect_uri, or another resource", async () => {
    const a = await approvedCode();
    const other = await registerClient(inst.url);
    expect((await a.exchange({ client_id: other.client_id })).json.error).toBe('invalid_grant');
    expect((await a.exchange({ redirect_uri: 'http://127.0.0.1:4455/other' })).json.error).toBe('invalid_grant');
    const target = await a.exchange({ resource: 'https://elsewhere.example/mcp' });
    expect(target.status).toBe(400);
    expect(target.json.error).toBe('invalid_target');
    expect((await a.exchange()).status).toBe(200);
  });

  it('refuses unknown grant types, missing parameters and non-form bodies per RFC 6749 §5.2', async () => {
    const client = await registerClient(inst.url);
    const password = await token({ grant_type: 'password', username: 'a', password: 'b', client_id: client.client_id });
    expect([password.status, password.json.error]).toEqual([400, 'unsupported_grant_type']);
    expect((await token({ client_id: client.client_id })).json.error).toBe('invalid_request');
    expect((await token({ grant_type: 'authorization_code', client_id: client.client_id })).json.error).toBe('invalid_request');
    const json = await fetch(`${inst.url}/oauth/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"grant_type":"authorization_code"}' });
    expect(json.status).toBe(400);
    expect(((await json.json()) as { error: string }).error).toBe('invalid_request');
    const unknownClient = await token({ grant_type: 'authorization_code', code: 'x', code_verifier: 'y', client_id: 'ocl_01JUNKNOWN0000000000000000' });
    expect([unknownClient.status, unknownClient.json.error]).toEqual([401, 'invalid_client']);
  });
});

describe('authorization request refusals', () => {
  it('shows an error page and never redirects for a redirect URI that was not registered', async () => {
    const client = await registerClient(inst.url);
    const { challenge } = pkcePair();
    for (const browser of [owner.browser, new Browser(inst.url)]) {
      const res = await browser.request(authorizeUrl(inst.url, { clientId: client.client_id, redirectUri: 'https://attacker.example/callback', challenge, state: 's' }));
      expect(res.status).toBe(400);
      expect(res.location).toBeUndefined();
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(res.text).toContain('not one the application registered');
      expect(res.text).not.toContain('attacker.example');
    }
  });

  it('shows an error page for an unknown client or a missing redirect URI', async () => {
    const { challenge } = pkcePair();
    const unknown = await owner.browser.request(authorizeUrl(inst.url, { clientId: 'ocl_01JUNKNOWN0000000000000000', redirectUri: 'http://127.0.0.1:4455/callback', challenge }));
    expect(unknown.status).toBe(400);
    expect(unknown.location).toBeUndefined();
    const client = await registerClient(inst.url);
    const missing = await owner.browser.request(`${inst.url}/oauth/authorize?response_type=code&client_id=${client.client_id}&code_challenge=${challenge}&code_challenge_method=S256`);
    expect(missing.status).toBe(400);
    expect(missing.location).toBeUndefined();
  });

  it('sends other problems back to the redirect URI with error, state and iss', async () => {
    const client = await registerClient(inst.url);
    const { challenge } = pkcePair();
    const base = { clientId: client.client_id, redirectUri: client.redirect_uris[0]!, challenge, state: 'keep-me' };
    const cases: [string, Record<string, string>, string][] = [
      ['plain PKCE', { code_challenge_method: 'plain' }, 'invalid_request'],
      ['no PKCE', { code_challenge: '' }, 'invalid_request'],
      ['implicit', { response_type: 'token' }, 'unsupported_response_type'],
      ['unknown scope', { scope: 'clerq:read admin' }, 'invalid_scope'],
      ['another resource', { resource: 'https://elsewhere.example/mcp' }, 'invalid_target'],
    ];
    for (const [, extra, error] of cases) {
      const url = new URL(authorizeUrl(inst.url, base));
      for (const [k, v] of Object.entries(extra)) url.searchParams.set(k, v);
      const res = await owner.browser.request(url.toString());
      expect(res.status).toBe(302);
      const to = new URL(res.location!);
      expect(`${to.origin}${to.pathname}`).toBe(client.redirect_uris[0]);
      expect([to.searchParams.get('error'), to.searchParams.get('state'), to.searchParams.get('iss')]).toEqual([error, 'keep-me', inst.url]);
      expect(to.searchParams.get('code')).toBeNull();
    }
    const twice = await owner.browser.request(`${authorizeUrl(inst.url, base)}&scope=clerq:read&scope=clerq:write`);
    expect(new URL(twice.location!).searchParams.get('error')).toBe('invalid_request');
  });
});

describe('access token refusals', () => {
  let claims: NonNullable<Awaited<ReturnType<typeof verifyAccessToken>>>;
  let accessToken: string;
  beforeAll(async () => {
    accessToken = (await connect(inst.url, { browser: owner.browser, person: owner.person })).tokens.access_token;
    claims = (await verifyAccessToken(accessToken, inst.mcpUrl))!;
  });
  const base = () => ({ userId: claims.userId, businessId: claims.businessId, grantId: claims.grantId, clientId: claims.clientId, scope: claims.scope });

  it('refuses a token for another audience', async () => {
    const { token: other } = await signAccessToken({ ...base(), resource: 'https://elsewhere.example/mcp' });
    expect(await verifyAccessToken(other, inst.mcpUrl)).toBeNull();
    expect(await mcpStatus(inst.url, other)).toBe(401);
  });

  it('refuses a tampered token', async () => {
    const [h, p, s] = accessToken.split('.');
    const payload = JSON.parse(Buffer.from(p!, 'base64url').toString()) as Record<string, unknown>;
    const forged = `${h}.${Buffer.from(JSON.stringify({ ...payload, biz: 'biz_01JSOMEONEELSE0000000000000' })).toString('base64url')}.${s}`;
    expect(await verifyAccessToken(forged, inst.mcpUrl)).toBeNull();
    expect(await mcpStatus(inst.url, forged)).toBe(401);
  });

  it('refuses alg: none', async () => {
    const [, p] = accessToken.split('.');
    const unsigned = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'at+jwt' })).toString('base64url')}.${p}.`;
    expect(await verifyAccessToken(unsigned, inst.mcpUrl)).toBeNull();
    expect(await mcpStatus(inst.url, unsigned)).toBe(401);
  });

  it('refuses an expired token', async () => {
    const { token: old } = await signAccessToken({ ...base(), resource: inst.mcpUrl }, Date.now() - 2 * 3600 * 1000);
    expect(await verifyAccessToken(old, inst.mcpUrl)).toBeNull();
    expect(await mcpStatus(inst.url, old)).toBe(401);
  });

  it('refuses a token whose grant was revoked', async () => {
    const { client, tokens } = await connect(inst.url, { browser: owner.browser, person: owner.person });
    expect(await mcpStatus(inst.url, tokens.access_token)).toBe(200);
    await postForm(`${inst.url}/oauth/revoke`, { token: tokens.refresh_token, client_id: client.client_id });
    expect(await verifyAccessToken(tokens.access_token, inst.mcpUrl)).not.toBeNull(); // still a valid JWT…
    expect(await mcpStatus(inst.url, tokens.access_token)).toBe(401); // …but its grant is gone
  });
});

describe('rotating BETTER_AUTH_SECRET', () => {
  it('invalidates refresh tokens, access tokens and sessions issued before', async () => {
    const { client, tokens } = await connect(inst.url, { browser: owner.browser, person: owner.person });
    const port = new URL(inst.url).port;
    const table = inst.tableName;
    await inst.stop();
    // The same table and public URL, another secret.
    inst = await startInstance({ tableName: table, env: { APP_PORT: port, BETTER_AUTH_SECRET: randomBytes(48).toString('base64url') } });
    expect(inst.url).toBe(`http://localhost:${port}`);

    const refreshed = await token({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token, client_id: client.client_id });
    expect(refreshed.status).toBe(400);
    expect(refreshed.json.error).toBe('invalid_grant');
    expect(await mcpStatus(inst.url, tokens.access_token)).toBe(401);
    // The old session cookie no longer signs anyone in.
    const { challenge } = pkcePair();
    const res = await owner.browser.request(authorizeUrl(inst.url, { clientId: client.client_id, redirectUri: client.redirect_uris[0]!, challenge }));
    expect(res.status).toBe(302);
    expect(new URL(res.location!).pathname).toBe('/oauth/sign-in');
  }, 60_000);
});
