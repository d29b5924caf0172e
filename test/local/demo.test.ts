import { afterAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { freePort } from '../../infra/local/net.js';
import { addDays, todayIn } from '../../shared/time/zone.js';
import { Browser } from '../oauth/helpers/browser.js';
import { connect, signIn } from '../oauth/helpers/flow.js';
import { spawnInstance, type SpawnedInstance } from '../support/instance.js';

/**
 * `npm run demo` as a newcomer uses it: it writes the demo business into a data folder, a second
 * run changes nothing and prints the same sign-in, and then `npm start` on that data lets the
 * printed owner sign in, connect an assistant and run the headline flow.
 */
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const tableName = `clerq-demo-${randomUUID().slice(0, 8)}`;
const dataDir = mkdtempSync(join(tmpdir(), 'clerq-demo-'));
let instance: SpawnedInstance | undefined;

afterAll(async () => {
  await instance?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function runDemo(): Promise<{ code: number | null; output: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, TABLE_NAME: tableName, CLERQ_DATA_DIR: dataDir, APP_PORT: String(await freePort()) };
  delete env.NODE_OPTIONS;
  delete env.PUBLIC_URL;
  const child = spawn(process.execPath, ['--import', 'tsx', join('infra', 'local', 'demo.ts')], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString('utf8')));
  child.stderr.on('data', (c: Buffer) => (output += c.toString('utf8')));
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, output };
}

const field = (output: string, name: string) => new RegExp(`^${name}:\\s+(\\S+)$`, 'm').exec(output)?.[1];

describe('npm run demo', () => {
  it('seeds a business a newcomer can sign in to and draft the Northwind invoice in', async () => {
    const first = await runDemo();
    expect(first.code).toBe(0);
    expect(first.output).toContain('Demo data written to');
    expect(first.output).toContain("Draft an invoice to Northwind for this month's unbilled time, one line per task");
    expect(first.output).toContain('npm start');
    const email = field(first.output, 'Sign in');
    const password = field(first.output, 'Password');
    expect(email).toBe('owner@brightside.example');
    expect(password).toEqual(expect.any(String));
    expect(statSync(join(dataDir, 'demo-owner.json')).mode & 0o777).toBe(0o600);

    const second = await runDemo();
    expect(second.code).toBe(0);
    expect(second.output).toContain('already in');
    expect(field(second.output, 'Password')).toBe(password);

    instance = await spawnInstance({ tableName, dataDir });
    const browser = new Browser(instance.url);
    expect((await signIn(browser, email!, password!)).status).toBe(302);
    const { tokens } = await connect(instance.url, { browser });
    const client = new Client({ name: 'demo-check', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(instance.mcpUrl), { requestInit: { headers: { authorization: `Bearer ${tokens.access_token}` } } }));
    const call = async <T>(name: string, args: Record<string, unknown> = {}): Promise<T> => {
      const r = (await client.callTool({ name, arguments: args })) as CallToolResult;
      if (r.isError) throw new Error(`${name} failed: ${JSON.stringify(r.content)}`);
      return r.structuredContent as T;
    };

    const me = await call<{ business: { name: string; time_zone: string } }>('whoami');
    expect(me.business.name).toBe('Brightside Studio');
    const invoices = await call<{ items: { number: string; status: string; client_name: string }[] }>('list_invoices');
    expect(invoices.items.map((i) => [i.number, i.status, i.client_name])).toEqual([
      ['INV-0002', 'paid', 'Contoso Ltd'],
      ['INV-0001', 'issued', 'Northwind Traders'],
    ]);
    const clients = await call<{ items: { id: string; name: string }[] }>('list_clients', { query: 'northwind' });
    const northwind = clients.items[0]!;
    expect(northwind.name).toBe('Northwind Traders');

    // The headline flow on the demo data.
    const today = todayIn(me.business.time_zone);
    const { invoice } = await call<{ invoice: { id: string } }>('create_draft_invoice', { client_id: northwind.id });
    const generated = await call<{ lines: { description: string; task_id: string }[]; entry_count: number }>('generate_invoice_from_time', {
      invoice_id: invoice.id,
      from: `${today.slice(0, 7)}-01`,
      to: today,
    });
    expect(generated.lines).toHaveLength(4);
    expect(new Set(generated.lines.map((l) => l.task_id)).size).toBe(4);
    expect(generated.entry_count).toBeGreaterThanOrEqual(4);
    const issued = await call<{ invoice: { number: string; due_date: string } }>('issue_invoice', { invoice_id: invoice.id });
    expect(issued.invoice).toMatchObject({ number: 'INV-0003', due_date: addDays(today, 30) });
    await client.close();
  }, 180_000);
});
