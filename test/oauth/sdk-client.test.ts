import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { auth } from '@modelcontextprotocol/sdk/client/auth.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { Browser } from './helpers/browser.js';
import { formWithAction } from './helpers/html.js';
import { newPerson, signUp } from './helpers/flow.js';
import { startInstance } from './helpers/instance.js';
import { MemoryProvider } from './helpers/sdk.js';

/**
 * Interoperability with the official MCP SDK client: its OAuth provider discovers, registers,
 * sends the person to /oauth/authorize (here a cookie-jar browser signs up and approves),
 * exchanges the code, calls the MCP endpoint, and refreshes.
 */
let inst: Awaited<ReturnType<typeof startInstance>>;
beforeAll(async () => {
  inst = await startInstance();
}, 60_000);
afterAll(() => inst?.stop());

describe('the official MCP SDK client', () => {
  it('completes discovery, registration, authorization, token exchange, a tool call and a refresh', async () => {
    const provider = new MemoryProvider();
    const serverUrl = new URL(inst.mcpUrl);
    expect(await auth(provider, { serverUrl })).toBe('REDIRECT');
    const url = provider.authorizationUrl!;
    expect(url.searchParams.get('resource')).toBe(inst.mcpUrl);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');

    const browser = new Browser(inst.url);
    const signedUp = await signUp(browser, newPerson(), `/oauth/sign-up?return_to=${encodeURIComponent(url.pathname + url.search)}`);
    expect(signedUp.status).toBe(302);
    const consent = await browser.go(signedUp.location!);
    expect(consent.text).toContain('SDK Test Client');
    const form = formWithAction(consent.text, '/oauth/consent');
    form.fields.set('action', 'approve');
    const back = await browser.request(form.action, { form: form.fields });
    const callback = new URL(back.location!);
    expect(callback.searchParams.get('iss')).toBe(inst.url);

    expect(await auth(provider, { serverUrl, authorizationCode: callback.searchParams.get('code')! })).toBe('AUTHORIZED');
    expect(provider.saved?.refresh_token).toBeDefined();

    const client = new Client({ name: 'sdk-test', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(serverUrl, { authProvider: provider }));
    const { tools } = await client.listTools();
    expect(tools.length).toBeGreaterThan(0);
    await client.close();

    // With tokens saved, auth() refreshes instead of redirecting.
    const before = provider.saved!.refresh_token;
    expect(await auth(provider, { serverUrl })).toBe('AUTHORIZED');
    expect(provider.saved!.refresh_token).not.toBe(before);
  });
});
