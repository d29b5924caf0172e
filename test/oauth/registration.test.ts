import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { request } from 'node:http';
import { entities } from '../../shared/db/service.js';
import { postJson } from './helpers/flow.js';
import { startInstance } from './helpers/instance.js';

let inst: Awaited<ReturnType<typeof startInstance>>;

beforeAll(async () => {
  inst = await startInstance();
}, 60_000);
afterAll(() => inst?.stop());

const register = (body: unknown) => postJson(`${inst.url}/oauth/register`, body);
const valid = { client_name: 'Registrar Test', redirect_uris: ['https://app.example.com/callback'], token_endpoint_auth_method: 'none' };

/** A GET with a Host header of our choosing (fetch does not allow setting Host). */
function getWithHost(path: string, host: string): Promise<{ status: number; json: Record<string, unknown> }> {
  const url = new URL(path, inst.url);
  return new Promise((resolve, reject) => {
    request({ hostname: '127.0.0.1', port: url.port, path: url.pathname, headers: { host } }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(body) as Record<string, unknown> }));
    })
      .on('error', reject)
      .end();
  });
}

describe('discovery metadata', () => {
  it('publishes RFC 9728 protected resource metadata at both well-known paths', async () => {
    for (const path of ['/.well-known/oauth-protected-resource/api/mcp', '/.well-known/oauth-protected-resource']) {
      const res = await fetch(`${inst.url}${path}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
      expect(await res.json()).toEqual({
        resource: inst.mcpUrl,
        authorization_servers: [inst.url],
        scopes_supported: ['clerq:read', 'clerq:write'],
        bearer_methods_supported: ['header'],
        resource_name: 'Clerq',
      });
    }
  });

  it('publishes RFC 8414 authorization server metadata listing what is implemented', async () => {
    const res = await fetch(`${inst.url}/.well-known/oauth-authorization-server`);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(await res.json()).toEqual({
      issuer: inst.url,
      authorization_endpoint: `${inst.url}/oauth/authorize`,
      token_endpoint: `${inst.url}/oauth/token`,
      registration_endpoint: `${inst.url}/oauth/register`,
      revocation_endpoint: `${inst.url}/oauth/revoke`,
      scopes_supported: ['clerq:read', 'clerq:write', 'offline_access'],
      response_types_supported: ['code'],
      response_modes_supported: ['query'],
      grant_types_supported: ['authorization_code', 'refresh_token'],
      code_challenge_methods_supported: ['S256'],
      token_endpoint_auth_methods_supported: ['none', 'client_secret_basic', 'client_secret_post'],
      revocation_endpoint_auth_methods_supported: ['none', 'client_secret_basic', 'client_secret_post'],
      authorization_response_iss_parameter_supported: true,
      client_id_metadata_document_supported: true,
    });
  });

  it('takes every URL from configuration, never from the Host header', async () => {
    const as = await getWithHost('/.well-known/oauth-authorization-server', 'evil.example');
    expect(as.json.issuer).toBe(inst.url);
    expect(as.json.token_endpoint).toBe(`${inst.url}/oauth/token`);
    const prm = await getWithHost('/.well-known/oauth-protected-resource/api/mcp', 'evil.example');
    expect(prm.json.resource).toBe(inst.mcpUrl);
  });

  it('answers CORS preflight on the registration endpoint', async () => {
    const res = await fetch(`${inst.url}/oauth/register`, { method: 'OPTIONS', headers: { origin: 'https://app.example.com', 'access-control-request-method': 'POST' } });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
  });
});

describe('dynamic client registration (RFC 7591)', () => {
  it('registers a public client: 201, an ocl_ id, no secret, the registered metadata echoed', async () => {
    const res = await register({ ...valid, scope: 'clerq:read openid', grant_types: ['authorization_code'] });
    expect(res.status).toBe(201);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.json.client_id).toMatch(/^ocl_[0-9A-Z]{26}$/);
    expect(res.json).not.toHaveProperty('client_secret');
    expect(res.json).toMatchObject({
      client_name: 'Registrar Test',
      redirect_uris: ['https://app.example.com/callback'],
      token_endpoint_auth_method: 'none',
      grant_types: ['authorization_code', 'refresh_token'], // refresh tokens are always issued, so both are registered
      response_types: ['code'],
      scope: 'clerq:read', // unknown scopes dropped
    });
    expect(typeof res.json.client_id_issued_at).toBe('number');
    const { data } = await entities.oauthClient.get({ clientId: String(res.json.client_id) }).go(inst.table);
    expect(data).toMatchObject({ kind: 'registered', tokenEndpointAuthMethod: 'none' });
  });

  it('registers a confidential client (client_secret_basic by default), returning the secret once and storing only its hash', async () => {
    const res = await register({ client_name: 'Server App', redirect_uris: ['https://app.example.com/callback'] });
    expect(res.status).toBe(201);
    expect(res.json.token_endpoint_auth_method).toBe('client_secret_basic');
    expect(res.json.client_secret_expires_at).toBe(0);
    const secret = String(res.json.client_secret);
    expect(secret).toMatch(/^ocs_[A-Za-z0-9_-]{43}$/);
    const { data } = await entities.oauthClient.get({ clientId: String(res.json.client_id) }).go(inst.table);
    expect(JSON.stringify(data)).not.toContain(secret);
    expect(data?.clientSecretHash).toBe(createHash('sha256').update(secret).digest('base64url'));

    const post = await register({ ...valid, token_endpoint_auth_method: 'client_secret_post' });
    expect(post.json.token_endpoint_auth_method).toBe('client_secret_post');
    expect(post.json.client_secret).toBeDefined();
  });

  it('accepts loopback http and private-use scheme redirect URIs for native apps', async () => {
    const res = await register({
      ...valid,
      redirect_uris: ['http://localhost:3000/cb', 'http://127.0.0.1/cb', 'http://[::1]:8080/cb', 'com.example.app:/oauth', 'cursor://anysphere.cursor-mcp/oauth/callback'],
    });
    expect(res.status).toBe(201);
  });

  it.each([
    ['missing', undefined],
    ['empty', []],
    ['not strings', [42]],
    ['http on a public host', ['http://app.example.com/cb']],
    ['a fragment', ['https://app.example.com/cb#frag']],
    ['javascript:', ['javascript:alert(1)']],
    ['data:', ['data:text/html,hi']],
    ['relative', ['/callback']],
    ['user info', ['https://user:pw@app.example.com/cb']],
  ])('refuses redirect_uris that are %s with invalid_redirect_uri', async (_label, uris) => {
    const res = await register({ ...valid, redirect_uris: uris });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(res.json.error).toBe('invalid_redirect_uri');
    expect(typeof res.json.error_description).toBe('string');
  });

  it.each([
    ['an array body', [valid]],
    ['an unsupported auth method', { ...valid, token_endpoint_auth_method: 'private_key_jwt' }],
    ['a name over 200 characters', { ...valid, client_name: 'x'.repeat(201) }],
    ['a name with control characters', { ...valid, client_name: 'Nice\u0000App' }],
    ['an unsupported grant type', { ...valid, grant_types: ['implicit'] }],
    ['an unsupported response type', { ...valid, response_types: ['token'] }],
    ['a javascript: client_uri', { ...valid, client_uri: 'javascript:alert(1)' }],
    ['a non-string name', { ...valid, client_name: { html: '<b>' } }],
  ])('refuses %s with invalid_client_metadata', async (_label, body) => {
    const res = await register(body);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(res.json.error).toBe('invalid_client_metadata');
  });

  it('answers a body that is not JSON with a JSON error, never HTML', async () => {
    const res = await fetch(`${inst.url}/oauth/register`, { method: 'POST', headers: { 'content-type': 'text/html' }, body: '<html>' });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(((await res.json()) as { error: string }).error).toBe('invalid_client_metadata');
  });

  // Last: it uses up this address's registrations for the hour.
  it('throttles registrations per source address (30 an hour)', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 32; i++) statuses.push((await register(valid)).status);
    const firstRefusal = statuses.indexOf(429);
    expect(firstRefusal).toBeGreaterThan(0);
    expect(statuses.slice(firstRefusal).every((s) => s === 429)).toBe(true);
    const res = await register(valid);
    expect(res.json.error).toBe('too_many_requests');
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
