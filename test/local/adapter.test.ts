import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { request } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FunctionName } from '../../functions/routes.js';
import type { HttpEvent } from '../../shared/http/types.js';
import { listen, type Listening } from '../../infra/local/listen.js';
import { createLocalServer, type LambdaHandler } from '../../infra/local/server.js';

/** The fake function: echoes the event it got, or answers what the request asks for. */
const echo: LambdaHandler = async (event: HttpEvent) => {
  const ask = new URLSearchParams(event.rawQueryString).get('answer');
  if (ask === 'binary') return { statusCode: 200, headers: { 'content-type': 'application/octet-stream' }, body: Buffer.from([0, 1, 2, 254, 255]).toString('base64'), isBase64Encoded: true };
  if (ask === 'throw') throw new Error('boom');
  if (ask === 'plain') return { hello: 'world' };
  return {
    statusCode: 201,
    headers: { 'content-type': 'application/json', 'x-fn': 'echo' },
    cookies: ['a=1; Path=/; HttpOnly', 'b=2; Path=/oauth; Secure'],
    body: JSON.stringify(event),
  };
};

let root: string;
let webRoot: string;
let server: Listening;
let base: string;
const loaded: FunctionName[] = [];
const errors: string[] = [];

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'clerq-adapter-'));
  webRoot = join(root, 'web');
  mkdirSync(join(webRoot, 'assets'), { recursive: true });
  writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>Clerq test</title>');
  writeFileSync(join(webRoot, 'assets', 'app-1234.css'), 'body{}');
  writeFileSync(join(webRoot, '.env'), 'HIDDEN=1');
  writeFileSync(join(root, 'outside.txt'), 'TOP SECRET');
  symlinkSync(join(root, 'outside.txt'), join(webRoot, 'link.txt'));
  const http = createLocalServer({
    webRoot,
    load: async (fn) => {
      loaded.push(fn);
      return echo;
    },
    logError: (message) => errors.push(message),
  });
  server = await listen(http, 0);
  base = `http://127.0.0.1:${server.port}`;
});

afterAll(async () => {
  await server.close();
  rmSync(root, { recursive: true, force: true });
});

