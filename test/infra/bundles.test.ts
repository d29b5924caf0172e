import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { apiPaths, functions, matchRoute, type FunctionName } from '../../functions/routes.js';
import { esmRequireBanner, secretAccess } from '../../infra/stack.js';
import { edgeHeader, edgeHeaderValue, withBaseUrl } from '../../shared/config/request-url.js';
import { signPdfToken } from '../../shared/pdf/link.js';
import { fontFiles } from '../../shared/pdf/font-files.js';
import type { HttpEvent } from '../../shared/http/types.js';
import { httpEvent, resultJson } from '../support/events.js';
import { seedBusiness, seedMember } from '../support/seed.js';
import { draftWithLine, newClient } from '../support/invoices.js';
import { createBusiness } from '../support/tenant.js';
import { pdfText } from '../support/pdf-text.js';
import { operationPath, signIn } from '../support/web-session.js';
import { cdkSynth, type Synthesized } from './synth.js';
import { startFakeAws, type FakeAws } from './fake-aws.js';
import { runInFreshProcess, type FreshRun } from './fresh-process.js';

/**
 * Every function's production bundle, as `npx cdk synth` writes it (run once here, offline and
 * without credentials), copied out of the repository so nothing resolves from its node_modules,
 * loaded in a fresh Node process with the environment the stack gives that function in Lambda,
 * and answering API Gateway v2 events against DynamoDB Local and the local S3 server. The auth
 * secret comes from a stand-in Secrets Manager, as it does in AWS.
 */
const publicUrl = 'https://d111abcdef8.cloudfront.net';
const apiHost = 'abc123defg.execute-api.us-east-1.amazonaws.com';
const secretArn = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:ClerqAuthSecret-AbCdEf';

let synth: Synthesized;
let fake: FakeAws;
const copies: string[] = [];

/** A function's asset copied to a directory outside the repository. */
function shipped(fn: FunctionName): string {
  const dir = mkdtempSync(join(tmpdir(), `clerq-shipped-${fn}-`));
  cpSync(synth.assets[fn], dir, { recursive: true });
  copies.push(dir);
  return join(dir, 'index.mjs');
}

/** The environment the stack gives a function, with local endpoints where AWS has services. */
function lambdaEnv(fn: FunctionName): Record<string, string> {
  const env = process.env;
  return {
    AWS_LAMBDA_FUNCTION_NAME: `Clerq-${fn}`,
    AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x',
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(functions[fn].memoryMb),
    AWS_REGION: env.AWS_REGION!,
    AWS_ACCESS_KEY_ID: env.AWS_ACCESS_KEY_ID!,
    AWS_SECRET_ACCESS_KEY: env.AWS_SECRET_ACCESS_KEY!,
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    DYNAMODB_ENDPOINT: env.DYNAMODB_ENDPOINT!,
    S3_ENDPOINT: env.S3_ENDPOINT!,
    AWS_ENDPOINT_URL_SECRETS_MANAGER: fake.url,
    TABLE_NAME: env.TABLE_NAME!,
    PUBLIC_URL: publicUrl,
    ALLOWED_HOSTS: apiHost,
    POWERTOOLS_SERVICE_NAME: 'clerq',
    ...(secretAccess[fn] ? { BETTER_AUTH_SECRET_ARN: secretArn } : {}),
    ...(fn === 'pdf' ? { PDF_BUCKET: env.PDF_BUCKET! } : {}),
  };
}

/** An event as API Gateway delivers it when the request came through CloudFront. */
function viaCloudFront(init: Parameters<typeof httpEvent>[0]): HttpEvent {
  const event = httpEvent({ ...init, host: apiHost, headers: { ...init.headers, [edgeHeader]: edgeHeaderValue } });
  event.requestContext.domainName = apiHost;
  // API Gateway's route key is the matched route's pattern (`GET /api/pdf/{token}`), not the path.
  const route = matchRoute(event.requestContext.http.method, event.rawPath)!;
  event.routeKey = event.requestContext.routeKey = `${route.method} ${route.path}`;
  return event;
}

async function run(fn: FunctionName, events: HttpEvent[]): Promise<FreshRun> {
  return runInFreshProcess(shipped(fn), events, lambdaEnv(fn));
}

const secretReads = () => fake.received.filter((r) => r.target === 'secretsmanager.GetSecretValue').length;

beforeAll(async () => {
  fake = await startFakeAws(process.env.BETTER_AUTH_SECRET);
  synth = await cdkSynth('ClerqBundles');
}, 240_000);

