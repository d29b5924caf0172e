/**
 * `npm run bench`: DynamoDB round trips per tool call, warm latency percentiles against a local
 * instance (beside a bare DynamoDB call), the MCP and PDF functions' cold start, and every
 * function's bundle size and cold import time; the web app's initial JavaScript and dashboard
 * first render in headless Chromium (bench/web.ts).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalInstance } from '../infra/local/instance.js';
import { quietNodeVersionWarning } from '../infra/local/node-version.js';
import { bundleFunction, coldStart } from './bundle.js';
import { ms, summarize, timeIt } from './stats.js';

const iterations = Number(process.env.BENCH_ITERATIONS ?? 300);
const warmup = 30;

const nodeNote = quietNodeVersionWarning();
if (nodeNote) console.log(nodeNote);
const dataDir = mkdtempSync(join(tmpdir(), 'clerq-bench-data-'));
process.env.CLERQ_LOG = 'silent';
process.env.TABLE_NAME = 'clerq-bench';
const instance = await startLocalInstance({ port: 0, dataDir, inMemory: true });
// Imported after the instance set the environment the modules read when they load.
const { dbStats, documentClient, dynamo } = await import('../shared/db/client.js');
const { countItemsRead, itemsRead } = await import('./items-read.js');
const { seedTimeBusiness } = await import('./time-business.js');
countItemsRead(dynamo());
const { config } = await import('../shared/config/index.js');
const { GetCommand } = await import('@aws-sdk/lib-dynamodb');
const { seedBusiness, seedMember } = await import('../test/support/seed.js');
const { db } = await import('../shared/db/service.js');
const { nameKeyOf } = await import('../shared/db/clients.js');
const { newId } = await import('../shared/ids.js');

try {
  const biz = await seedBusiness('Bench Studio');
  const owner = await seedMember(biz.businessId, biz.businessName, 'owner', 'clerq:read clerq:write', 'Bench Owner');
  const now = new Date().toISOString();
  const clients = Array.from({ length: 500 }, (_, i) => {
    const name = `Client ${String(i).padStart(4, '0')}`;
    return { businessId: biz.businessId, clientId: newId('client'), name, nameKey: nameKeyOf(name), currency: 'USD', status: 'active' as const, createdAt: now, updatedAt: now };
  });
  await db.entities.client.put(clients).go();

  let id = 0;
  async function rpc(method: string, params?: unknown, token = owner.token): Promise<{ status: number; body: string }> {
    const res = await fetch(`${instance.localUrl}/api/mcp`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      body: JSON.stringify({ jsonrpc: '2.0', id: ++id, method, params }),
    });
    return { status: res.status, body: await res.text() };
  }

  async function measure(label: string, fn: () => Promise<{ status: number; body: string }>, n = iterations) {
    for (let i = 0; i < warmup; i++) await fn();
    const samples: number[] = [];
    const before = dbStats.calls;
    const readBefore = itemsRead.items;
    for (let i = 0; i < n; i++) {
      const [t, out] = await timeIt(fn);
      if (out.status !== 200 || out.body.includes('"isError":true')) throw new Error(`${label} failed: ${out.body.slice(0, 300)}`);
      samples.push(t);
    }
    const perCall = (dbStats.calls - before) / n;
    const read = (itemsRead.items - readBefore) / n;
    const s = summarize(samples);
    console.log(
      `${label.padEnd(36)} round trips/call ${perCall.toFixed(2)}  items read/call ${read.toFixed(1).padStart(6)}  p50 ${ms(s.p50)}  p95 ${ms(s.p95)}  p99 ${ms(s.p99)}  max ${ms(s.max)}`,
    );
  }

  console.log(`Clerq bench: ${iterations} warm calls each over HTTP to a local instance (DynamoDB Local in memory, 500 clients).`);
  const baselineKey = db.entities.business.get({ businessId: biz.businessId }).params().Key;
  await measure('baseline: one GetItem', async () => {
    await documentClient().send(new GetCommand({ TableName: config().tableName, Key: baselineKey }));
    return { status: 200, body: '' };
  });
  await measure('tools/list', () => rpc('tools/list'));
  await measure('whoami', () => rpc('tools/call', { name: 'whoami', arguments: {} }));
  await measure('list_clients (limit 25)', () => rpc('tools/call', { name: 'list_clients', arguments: {} }));
  await measure('get_client', () => rpc('tools/call', { name: 'get_client', arguments: { client_id: clients[7]!.clientId } }));
  // A PDF link: the auth read, then one transaction (the invoice's existence check and the activity record).
  const drafted = await rpc('tools/call', { name: 'create_draft_invoice', arguments: { client_id: clients[7]!.clientId } });
  const draftId = (JSON.parse(drafted.body) as { result: { structuredContent: { invoice: { id: string } } } }).result.structuredContent.invoice.id;
  await measure('get_invoice_pdf_link', () => rpc('tools/call', { name: 'get_invoice_pdf_link', arguments: { invoice_id: draftId } }));

  // Time tracking in a business with a year of time: nothing may read its entries wholesale.
  const seedStart = performance.now();
  const tb = await seedTimeBusiness(20_000);
  const month = { from: '2025-06-01', to: '2025-06-30' };
  const inMonth = tb.entries.filter((e) => e.date >= month.from && e.date <= month.to).length;
  const onProject = tb.entries.filter((e) => e.projectId === tb.projectIds[0]).length;
  const onTask = tb.entries.filter((e) => e.taskId === tb.taskIds[0]).length;
  console.log(
    `\nTime: a business with ${tb.entries.length} time entries over 2025 (${tb.rollups} daily and ${tb.monthlyRollups} monthly rollup rows; seeded in ${ms(performance.now() - seedStart)}); ` +
      `June holds ${inMonth} entries, project 0 ${onProject}, task 0 ${onTask}. Auth reads 3 items per call (grant, membership, business).`,
  );
  const call = (name: string, args: Record<string, unknown>) => () => rpc('tools/call', { name, arguments: args }, tb.owner.token);
  const timeIterations = Math.min(iterations, 200);
  await measure('get_project (20k-entry business)', call('get_project', { project_id: tb.projectIds[0] }), timeIterations);
  await measure('list_time_entries (June, page 25)', call('list_time_entries', month), timeIterations);
  await measure('list_time_entries (member, June)', call('list_time_entries', { ...month, member_id: tb.owner.userId }), timeIterations);
  await measure('list_time_entries (Jun 15 - Jul 14)', call('list_time_entries', { from: '2025-06-15', to: '2025-07-14' }), timeIterations);
  await measure('list_time_entries (whole year)', call('list_time_entries', { from: '2025-01-01', to: '2025-12-31' }), timeIterations);
  await measure('list_task_time (page 25)', call('list_task_time', { task_id: tb.taskIds[0] }), timeIterations);
  await measure('get_running_timer', call('get_running_timer', {}), timeIterations);
  let logged = 0;
  await measure('log_time', () => call('log_time', { task_id: tb.taskIds[1], date: '2025-06-16', duration_minutes: 30, note: `bench ${++logged}` })(), timeIterations);
  await measure(
    'start_timer + stop_timer (pair)',
    async () => {
      const started = await call('start_timer', { task_id: tb.taskIds[2] })();
      if (started.body.includes('"isError":true')) return started;
      return call('stop_timer', {})();
    },
    timeIterations,
  );

  // Invoicing from time (bench/invoice-generate.ts): every sample bills a freshly seeded month.
  const { benchGenerate } = await import('./invoice-generate.js');
  console.log('\nInvoicing: generate_invoice_from_time over June of one client (3 tasks, 3 members, 1-240 min entries) into an empty draft.');
  await benchGenerate(rpc, 100, 10);
  await benchGenerate(rpc, 1000, 3);

  // issue_invoice: every sample issues a fresh one-line draft, so the number advances gap-free.
  const issueSamples = Math.min(iterations, 100);
  const drafts: string[] = [];
  const structuredOf = (body: string) => (JSON.parse(body) as { result: { structuredContent: { invoice: { id: string } } } }).result.structuredContent;
  for (let i = 0; i < issueSamples + warmup; i++) {
    const draft = structuredOf((await rpc('tools/call', { name: 'create_draft_invoice', arguments: { client_id: clients[0]!.clientId } })).body);
    await rpc('tools/call', { name: 'add_invoice_line', arguments: { invoice_id: draft.invoice.id, description: 'Consulting', quantity: 1.5, unit_amount: 12000 } });
    drafts.push(draft.invoice.id);
  }
  await measure('issue_invoice (one-line draft)', () => rpc('tools/call', { name: 'issue_invoice', arguments: { invoice_id: drafts.shift()! } }), issueSamples);

  const bundle = await bundleFunction('functions/mcp.ts');
  console.log(`MCP function bundle: ${(bundle.bytes / 1024).toFixed(0)} KiB minified (esbuild as the stack builds it: ESM, AWS SDK bundled)`);
  const event = {
    version: '2.0',
    rawPath: '/api/mcp',
    rawQueryString: '',
    headers: { host: new URL(instance.url).host, authorization: `Bearer ${owner.token}`, 'content-type': 'application/json', accept: 'application/json' },
    requestContext: { requestId: 'cold', http: { method: 'POST', path: '/api/mcp', sourceIp: '127.0.0.1' } },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'whoami', arguments: {} } }),
    isBase64Encoded: false,
  };
  const env = Object.fromEntries(
    ['DYNAMODB_ENDPOINT', 'TABLE_NAME', 'PUBLIC_URL', 'BETTER_AUTH_SECRET', 'AWS_REGION', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'CLERQ_LOG'].map((k) => [k, process.env[k] ?? '']),
  );
  const cold = await coldStart(bundle.file, event, env);
  if (cold.status !== 200) throw new Error(`cold start answered ${cold.status}`);
  console.log(`MCP function cold start in a fresh Node process: module loaded ${ms(cold.initMs)}, first whoami answered ${ms(cold.firstResponseMs)} after process start`);

  // Invoice PDFs (bench/pdf.ts): render times, sizes, the PDF function's bundle and cold start.
  const { benchPdf } = await import('./pdf.js');
  const pdfEnv = { ...env, S3_ENDPOINT: process.env.S3_ENDPOINT ?? '', PDF_BUCKET: process.env.PDF_BUCKET ?? '' };
  await benchPdf({ localUrl: instance.localUrl, mcpBundleBytes: bundle.bytes, env: pdfEnv });

  // Every function's bundle size and cold import (bench/functions.ts).
  const { benchFunctions } = await import('./functions.js');
  await benchFunctions();

  // The web app in headless Chromium (bench/web.ts): its own process with its own instance and services,
  // so nothing of this instance's environment (port, table, endpoints) leaks into it.
  const webEnv = Object.fromEntries(['PATH', 'HOME', 'JAVA_HOME', 'CHROMIUM_PATH', 'BENCH_WEB_LOADS'].filter((k) => process.env[k]).map((k) => [k, process.env[k]!]));
  const web = spawnSync(process.execPath, ['--import', 'tsx', 'bench/web.ts'], { stdio: 'inherit', env: { ...webEnv, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' } });
  if (web.status !== 0) throw new Error(`bench/web.ts failed (exit ${web.status})`);
} finally {
  await instance.stop();
}
