import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { handler as metadata } from '../../functions/oauth-metadata.js';
import { handler as mcp } from '../../functions/mcp.js';
import { directBaseUrl, edgeHeader, edgeHeaderValue, withBaseUrl } from '../../shared/config/request-url.js';
import { seedBusiness, seedMember, seedGrant } from '../support/seed.js';
import { httpEvent, resultHeader, resultJson } from '../support/events.js';
import type { HttpEvent } from '../../shared/http/types.js';

/**
 * One instance, two addresses: CloudFront (PUBLIC_URL) and the HTTP API's own URL, listed in
 * ALLOWED_HOSTS. Discovery, challenges and token audience follow the address a request used.
 */
const publicUrl = 'https://d111abcdef8.cloudfront.net';
const apiHost = 'abc123defg.execute-api.eu-west-1.amazonaws.com';
const apiUrl = `https://${apiHost}`;
const saved = { PUBLIC_URL: process.env.PUBLIC_URL, ALLOWED_HOSTS: process.env.ALLOWED_HOSTS };

/** Through CloudFront: Host is the API's (not forwarded), and CloudFront's origin header is present. */
const viaCloudFront = (e: Parameters<typeof httpEvent>[0]): HttpEvent => httpEvent({ ...e, host: apiHost, headers: { ...e.headers, [edgeHeader]: edgeHeaderValue } });
const direct = (e: Parameters<typeof httpEvent>[0], host = apiHost): HttpEvent => httpEvent({ ...e, host });

const rpc = (token?: string) => ({
  method: 'POST',
  path: '/api/mcp',
  headers: { accept: 'application/json, text/event-stream', ...(token ? { authorization: `Bearer ${token}` } : {}) },
  json: { jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'whoami', arguments: {} } },
});

describe('the base URL follows the address used, from the allowlist only', () => {
  beforeAll(() => {
    process.env.PUBLIC_URL = publicUrl;
    process.env.ALLOWED_HOSTS = apiHost;
  });
  afterAll(() => {
    for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  });

  it('chooses the direct URL only for an allowed API Gateway host not reached through CloudFront', () => {
    const ev = (domainName: string, headers: Record<string, string> = {}) => ({ headers, requestContext: { domainName } });
    expect(directBaseUrl(ev(apiHost), [apiHost], publicUrl)).toBe(apiUrl);
    expect(directBaseUrl(ev(apiHost.toUpperCase()), [apiHost], publicUrl)).toBe(apiUrl);
    expect(directBaseUrl(ev(apiHost, { [edgeHeader]: edgeHeaderValue }), [apiHost], publicUrl)).toBeUndefined();
    expect(directBaseUrl(ev('evil.example.com'), [apiHost], publicUrl)).toBeUndefined();
    expect(directBaseUrl(ev('d111abcdef8.cloudfront.net'), ['d111abcdef8.cloudfront.net'], publicUrl)).toBeUndefined();
  });

  it('serves protected resource metadata for the URL the client used', async () => {
    const atPublic = resultJson<{ resource: string; authorization_servers: string[] }>(await metadata(viaCloudFront({ path: '/.well-known/oauth-protected-resource/api/mcp' }), {} as never));
    expect(atPublic).toMatchObject({ resource: `${publicUrl}/api/mcp`, authorization_servers: [publicUrl] });
    const atApi = resultJson<{ resource: string; authorization_servers: string[] }>(await metadata(direct({ path: '/.well-known/oauth-protected-resource/api/mcp' }), {} as never));
    expect(atApi).toMatchObject({ resource: `${apiUrl}/api/mcp`, authorization_servers: [apiUrl] });
    const as = resultJson<{ issuer: string; token_endpoint: string }>(await metadata(direct({ path: '/.well-known/oauth-authorization-server' }), {} as never));
    expect(as).toMatchObject({ issuer: apiUrl, token_endpoint: `${apiUrl}/oauth/token` });
  });

  it('never takes the base URL from a host that is not allowed', async () => {
    const res = resultJson<{ resource: string }>(await metadata(direct({ path: '/.well-known/oauth-protected-resource' }, 'attacker.example.com'), {} as never));
    expect(res.resource).toBe(`${publicUrl}/api/mcp`);
  });

  it('points an unauthenticated MCP client at the discovery document of the address it used', async () => {
    const res = await mcp(direct(rpc()), {} as never);
    expect(res.statusCode).toBe(401);
    expect(resultHeader(res, 'www-authenticate')).toContain(`resource_metadata="${apiUrl}/.well-known/oauth-protected-resource/api/mcp"`);
    const viaCdn = await mcp(viaCloudFront(rpc()), {} as never);
    expect(resultHeader(viaCdn, 'www-authenticate')).toContain(`resource_metadata="${publicUrl}/.well-known/oauth-protected-resource/api/mcp"`);
  });

  it('accepts a token only at the address it was issued for (audience)', async () => {
    const biz = await seedBusiness('Two Doors Ltd');
    const member = await withBaseUrl(publicUrl, () => seedMember(biz.businessId, biz.businessName, 'owner', 'clerq:read clerq:write', 'Ada Owner'));
    const apiGrant = await withBaseUrl(apiUrl, () => seedGrant(member, 'clerq:read clerq:write'));

    expect((await mcp(viaCloudFront(rpc(member.token)), {} as never)).statusCode).toBe(200);
    expect((await mcp(direct(rpc(apiGrant.token)), {} as never)).statusCode).toBe(200);
    expect((await mcp(direct(rpc(member.token)), {} as never)).statusCode).toBe(401);
    expect((await mcp(viaCloudFront(rpc(apiGrant.token)), {} as never)).statusCode).toBe(401);
  });
});