afterAll(async () => {
  await fake?.close();
  for (const dir of copies) rmSync(dir, { recursive: true, force: true });
  if (synth) rmSync(synth.outdir, { recursive: true, force: true });
});

describe('production bundles (npx cdk synth, offline)', () => {
  it('bundles every function as ESM with the createRequire banner, the AWS SDK inside, pdfkit and the fonts beside the PDF function only', () => {
    for (const fn of Object.keys(functions) as FunctionName[]) {
      const code = readFileSync(join(synth.assets[fn], 'index.mjs'), 'utf8');
      expect(code.startsWith(esmRequireBanner)).toBe(true);
      expect(code).toMatch(/export\s*\{[^}]*\bas handler\b/);
      expect(code).not.toMatch(/from\s*"@aws-sdk\//);
      expect([fn, existsSync(join(synth.assets[fn], 'node_modules'))]).toEqual([fn, fn === 'pdf']);
    }
    const pdf = synth.assets.pdf;
    expect(readFileSync(join(pdf, 'index.mjs'), 'utf8')).toMatch(/from\s*"pdfkit"/);
    expect(existsSync(join(pdf, 'node_modules', 'pdfkit', 'package.json'))).toBe(true);
    for (const file of Object.values(fontFiles)) expect(existsSync(join(pdf, 'node_modules', file))).toBe(true);
    // The renderer stays out of every other function.
    for (const fn of (Object.keys(functions) as FunctionName[]).filter((f) => f !== 'pdf')) {
      expect([fn, /react-pdf|fontkit/i.test(readFileSync(join(synth.assets[fn], 'index.mjs'), 'utf8'))]).toEqual([fn, false]);
    }
    for (const fn of Object.keys(functions) as FunctionName[]) expect(statSync(join(synth.assets[fn], 'index.mjs')).size).toBeLessThan(5 * 1024 * 1024);
  });

  it('the metadata function answers its documents, without reading the secret', async () => {
    const before = secretReads();
    const out = await run('metadata', [viaCloudFront({ path: '/.well-known/oauth-protected-resource/api/mcp' }), viaCloudFront({ path: '/.well-known/oauth-authorization-server' })]);
    expect(out.results.map((r) => r.statusCode)).toEqual([200, 200]);
    expect(resultJson(out.results[0]!)).toMatchObject({ resource: `${publicUrl}/api/mcp`, authorization_servers: [publicUrl] });
    expect(resultJson(out.results[1]!)).toMatchObject({ issuer: publicUrl, token_endpoint: `${publicUrl}/oauth/token` });
    expect(secretReads()).toBe(before);
  }, 60_000);

  it('the MCP function answers initialize and a tool call, reading the secret once, and logs JSON lines without the token', async () => {
    const biz = await seedBusiness('Bundle Works');
    const owner = await withBaseUrl(publicUrl, () => seedMember(biz.businessId, biz.businessName, 'owner', 'clerq:read clerq:write', 'Ada Bundle'));
    const headers = { authorization: `Bearer ${owner.token}`, accept: 'application/json, text/event-stream' };
    const before = secretReads();
    const out = await run('mcp', [
      viaCloudFront({ method: 'POST', path: '/api/mcp', headers, json: { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'bundle-test', version: '1' } } } }),
      viaCloudFront({ method: 'POST', path: '/api/mcp', headers, json: { jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'whoami', arguments: {} } } }),
      viaCloudFront({ method: 'POST', path: '/api/mcp', json: { jsonrpc: '2.0', id: 3, method: 'tools/list' } }),
    ]);
    expect(out.results.map((r) => r.statusCode)).toEqual([200, 200, 401]);
    expect(resultJson(out.results[0]!)).toMatchObject({ jsonrpc: '2.0', id: 1, result: { serverInfo: { name: 'clerq' }, capabilities: { tools: {} } } });
    expect(JSON.stringify(resultJson(out.results[1]!))).toContain('Bundle Works');
    expect(secretReads() - before).toBe(1);

    const toolLine = out.logs.find((l) => l.message === 'tool call');
    expect(toolLine).toMatchObject({ level: 'INFO', service: 'clerq', businessId: biz.businessId, operation: 'whoami', outcome: 'ok', ms: expect.any(Number) });
    const requests = out.logs.filter((l) => l.message === 'request');
    expect(requests.map((l) => [l.route, l.status, l.outcome])).toEqual([
      ['POST /api/mcp', 200, 'ok'],
      ['POST /api/mcp', 200, 'ok'],
      ['POST /api/mcp', 401, 'client_error'],
    ]);
    for (const l of requests) expect(l).toMatchObject({ requestId: expect.any(String), ms: expect.any(Number) });
    expect(requests.map((l) => l.coldStart)).toEqual([true, false, false]);
    expect(out.stdout).not.toContain(owner.token);
    expect(out.stdout).not.toContain(process.env.BETTER_AUTH_SECRET!);
  }, 60_000);

  it('the PDF function renders an invoice, stores it in S3 and redirects to it', async () => {
    const owner = await createBusiness('Bundle PDF Co', 'EUR');
    const inv = await draftWithLine(owner, await newClient(owner, { name: 'Fresh Process Dvořák' }));
    const token = signPdfToken({ businessId: owner.businessId, invoiceId: inv.id, issuedAt: Math.floor(Date.now() / 1000) });
    const out = await run('pdf', [viaCloudFront({ path: `/api/pdf/${token}` })]);
    expect(out.results[0]!.statusCode).toBe(302);
    const res = await fetch(String(out.results[0]!.headers!.location));
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(await pdfText(bytes)).toContain('Fresh Process Dvořák');
    // The request line names the route, never the path that carries the signed token.
    expect(out.stdout).not.toContain(token);
    expect(out.logs.find((l) => l.message === 'request')).toMatchObject({ route: 'GET /api/pdf/{token}', status: 302 });
  }, 90_000);

  it('the registration, authorize and token functions answer their endpoints', async () => {
    const register = await run('register', [
      viaCloudFront({ method: 'POST', path: '/oauth/register', json: { client_name: 'Bundle Client', redirect_uris: ['https://client.example.com/cb'], token_endpoint_auth_method: 'none' } }),
    ]);
    expect(register.results[0]!.statusCode).toBe(201);
    expect(resultJson(register.results[0]!)).toMatchObject({ client_id: expect.any(String), client_name: 'Bundle Client' });

    const authorize = await run('authorize', [viaCloudFront({ path: '/oauth/sign-in' })]);
    expect(authorize.results[0]!.statusCode).toBe(200);
    expect(String(authorize.results[0]!.body)).toContain('<form method="post" action="/oauth/sign-in">');

    const token = await run('token', [viaCloudFront({ method: 'POST', path: '/oauth/token', form: { grant_type: 'authorization_code', code: 'nope', code_verifier: 'x'.repeat(43), client_id: 'ocl_unknown', redirect_uri: 'https://client.example.com/cb' } })]);
    expect(token.results[0]!.statusCode).toBeGreaterThanOrEqual(400);
    expect(token.results[0]!.statusCode).toBeLessThan(500);
    expect(resultJson(token.results[0]!)).toMatchObject({ error: expect.stringMatching(/^invalid_/) });
  }, 90_000);

  it('the web API function answers the JSON door: no session 401; a signed-in session reads and writes through operations, and a write without the CSRF header is refused', async () => {
    const biz = await seedBusiness('Bundle Door Co');
    const owner = await seedMember(biz.businessId, biz.businessName, 'owner', 'clerq:read clerq:write', 'Door Owner');
    const browser = await signIn(owner); // the session as the sign-in page starts it, in this process
    const post = (name: string, json: object, csrf = browser.csrf) =>
      viaCloudFront({ method: 'POST', path: operationPath(biz.businessId, name), cookies: browser.cookie, headers: csrf ? { 'x-clerq-csrf': csrf } : {}, json });
    const api = await run('api', [
      viaCloudFront({ path: apiPaths.session }),
      viaCloudFront({ path: apiPaths.session, cookies: browser.cookie }),
      post('create_client', { name: 'Shipped Client Ltd' }),
      post('list_clients', {}),
      post('create_client', { name: 'Forged Ltd' }, ''),
      post('list_clients', {}),
    ]);
    expect(api.results.map((r) => r.statusCode)).toEqual([401, 200, 200, 200, 403, 200]);
    expect(api.results[0]!.headers!['content-type']).toMatch(/^application\/json/);
    expect(resultJson(api.results[1]!)).toMatchObject({ csrf_token: browser.csrf, businesses: [{ id: biz.businessId, role: 'owner' }] });
    const names = (i: number) => resultJson<{ result: { items: { name: string }[] } }>(api.results[i]!).result.items.map((c) => c.name);
    expect([names(3), names(5)]).toEqual([['Shipped Client Ltd'], ['Shipped Client Ltd']]);
    expect(resultJson(api.results[4]!)).toMatchObject({ error: { code: 'forbidden' } });
  }, 60_000);
});