/** A request with the path sent exactly as given (fetch would normalise `..`). */
function raw(path: string, options: { method?: string; headers?: Record<string, string | string[]>; body?: Buffer } = {}) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>((resolve, reject) => {
    const req = request(`${base}${path}`, { method: options.method ?? 'GET', headers: options.headers ?? {}, path }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

describe('local server: requests become API Gateway HTTP API 2.0 events', () => {
  it('passes method, route key, raw query with repeated parameters, lower-case headers and cookies as API Gateway does', async () => {
    // Prepare
    const res = await raw('/api/mcp?resource=a&resource=b&x=%20y', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Cookie: 'sid=abc; theme=dark', 'X-Multi': ['one', 'two'], 'User-Agent': 'clerq-test' },
      body: Buffer.from('{"jsonrpc":"2.0"}'),
    });
    // Assess
    expect(res.status).toBe(201);
    const event = JSON.parse(res.body.toString('utf8')) as HttpEvent;
    expect(event.version).toBe('2.0');
    expect(event.routeKey).toBe('POST /api/mcp');
    expect(event.rawPath).toBe('/api/mcp');
    expect(event.rawQueryString).toBe('resource=a&resource=b&x=%20y');
    expect(event.queryStringParameters).toEqual({ resource: 'a,b', x: ' y' });
    expect(event.headers['content-type']).toBe('application/json');
    expect(event.headers['x-multi']).toBe('one,two');
    expect(event.headers.cookie).toBeUndefined();
    expect(event.cookies).toEqual(['sid=abc', 'theme=dark']);
    expect(event.body).toBe('{"jsonrpc":"2.0"}');
    expect(event.isBase64Encoded).toBe(false);
    expect(event.requestContext.http).toMatchObject({ method: 'POST', path: '/api/mcp', sourceIp: '127.0.0.1', userAgent: 'clerq-test', protocol: 'HTTP/1.1' });
    expect(event.requestContext.requestId).toMatch(/[0-9a-f-]{36}/);
    expect(event.requestContext.domainName).toBe('127.0.0.1');
    expect(typeof event.requestContext.timeEpoch).toBe('number');
    expect(loaded).toContain('mcp');
  });

  it('base64-encodes form bodies, as API Gateway does', async () => {
    const res = await fetch(`${base}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=authorization_code&code=a%2Bb',
    });
    const event = (await res.json()) as HttpEvent;
    expect(event.isBase64Encoded).toBe(true);
    expect(Buffer.from(event.body ?? '', 'base64').toString('utf8')).toBe('grant_type=authorization_code&code=a%2Bb');
  });

  it('sends each result cookie as its own Set-Cookie header, and the result headers', async () => {
    const res = await fetch(`${base}/api/mcp`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(res.headers.getSetCookie()).toEqual(['a=1; Path=/; HttpOnly', 'b=2; Path=/oauth; Secure']);
    expect(res.headers.get('x-fn')).toBe('echo');
  });

  it('decodes a base64 result body to bytes', async () => {
    const res = await fetch(`${base}/api/mcp?answer=binary`, { method: 'POST' });
    expect(res.headers.get('content-type')).toBe('application/octet-stream');
    expect([...new Uint8Array(await res.arrayBuffer())]).toEqual([0, 1, 2, 254, 255]);
  });

  it('answers a result without statusCode as 200 JSON (API Gateway format inference)', async () => {
    const res = await fetch(`${base}/api/mcp?answer=plain`, { method: 'POST' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(await res.json()).toEqual({ hello: 'world' });
  });

  it('answers 500 without details when the function throws', async () => {
    const res = await fetch(`${base}/api/mcp?answer=throw`, { method: 'POST' });
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ message: 'Internal Server Error' });
    expect(errors.some((e) => e.includes('mcp failed'))).toBe(true);
  });

  it('refuses a body over 1 MiB with 413 before the function runs', async () => {
    const res = await fetch(`${base}/api/mcp`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: 'x'.repeat(1024 * 1024 + 1) });
    expect(res.status).toBe(413);
  });
});

describe('local server: unknown API paths and wrong methods', () => {
  it.each(['/api/nope', '/oauth/nope', '/.well-known/nope', '/api'])('answers 404 JSON for %s', async (path) => {
    const res = await fetch(`${base}${path}`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(await res.json()).toMatchObject({ error: 'not_found' });
  });

  it('answers 405 with Allow for a known path and a wrong method', async () => {
    const res = await fetch(`${base}/oauth/token`);
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('POST, OPTIONS');
    expect(await res.json()).toMatchObject({ error: 'method_not_allowed' });
  });
});

describe('local server: static web UI', () => {
  it('serves index.html at / with its content type and no framing', async () => {
    const res = await fetch(`${base}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(await res.text()).toContain('<title>Clerq test</title>');
  });

  it('serves hashed assets with their type and a long cache life', async () => {
    const res = await fetch(`${base}/assets/app-1234.css`);
    expect(res.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(res.headers.get('cache-control')).toContain('immutable');
    expect(await res.text()).toBe('body{}');
  });

  it('falls back to index.html for app routes, not for missing files', async () => {
    const route = await fetch(`${base}/clients/cli_123`);
    expect(route.status).toBe(200);
    expect(await route.text()).toContain('Clerq test');
    const missing = await fetch(`${base}/assets/missing.js`);
    expect(missing.status).toBe(404);
  });

  it.each(['/../outside.txt', '/%2e%2e/outside.txt', '/assets/..%2f..%2foutside.txt', '/..%5coutside.txt', '/link.txt', '/.env', '/%00index.html'])(
    'refuses %s',
    async (path) => {
      const res = await raw(path);
      expect(res.status).toBe(404);
      expect(res.body.toString('utf8')).not.toContain('TOP SECRET');
      expect(res.body.toString('utf8')).not.toContain('HIDDEN');
    },
  );

  it('allows only GET and HEAD on static paths', async () => {
    const res = await fetch(`${base}/`, { method: 'POST', body: 'x' });
    expect(res.status).toBe(405);
  });
});
