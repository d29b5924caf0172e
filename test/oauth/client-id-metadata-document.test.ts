import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { entities } from '../../shared/db/service.js';
import { fetchClientIdDocument, isClientIdUrl } from '../../shared/auth/client-id-document.js';
import { OAuthError } from '../../shared/auth/errors.js';
import { verifyAccessToken } from '../../shared/auth/access-token.js';
import { Browser } from './helpers/browser.js';
import { authorizeUrl, decide, newPerson, pkcePair, postForm, signUp } from './helpers/flow.js';
import { startInstance } from './helpers/instance.js';

/**
 * Client ID metadata documents. The fetcher is exercised in process against a real HTTPS server
 * on 127.0.0.1 (with a test-only certificate and the test-only loopback allowance), since a test
 * cannot serve from a public address; the instance itself is shown to refuse loopback and
 * private addresses outright.
 */
const cert = readFileSync(new URL('./fixtures/test-only-loopback.cert.pem', import.meta.url));
const key = readFileSync(new URL('./fixtures/test-only-loopback.key.pem', import.meta.url));

let server: Server;
let origin: string;
const hits: string[] = [];
type Answer = { status?: number; headers?: Record<string, string>; body?: string | ((url: string) => string); hang?: boolean };
const answers = new Map<string, Answer>();

let inst: Awaited<ReturnType<typeof startInstance>>;

beforeAll(async () => {
  server = createServer({ cert, key }, (req, res) => {
    hits.push(req.url ?? '');
    const a = answers.get(req.url ?? '') ?? { status: 404, body: 'not found' };
    if (a.hang) return; // never answers
    res.writeHead(a.status ?? 200, { 'content-type': 'application/json', ...a.headers });
    res.end(typeof a.body === 'function' ? a.body(`${origin}${req.url}`) : (a.body ?? ''));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  inst = await startInstance();
}, 60_000);
afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  await inst?.stop();
});

const doc = (extra: Record<string, unknown> = {}) => (url: string) =>
  JSON.stringify({ client_id: url, client_name: 'Doc Client', redirect_uris: ['http://127.0.0.1:7777/callback'], token_endpoint_auth_method: 'none', ...extra });
const testFetch = { timeoutMs: 1000, maxBytes: 64 * 1024, allowLoopback: true, ca: cert };

async function refusal(path: string, answer: Answer, options = testFetch): Promise<string> {
  answers.set(path, answer);
  try {
    await fetchClientIdDocument(`${origin}${path}`, options);
  } catch (e) {
    expect(e).toBeInstanceOf(OAuthError);
    expect((e as OAuthError).code).toBe('invalid_client');
    return (e as OAuthError).description;
  }
  throw new Error(`${path} was accepted`);
}

describe('client ID URLs', () => {
  it('accepts https URLs with a path, in normalized form, and nothing else', () => {
    expect(isClientIdUrl('https://app.example.com/oauth/client.json')).toBe(true);
    expect(isClientIdUrl('https://app.example.com:8443/client')).toBe(true);
    for (const bad of [
      'http://app.example.com/client.json',
      'https://app.example.com',
      'https://app.example.com/',
      'https://app.example.com/client#x',
      'https://user:pw@app.example.com/client',
      'https://app.example.com/a/../client',
      'https://app.example.com/a/%2e%2e/client',
      'https://APP.example.com/client',
      'https://app.example.com:443/client',
      'ocl_01JABCDEFGHJKMNPQRSTVWXYZ0',
    ]) expect([bad, isClientIdUrl(bad)]).toEqual([bad, false]);
  });
});

