import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { auth } from '@modelcontextprotocol/sdk/client/auth.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { startInstance } from '../oauth/helpers/instance.js';
import { connectWithSdk, type MemoryProvider } from '../oauth/helpers/sdk.js';
import { postForm } from '../oauth/helpers/flow.js';

/**
 * The walking skeleton end to end, as a person and a stock MCP host would do it: a real local
 * instance in its own process, the official SDK client with its OAuth provider, sign-up and
 * consent through the HTML forms, then every client tool, a refresh, and a revocation.
 */
let inst: Awaited<ReturnType<typeof startInstance>>;
beforeAll(async () => {
  inst = await startInstance({ env: { SIGNUP_MODE: 'open' } });
}, 60_000);
afterAll(() => inst?.stop());

async function connectClient(provider: MemoryProvider): Promise<Client> {
  const client = new Client({ name: 'e2e-host', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(inst.mcpUrl), { authProvider: provider }));
  return client;
}

async function call<T = Record<string, unknown>>(client: Client, name: string, args: Record<string, unknown> = {}): Promise<T> {
  const r = (await client.callTool({ name, arguments: args })) as CallToolResult;
  if (r.isError) throw new Error(`${name} failed: ${JSON.stringify(r.content)}`);
  expect((r.content[0] as { text: string }).text.length).toBeGreaterThan(0);
  return r.structuredContent as T;
}

async function rawMcp(accessToken: string): Promise<Response> {
  return fetch(inst.mcpUrl, {
    method: 'POST',
    headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
  });
}

describe('a stock MCP client on a local instance', () => {
  it('connects through OAuth, manages clients with every client tool, refreshes, and is cut off by revocation', async () => {
    const { provider, person } = await connectWithSdk(inst.url, inst.mcpUrl, { clientName: 'E2E Assistant' });
    const client = await connectClient(provider);
    expect(client.getServerVersion()?.name).toBe('clerq');

    const { tools } = await client.listTools();
    // The full catalogue and its order are asserted in test/mcp/endpoint.test.ts; here, the tools this test uses.
    expect(tools.map((t) => t.name)).toEqual(
      expect.arrayContaining(['add_client_note', 'archive_client', 'create_client', 'get_client', 'list_clients', 'update_client', 'whoami']),
    );

    const me = await call<{ user: { name: string; email: string }; business: { id: string; name: string }; role: string; scopes: string[]; client_name: string; read_only: boolean }>(client, 'whoami');
    expect(me).toMatchObject({ role: 'owner', client_name: 'E2E Assistant', read_only: false });
    expect(me.user).toMatchObject({ name: person.name, email: person.email });
    expect(me.business.name).toBe(person.businessName);
    expect(me.scopes).toEqual(expect.arrayContaining(['clerq:read', 'clerq:write']));

    const created = await call<{ client: { id: string; name: string }; acted_on: { business_id: string } }>(client, 'create_client', {
      name: 'Northwind Traders',
      email: 'billing@northwind.test',
      hourly_rate: 12000,
      idempotency_key: 'e2e-create-northwind',
    });
    expect(created.acted_on.business_id).toBe(me.business.id);
    const id = created.client.id;

    await call(client, 'add_client_note', { client_id: id, body: 'Prefers invoices on the 1st.' });
    await call(client, 'update_client', { client_id: id, phone: '+44 20 7946 0000' });
    const got = await call<{ client: { phone: string; hourly_rate: number }; recent_notes: { body: string }[] }>(client, 'get_client', { client_id: id });
    expect(got.client).toMatchObject({ phone: '+44 20 7946 0000', hourly_rate: 12000 });
    expect(got.recent_notes.map((n) => n.body)).toEqual(['Prefers invoices on the 1st.']);

    const found = await call<{ items: { id: string }[] }>(client, 'list_clients', { query: 'northwind' });
    expect(found.items.map((c) => c.id)).toEqual([id]);
    await call(client, 'archive_client', { client_id: id });
    expect((await call<{ items: unknown[] }>(client, 'list_clients')).items).toEqual([]);
    expect((await call<{ items: { id: string }[] }>(client, 'list_clients', { status: 'archived' })).items.map((c) => c.id)).toEqual([id]);
    await client.close();

    // Refresh: new tokens, the rotated refresh token replaces the old one, and calls go on.
    const before = provider.saved!;
    expect(await auth(provider, { serverUrl: new URL(inst.mcpUrl) })).toBe('AUTHORIZED');
    expect(provider.saved!.refresh_token).not.toBe(before.refresh_token);
    expect(provider.saved!.access_token).not.toBe(before.access_token);
    const again = await connectClient(provider);
    expect((await call<{ role: string }>(again, 'whoami')).role).toBe('owner');
    await again.close();

    // Revoke the connection: its access token stops working at once.
    const revoked = await postForm(`${inst.url}/oauth/revoke`, { token: provider.saved!.refresh_token!, client_id: provider.info!.client_id });
    expect(revoked.status).toBe(200);
    const after = await rawMcp(provider.saved!.access_token);
    expect(after.status).toBe(401);
    expect(after.headers.get('www-authenticate')).toContain('error="invalid_token"');
    expect(after.headers.get('www-authenticate')).toContain(`resource_metadata="${inst.url}/.well-known/oauth-protected-resource/api/mcp"`);
  }, 60_000);

  it('a read-only connection reads, and a write says how to reconnect with write access', async () => {
    const { provider } = await connectWithSdk(inst.url, inst.mcpUrl, { access: 'read', clientName: 'Read-only Assistant' });
    const client = await connectClient(provider);
    const me = await call<{ read_only: boolean; scopes: string[] }>(client, 'whoami');
    expect(me.read_only).toBe(true);
    expect(me.scopes).not.toContain('clerq:write');
    expect(await call<{ items: unknown[] }>(client, 'list_clients')).toEqual({ items: [], next_cursor: null });
    const r = (await client.callTool({ name: 'create_client', arguments: { name: 'Nope' } })) as CallToolResult;
    expect(r.isError).toBe(true);
    expect(r._meta?.['clerq/error']).toMatchObject({ code: 'read_only' });
    expect((r.content[0] as { text: string }).text).toMatch(/read-only.*connect again/s);
    await client.close();
  }, 60_000);

  it('two people in two businesses never see each other’s clients', async () => {
    const a = await connectWithSdk(inst.url, inst.mcpUrl);
    const b = await connectWithSdk(inst.url, inst.mcpUrl);
    const ca = await connectClient(a.provider);
    const cb = await connectClient(b.provider);
    const secret = await call<{ client: { id: string } }>(ca, 'create_client', { name: 'Alpha Private Client' });
    const r = (await cb.callTool({ name: 'get_client', arguments: { client_id: secret.client.id } })) as CallToolResult;
    expect(r._meta?.['clerq/error']).toMatchObject({ code: 'not_found' });
    expect(JSON.stringify(r)).not.toContain('Alpha Private Client');
    expect(JSON.stringify(await call(cb, 'list_clients', { status: 'all' }))).not.toContain('Alpha Private Client');
    await ca.close();
    await cb.close();
  }, 60_000);
});
