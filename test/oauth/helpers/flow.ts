import { createHash, randomBytes } from 'node:crypto';
import { Browser, type PageResponse } from './browser.js';
import { formWithAction } from './html.js';

/** The steps of the OAuth flow as a client and a person do them, against a running instance. */

export interface RegisteredClient {
  client_id: string;
  client_secret?: string;
  redirect_uris: string[];
  token_endpoint_auth_method: string;
  [k: string]: unknown;
}

export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; headers: Headers; json: Record<string, unknown> }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: res.status, headers: res.headers, json: (await res.json()) as Record<string, unknown> };
}

export async function postForm(url: string, params: Record<string, string> | URLSearchParams, headers: Record<string, string> = {}): Promise<{ status: number; headers: Headers; json: Record<string, unknown> }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body: new URLSearchParams(params).toString() });
  const text = await res.text();
  return { status: res.status, headers: res.headers, json: (text ? JSON.parse(text) : {}) as Record<string, unknown> };
}

export async function registerClient(base: string, metadata: Record<string, unknown> = {}): Promise<RegisteredClient> {
  const res = await postJson(`${base}/oauth/register`, {
    client_name: 'Test Assistant',
    redirect_uris: ['http://127.0.0.1:4455/callback'],
    token_endpoint_auth_method: 'none',
    grant_types: ['authorization_code', 'refresh_token'],
    ...metadata,
  });
  if (res.status !== 201) throw new Error(`registration failed: ${res.status} ${JSON.stringify(res.json)}`);
  return res.json as RegisteredClient;
}

export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

export interface AuthorizeParams {
  clientId: string;
  redirectUri: string;
  challenge: string;
  state?: string;
  scope?: string;
  resource?: string;
  extra?: Record<string, string>;
}

export function authorizeUrl(base: string, p: AuthorizeParams): string {
  const q = new URLSearchParams({ response_type: 'code', client_id: p.clientId, redirect_uri: p.redirectUri, code_challenge: p.challenge, code_challenge_method: 'S256' });
  if (p.state !== undefined) q.set('state', p.state);
  if (p.scope !== undefined) q.set('scope', p.scope);
  if (p.resource !== undefined) q.set('resource', p.resource);
  for (const [k, v] of Object.entries(p.extra ?? {})) q.set(k, v);
  return `${base}/oauth/authorize?${q}`;
}

export interface Person {
  email: string;
  password: string;
  name: string;
  businessName: string;
}

let people = 0;
export function newPerson(overrides: Partial<Person> = {}): Person {
  const n = `${Date.now().toString(36)}${++people}`;
  return { email: `person${n}@example.test`, password: 'correct horse battery', name: `Person ${n}`, businessName: `Business ${n}`, ...overrides };
}

/** Fills and posts the sign-up form (from `/oauth/sign-up`, or the page given). */
export async function signUp(browser: Browser, person: Person, from = '/oauth/sign-up'): Promise<PageResponse> {
  const page = await browser.go(from);
  const form = formWithAction(page.text, '/oauth/sign-up');
  form.fields.set('name', person.name);
  form.fields.set('email', person.email);
  form.fields.set('password', person.password);
  form.fields.set('business_name', person.businessName);
  return browser.request(form.action, { form: form.fields });
}

export async function signIn(browser: Browser, email: string, password: string, from = '/oauth/sign-in'): Promise<PageResponse> {
  const page = await browser.go(from);
  const form = formWithAction(page.text, '/oauth/sign-in');
  form.fields.set('email', email);
  form.fields.set('password', password);
  return browser.request(form.action, { form: form.fields });
}

/** Opens the authorize URL (signed in already) and submits the consent form; answers the redirect to the client. */
export async function decide(
  browser: Browser,
  url: string,
  choice: { action?: 'approve' | 'deny'; access?: 'write' | 'read'; business?: string } = {},
): Promise<{ consent: PageResponse; redirect: URL }> {
  const consent = await browser.go(url);
  if (consent.status !== 200) throw new Error(`expected the consent page, got ${consent.status} ${consent.location ?? ''}\n${consent.text.slice(0, 1000)}`);
  const form = formWithAction(consent.text, '/oauth/consent');
  if (choice.access && form.radios.get('access')) form.fields.set('access', choice.access);
  if (choice.business) form.fields.set('business', choice.business);
  form.fields.set('action', choice.action ?? 'approve');
  const res = await browser.request(form.action, { form: form.fields });
  if (res.status !== 302 || !res.location) throw new Error(`expected a redirect to the client, got ${res.status}\n${res.text.slice(0, 1000)}`);
  return { consent, redirect: new URL(res.location) };
}

export interface Tokens {
  access_token: string;
  refresh_token: string;
  token_type: string;
  expires_in: number;
  scope: string;
}

/** A client registered, a person signed up (the instance's first, or in open mode), consent approved and the code exchanged. */
export async function connect(
  base: string,
  options: { browser?: Browser; person?: Person; client?: RegisteredClient; access?: 'write' | 'read'; scope?: string } = {},
): Promise<{ browser: Browser; client: RegisteredClient; tokens: Tokens; person: Person }> {
  const browser = options.browser ?? new Browser(base);
  const person = options.person ?? newPerson();
  if (!options.browser) {
    const res = await signUp(browser, person);
    if (res.status !== 302) throw new Error(`sign-up failed: ${res.status}\n${res.text.slice(0, 1000)}`);
  }
  const client = options.client ?? (await registerClient(base));
  const pkce = pkcePair();
  const redirectUri = client.redirect_uris[0] ?? '';
  const { redirect } = await decide(
    browser,
    authorizeUrl(base, { clientId: client.client_id, redirectUri, challenge: pkce.challenge, state: 's1', ...(options.scope ? { scope: options.scope } : {}) }),
    { ...(options.access ? { access: options.access } : {}) },
  );
  const code = redirect.searchParams.get('code');
  if (!code) throw new Error(`no code in ${redirect}`);
  const res = await postForm(`${base}/oauth/token`, { grant_type: 'authorization_code', code, code_verifier: pkce.verifier, redirect_uri: redirectUri, client_id: client.client_id });
  if (res.status !== 200) throw new Error(`token exchange failed: ${res.status} ${JSON.stringify(res.json)}`);
  return { browser, client, tokens: res.json as unknown as Tokens, person };
}

/** An MCP tools/list with the token: the status says whether the token is accepted. */
export async function mcpStatus(base: string, token: string): Promise<number> {
  const res = await fetch(`${base}/api/mcp`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
  });
  await res.arrayBuffer();
  return res.status;
}