describe('fetching a client ID metadata document', () => {
  it('validates the document and caches it, honouring max-age within bounds', async () => {
    answers.set('/good.json', { headers: { 'cache-control': 'max-age=600' }, body: doc() });
    const before = Math.floor(Date.now() / 1000);
    const metadata = await fetchClientIdDocument(`${origin}/good.json`, testFetch);
    expect(metadata).toMatchObject({ clientName: 'Doc Client', redirectUris: ['http://127.0.0.1:7777/callback'], tokenEndpointAuthMethod: 'none' });
    const { data } = await entities.oauthClient.get({ clientId: `${origin}/good.json` }).go();
    expect(data?.kind).toBe('metadata_document');
    expect(data!.refreshAfter! - before).toBeGreaterThanOrEqual(600);
    expect(data!.refreshAfter! - before).toBeLessThan(610);

    answers.set('/nostore.json', { headers: { 'cache-control': 'no-store' }, body: doc() });
    await fetchClientIdDocument(`${origin}/nostore.json`, testFetch);
    const { data: short } = await entities.oauthClient.get({ clientId: `${origin}/nostore.json` }).go();
    expect(short!.refreshAfter! - before).toBeLessThan(310); // the 5-minute floor
  });

  it('refuses a document whose client_id is not its URL', async () => {
    expect(await refusal('/impostor.json', { body: doc({ client_id: 'https://famous.example/client.json' }) })).toMatch(/client_id/);
    expect((await entities.oauthClient.get({ clientId: `${origin}/impostor.json` }).go()).data).toBeNull(); // invalid documents are not cached
  });

  it('does not follow redirects', async () => {
    answers.set('/target.json', { body: doc() });
    expect(await refusal('/moved.json', { status: 302, headers: { location: `${origin}/target.json` } })).toMatch(/redirects/);
    expect(hits).not.toContain('/target.json');
  });

  it('refuses error statuses, non-JSON, oversized and slow answers', async () => {
    expect(await refusal('/missing.json', { status: 404, body: '{}' })).toMatch(/404/);
    expect(await refusal('/html.json', { body: '<html>hello</html>' })).toMatch(/not JSON/);
    expect(await refusal('/huge.json', { body: JSON.stringify({ pad: 'x'.repeat(70 * 1024) }) })).toMatch(/larger than/);
    const started = Date.now();
    expect(await refusal('/slow.json', { hang: true }, { ...testFetch, timeoutMs: 300 })).toMatch(/timed out/);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('refuses documents that claim a shared secret or lack required fields', async () => {
    expect(await refusal('/secret.json', { body: doc({ token_endpoint_auth_method: 'client_secret_basic' }) })).toMatch(/secret/);
    expect(await refusal('/jwt.json', { body: doc({ token_endpoint_auth_method: 'private_key_jwt' }) })).toMatch(/token_endpoint_auth_method/);
    expect(await refusal('/noname.json', { body: doc({ client_name: undefined }) })).toMatch(/client_name/);
    expect(await refusal('/nouris.json', { body: doc({ redirect_uris: [] }) })).toMatch(/redirect_uris/);
    expect(await refusal('/badredirect.json', { body: doc({ redirect_uris: ['http://evil.example/cb'] }) })).toMatch(/http/);
  });

  it('refuses loopback and private addresses without the test allowance, before connecting', async () => {
    answers.set('/private.json', { body: doc() });
    const count = hits.length;
    for (const url of [`${origin}/private.json`, `${origin.replace('127.0.0.1', 'localhost')}/private.json`]) {
      await expect(fetchClientIdDocument(url, { timeoutMs: 1000, maxBytes: 65536 })).rejects.toThrow(/not public/);
    }
    for (const url of ['https://10.0.0.1/c.json', 'https://169.254.169.254/latest/meta-data', 'https://[::1]/c.json', 'https://[fd00::1]/c.json', 'https://[::ffff:127.0.0.1]/c.json']) {
      await expect(fetchClientIdDocument(url, { timeoutMs: 1000, maxBytes: 65536 })).rejects.toThrow(/not public/);
    }
    expect(hits.length).toBe(count);
  });
});

describe('a metadata-document client at the instance', () => {
  it('refuses a client_id URL on a loopback or private address with an error page, never redirecting', async () => {
    answers.set('/client.json', { body: doc() });
    const count = hits.length;
    const { challenge } = pkcePair();
    for (const clientId of [`${origin}/client.json`, `${origin.replace('127.0.0.1', 'localhost')}/client.json`]) {
      const res = await new Browser(inst.url).request(authorizeUrl(inst.url, { clientId, redirectUri: 'http://127.0.0.1:7777/callback', challenge }));
      expect(res.status).toBe(400);
      expect(res.location).toBeUndefined();
      expect(res.text).toContain('not public');
    }
    expect(hits.length).toBe(count);
  });

  it('runs the whole flow for a (cached) metadata-document client: consent names its host, tokens carry its URL', async () => {
    const clientId = 'https://assistant.example.org/oauth/client.json';
    const now = Math.floor(Date.now() / 1000);
    await entities.oauthClient
      .put({
        clientId,
        kind: 'metadata_document',
        clientName: 'Doc Assistant',
        redirectUris: ['http://127.0.0.1:7777/callback'],
        tokenEndpointAuthMethod: 'none',
        grantTypes: ['authorization_code', 'refresh_token'],
        createdAt: new Date().toISOString(),
        refreshAfter: now + 3600,
        ttl: now + 86400,
      })
      .go(inst.table);
    const browser = new Browser(inst.url);
    expect((await signUp(browser, newPerson())).status).toBe(302);
    const pkce = pkcePair();
    const redirectUri = 'http://127.0.0.1:7777/callback';
    const { consent, redirect } = await decide(browser, authorizeUrl(inst.url, { clientId, redirectUri, challenge: pkce.challenge }));
    expect(consent.text).toContain('Connect Doc Assistant to Clerq?');
    expect(consent.text).toContain('assistant.example.org');
    const res = await postForm(`${inst.url}/oauth/token`, { grant_type: 'authorization_code', code: redirect.searchParams.get('code')!, code_verifier: pkce.verifier, redirect_uri: redirectUri, client_id: clientId });
    expect(res.status).toBe(200);
    expect((await verifyAccessToken(String(res.json.access_token), inst.mcpUrl))?.clientId).toBe(clientId);
    // A metadata-document client has no secret to present.
    const secret = await postForm(`${inst.url}/oauth/token`, { grant_type: 'refresh_token', refresh_token: String(res.json.refresh_token), client_id: clientId, client_secret: 'x' });
    expect(secret.status).toBe(401);
  });
});
