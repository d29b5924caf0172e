import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { auth, type OAuthClientProvider } from '@modelcontextprotocol/sdk/client/auth.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { OAuthClientInformationMixed, OAuthTokens } from '@modelcontextprotocol/sdk/shared/auth.js';
import { Browser } from './browser.js';
import { formWithAction } from './html.js';
import { newPerson, signUp, type Person } from './flow.js';

/** The OAuth client provider an MCP host would implement, kept in memory. */
export class MemoryProvider implements OAuthClientProvider {
  info?: OAuthClientInformationMixed;
  saved?: OAuthTokens;
  verifier = '';
  authorizationUrl?: URL;
  readonly redirectUrl = 'http://127.0.0.1:8976/callback';
  constructor(readonly clientName = 'SDK Test Client') {}
  get clientMetadata() {
    return {
      client_name: this.clientName,
      redirect_uris: [this.redirectUrl],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'none',
    };
  }
  clientInformation() {
    return this.info;
  }
  saveClientInformation(i: OAuthClientInformationMixed) {
    this.info = i;
  }
  tokens() {
    return this.saved;
  }
  saveTokens(t: OAuthTokens) {
    this.saved = t;
  }
  redirectToAuthorization(url: URL) {
    this.authorizationUrl = url;
  }
  saveCodeVerifier(v: string) {
    this.verifier = v;
  }
  codeVerifier() {
    return this.verifier;
  }
}

export interface Connected {
  provider: MemoryProvider;
  browser: Browser;
  person: Person;
}

/**
 * What a person and an MCP host do together: the SDK discovers and registers and sends the
 * person to /oauth/authorize; a cookie-jar browser signs up there and approves consent with the
 * chosen access; the SDK exchanges the code.
 */
export async function connectWithSdk(baseUrl: string, mcpUrl: string, o: { access?: 'read' | 'write'; person?: Person; clientName?: string } = {}): Promise<Connected> {
  const provider = new MemoryProvider(o.clientName);
  const serverUrl = new URL(mcpUrl);
  if ((await auth(provider, { serverUrl })) !== 'REDIRECT') throw new Error('expected a redirect to authorization');
  const url = provider.authorizationUrl!;
  const browser = new Browser(baseUrl);
  const person = o.person ?? newPerson();
  const signedUp = await signUp(browser, person, `/oauth/sign-up?return_to=${encodeURIComponent(url.pathname + url.search)}`);
  if (signedUp.status !== 302 || !signedUp.location) throw new Error(`sign-up did not redirect: ${signedUp.status}`);
  const consent = await browser.go(signedUp.location);
  const form = formWithAction(consent.text, '/oauth/consent');
  form.fields.set('action', 'approve');
  form.fields.set('access', o.access ?? 'write');
  const back = await browser.request(form.action, { form: form.fields });
  const code = new URL(back.location!).searchParams.get('code');
  if (!code) throw new Error(`consent did not return a code: ${back.location}`);
  if ((await auth(provider, { serverUrl, authorizationCode: code })) !== 'AUTHORIZED') throw new Error('code exchange failed');
  return { provider, browser, person };
}

export interface ToolSession extends Connected {
  client: Client;
  /** Calls a tool; a tool error or a result without its text summary throws. Returns structuredContent. */
  call<T = Record<string, unknown>>(name: string, args?: Record<string, unknown>): Promise<T>;
}

/** connectWithSdk, then an SDK client connected with those tokens: what an MCP host holds after "Connect". */
export async function openToolSession(baseUrl: string, mcpUrl: string, o: Parameters<typeof connectWithSdk>[2] = {}): Promise<ToolSession> {
  const connected = await connectWithSdk(baseUrl, mcpUrl, o);
  const client = new Client({ name: 'clerq-e2e', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(mcpUrl), { authProvider: connected.provider }));
  const call = async <T>(name: string, args: Record<string, unknown> = {}): Promise<T> => {
    const r = (await client.callTool({ name, arguments: args })) as CallToolResult;
    if (r.isError) throw new Error(`${name} failed: ${JSON.stringify(r.content)}`);
    const summary = (r.content[0] as { text?: string } | undefined)?.text ?? '';
    if (!summary) throw new Error(`${name} returned no text summary`);
    return r.structuredContent as T;
  };
  return { ...connected, client, call };
}
