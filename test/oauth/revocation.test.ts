import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { entities } from '../../shared/db/service.js';
import { verifyAccessToken } from '../../shared/auth/access-token.js';
import type { Browser } from './helpers/browser.js';
import { authorizeUrl, connect, decide, mcpStatus, pkcePair, postForm, registerClient, type Person, type RegisteredClient, type Tokens } from './helpers/flow.js';
import { startInstance } from './helpers/instance.js';

let inst: Awaited<ReturnType<typeof startInstance>>;
let owner: { browser: Browser; person: Person };

beforeAll(async () => {
  inst = await startInstance();
  const first = await connect(inst.url);
  owner = { browser: first.browser, person: first.person };
}, 60_000);
afterAll(() => inst?.stop());

const revoke = (params: Record<string, string>, headers: Record<string, string> = {}) => postForm(`${inst.url}/oauth/revoke`, params, headers);

async function grantStatus(tokens: Tokens): Promise<string | undefined> {
  const claims = await verifyAccessToken(tokens.access_token, inst.mcpUrl);
  const { data } = await entities.grant.get({ businessId: claims!.businessId, grantId: claims!.grantId }).go(inst.table);
  return data?.status;
}

async function connection(client?: RegisteredClient) {
  return connect(inst.url, { browser: owner.browser, person: owner.person, ...(client ? { client } : {}) });
}

describe('token revocation (RFC 7009)', () => {
  it('revoking the refresh token revokes the connection: refresh fails and the access token gets 401', async () => {
    const { client, tokens } = await connection();
    expect(await mcpStatus(inst.url, tokens.access_token)).toBe(200);
    const res = await revoke({ token: tokens.refresh_token, token_type_hint: 'refresh_token', client_id: client.client_id });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await grantStatus(tokens)).toBe('revoked');
    const again = await postForm(`${inst.url}/oauth/token`, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token, client_id: client.client_id });
    expect(again.json.error).toBe('invalid_grant');
    expect(await mcpStatus(inst.url, tokens.access_token)).toBe(401);
  });

  it('revoking the access token revokes its grant too, whatever the hint says', async () => {
    const { client, tokens } = await connection();
    const res = await revoke({ token: tokens.access_token, token_type_hint: 'refresh_token', client_id: client.client_id });
    expect(res.status).toBe(200);
    expect(await grantStatus(tokens)).toBe('revoked');
    expect(await mcpStatus(inst.url, tokens.access_token)).toBe(401);
  });

  it('writes an activity record naming the client', async () => {
    const { client, tokens } = await connection();
    await revoke({ token: tokens.refresh_token, client_id: client.client_id });
    const claims = await verifyAccessToken(tokens.access_token, inst.mcpUrl);
    const { data } = await entities.activity.query.byBusiness({ businessId: claims!.businessId }).go({ ...inst.table, pages: 'all' });
    expect(data.some((a) => a.operation === 'disconnect' && a.grantId === claims!.grantId && a.summary.includes('Test Assistant'))).toBe(true);
  });

  it('answers 200 for unknown, malformed and already revoked tokens', async () => {
    const { client, tokens } = await connection();
    expect((await revoke({ token: 'crt_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', client_id: client.client_id })).status).toBe(200);
    expect((await revoke({ token: 'not-a-token', client_id: client.client_id })).status).toBe(200);
    expect((await revoke({ token: tokens.refresh_token, client_id: client.client_id })).status).toBe(200);
    expect((await revoke({ token: tokens.refresh_token, client_id: client.client_id })).status).toBe(200);
  });

  it("leaves another client's token alone (and still answers 200)", async () => {
    const { tokens } = await connection();
    const other = await registerClient(inst.url);
    expect((await revoke({ token: tokens.refresh_token, client_id: other.client_id })).status).toBe(200);
    expect((await revoke({ token: tokens.access_token, client_id: other.client_id })).status).toBe(200);
    expect(await grantStatus(tokens)).toBe('active');
  });

  it('requires client authentication', async () => {
    const { tokens } = await connection();
    const anonymous = await revoke({ token: tokens.refresh_token });
    expect(anonymous.status).toBe(401);
    expect(anonymous.json.error).toBe('invalid_client');
    const missing = await revoke({ client_id: (await registerClient(inst.url)).client_id });
    expect(missing.status).toBe(400);
    expect(missing.json.error).toBe('invalid_request');
    expect(await grantStatus(tokens)).toBe('active');
  });

  it('authenticates a confidential client with Basic', async () => {
    const client = await registerClient(inst.url, { token_endpoint_auth_method: 'client_secret_basic' });
    const { tokens } = await basicConnection(client);
    const auth = `Basic ${Buffer.from(`${client.client_id}:${client.client_secret}`).toString('base64')}`;
    const wrong = await revoke({ token: tokens.refresh_token }, { authorization: `Basic ${Buffer.from(`${client.client_id}:nope`).toString('base64')}` });
    expect(wrong.status).toBe(401);
    expect(await grantStatus(tokens)).toBe('active');
    expect((await revoke({ token: tokens.refresh_token }, { authorization: auth })).status).toBe(200);
    expect(await grantStatus(tokens)).toBe('revoked');
  });
});

/** connect() exchanges with client_id in the body; a Basic client needs the header instead. */
async function basicConnection(client: RegisteredClient): Promise<{ tokens: Tokens }> {
  const pkce = pkcePair();
  const redirectUri = client.redirect_uris[0]!;
  const { redirect } = await decide(owner.browser, authorizeUrl(inst.url, { clientId: client.client_id, redirectUri, challenge: pkce.challenge }));
  const res = await postForm(
    `${inst.url}/oauth/token`,
    { grant_type: 'authorization_code', code: redirect.searchParams.get('code')!, code_verifier: pkce.verifier, redirect_uri: redirectUri },
    { authorization: `Basic ${Buffer.from(`${client.client_id}:${client.client_secret}`).toString('base64')}` },
  );
  expect(res.status).toBe(200);
  return { tokens: res.json as unknown as Tokens };
}
