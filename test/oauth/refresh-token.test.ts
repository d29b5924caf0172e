import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { entities } from '../../shared/db/service.js';
import { verifyAccessToken } from '../../shared/auth/access-token.js';
import { refreshTokenHashOf } from '../../shared/auth/refresh-tokens.js';
import type { Browser } from './helpers/browser.js';
import { connect, mcpStatus, postForm, registerClient, type Person, type RegisteredClient, type Tokens } from './helpers/flow.js';
import { startInstance } from './helpers/instance.js';

let inst: Awaited<ReturnType<typeof startInstance>>;
let owner: { browser: Browser; person: Person };

beforeAll(async () => {
  inst = await startInstance();
  const first = await connect(inst.url);
  owner = { browser: first.browser, person: first.person };
}, 60_000);
afterAll(() => inst?.stop());

async function connection(): Promise<{ client: RegisteredClient; tokens: Tokens }> {
  return connect(inst.url, { browser: owner.browser, person: owner.person });
}

function refresh(client: RegisteredClient, refreshToken: string, extra: Record<string, string> = {}) {
  return postForm(`${inst.url}/oauth/token`, { grant_type: 'refresh_token', refresh_token: refreshToken, client_id: client.client_id, ...extra });
}

describe('refresh token grant', () => {
  it('issues a new access token and a new refresh token, and the new access token works', async () => {
    const { client, tokens } = await connection();
    const res = await refresh(client, tokens.refresh_token, { resource: inst.mcpUrl });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.json).toMatchObject({ token_type: 'Bearer', expires_in: 3600, scope: 'clerq:read clerq:write' });
    expect(res.json.refresh_token).not.toBe(tokens.refresh_token);
    const before = await verifyAccessToken(tokens.access_token, inst.mcpUrl);
    const after = await verifyAccessToken(String(res.json.access_token), inst.mcpUrl);
    expect(after?.grantId).toBe(before?.grantId);
    expect(await mcpStatus(inst.url, String(res.json.access_token))).toBe(200);
    // Stored by keyed hash only: the token itself appears nowhere in the item.
    const { data } = await entities.refreshToken.get({ tokenHash: refreshTokenHashOf(String(res.json.refresh_token)) }).go(inst.table);
    expect(data).not.toBeNull();
    expect(JSON.stringify(data)).not.toContain(String(res.json.refresh_token));
  });

  it('rotates: reusing a spent refresh token fails and revokes the grant, stopping all of its tokens', async () => {
    const { client, tokens } = await connection();
    const next = await refresh(client, tokens.refresh_token);
    expect(next.status).toBe(200);

    const reuse = await refresh(client, tokens.refresh_token);
    expect(reuse.status).toBe(400);
    expect(reuse.json.error).toBe('invalid_grant');

    const claims = await verifyAccessToken(tokens.access_token, inst.mcpUrl);
    const { data: grant } = await entities.grant.get({ businessId: claims!.businessId, grantId: claims!.grantId }).go(inst.table);
    expect(grant?.status).toBe('revoked');
    expect(grant?.revokedReason).toMatch(/used twice/);
    // The successor issued before the reuse is dead too, and so are the access tokens.
    expect((await refresh(client, String(next.json.refresh_token))).json.error).toBe('invalid_grant');
    expect(await mcpStatus(inst.url, String(next.json.access_token))).toBe(401);
    expect(await mcpStatus(inst.url, tokens.access_token)).toBe(401);
  });

  it('narrows the access token scope on request, keeping the grant scope for the next refresh', async () => {
    const { client, tokens } = await connection();
    const narrow = await refresh(client, tokens.refresh_token, { scope: 'clerq:read' });
    expect(narrow.status).toBe(200);
    expect(narrow.json.scope).toBe('clerq:read');
    expect((await verifyAccessToken(String(narrow.json.access_token), inst.mcpUrl))?.scope).toBe('clerq:read');
    const full = await refresh(client, String(narrow.json.refresh_token));
    expect(full.json.scope).toBe('clerq:read clerq:write');
  });

  it('refuses a wider scope with invalid_scope', async () => {
    const { client, tokens } = await connect(inst.url, { browser: owner.browser, person: owner.person, access: 'read' });
    const res = await refresh(client, tokens.refresh_token, { scope: 'clerq:read clerq:write' });
    expect(res.status).toBe(400);
    expect(res.json.error).toBe('invalid_scope');
  });

  it('refuses another resource with invalid_target', async () => {
    const { client, tokens } = await connection();
    const res = await refresh(client, tokens.refresh_token, { resource: 'https://elsewhere.example/mcp' });
    expect(res.status).toBe(400);
    expect(res.json.error).toBe('invalid_target');
  });

  it("refuses another client's refresh token with invalid_grant", async () => {
    const { tokens } = await connection();
    const other = await registerClient(inst.url);
    const res = await refresh(other, tokens.refresh_token);
    expect(res.status).toBe(400);
    expect(res.json.error).toBe('invalid_grant');
  });

  it('refuses an expired refresh token (expiry checked in code, not left to TTL)', async () => {
    const { client, tokens } = await connection();
    const tokenHash = refreshTokenHashOf(tokens.refresh_token);
    const past = Math.floor(Date.now() / 1000) - 10;
    await entities.refreshToken.patch({ tokenHash }).set({ expiresAt: past }).go(inst.table);
    const res = await refresh(client, tokens.refresh_token);
    expect(res.status).toBe(400);
    expect(res.json.error).toBe('invalid_grant');
  });

  it('refuses an unknown refresh token and a missing one', async () => {
    const client = await registerClient(inst.url);
    expect((await refresh(client, 'crt_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')).json.error).toBe('invalid_grant');
    const missing = await postForm(`${inst.url}/oauth/token`, { grant_type: 'refresh_token', client_id: client.client_id });
    expect(missing.json.error).toBe('invalid_request');
  });
});
