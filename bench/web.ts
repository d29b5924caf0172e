/**
 * The web app in headless Chromium (Debian's, driven by playwright-core): the JavaScript the
 * browser loads before the dashboard first renders, gzip-compressed as a server or CDN would
 * send it, and the time from navigation start to that first render (a `performance.mark` the
 * dashboard sets once the business is loaded) and to every dashboard card loaded, over cold
 * loads (a new browser context each: no cache) against a local instance. Part of `npm run bench`;
 * alone: `npm run bench:web`. Runs its own local instance (DynamoDB Local in memory).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { startLocalInstance } from '../infra/local/instance.js';
import { ensureWebBuilt } from '../scripts/web-build.js';
import { ms, summarize } from './stats.js';

const dist = fileURLToPath(new URL('../web/dist/', import.meta.url));
const gzipKiB = (bytes: Buffer) => `${(gzipSync(bytes, { level: 9 }).length / 1024).toFixed(1)} KiB`;

export async function benchWeb(samples = Number(process.env.BENCH_WEB_LOADS ?? 10)): Promise<void> {
  ensureWebBuilt(() => undefined);
  process.env.CLERQ_LOG = 'silent';
  const dataDir = mkdtempSync(join(tmpdir(), 'clerq-bench-web-'));
  const instance = await startLocalInstance({ port: 0, dataDir, inMemory: true, tableName: 'clerq-bench-web' });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
  try {
    // An owner signs up on the instance's page; the dashboard is then loaded cold with that session.
    const setup = await browser.newContext();
    const page = await setup.newPage();
    await page.goto(`${instance.localUrl}/oauth/sign-up?return_to=/`);
    await page.getByLabel('Your name').fill('Bench Owner');
    await page.getByLabel('Email').fill('bench@example.test');
    await page.getByLabel('Password').fill('correct horse battery');
    await page.getByLabel('Business name').fill('Bench Studio');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL(/\/b\/[^/]+$/);
    const dashboardUrl = page.url();
    const cookies = await setup.cookies();
    await setup.close();

    const firstRender: number[] = [];
    const loaded: number[] = [];
    let scripts: string[] = [];
    for (let i = 0; i < samples; i++) {
      const context = await browser.newContext();
      await context.addCookies(cookies);
      const p = await context.newPage();
      await p.goto(dashboardUrl);
      await p.waitForFunction(() => performance.getEntriesByName('clerq:dashboard-rendered').length > 0);
      await p.waitForFunction(() => document.querySelectorAll('[role="status"]').length === 0 && document.querySelectorAll('.card').length >= 3);
      const t = await p.evaluate(() => ({
        render: performance.getEntriesByName('clerq:dashboard-rendered')[0]!.startTime,
        loaded: performance.now(),
        scripts: performance
          .getEntriesByType('resource')
          .filter((r) => r.name.endsWith('.js') && r.startTime <= performance.getEntriesByName('clerq:dashboard-rendered')[0]!.startTime)
          .map((r) => new URL(r.name).pathname),
      }));
      firstRender.push(t.render);
      loaded.push(t.loaded);
      scripts = t.scripts;
      await context.close();
    }
    const files = scripts.map((path) => readFileSync(join(dist, path)));
    const initial = Buffer.concat(files);
    const all = readFileSync(join(dist, 'index.html'), 'utf8');
    const css = /href="(\/assets\/[^"]+\.css)"/.exec(all)?.[1];
    const r = summarize(firstRender);
    const l = summarize(loaded);
    console.log(`\nWeb app (web/dist, Vite production build) in headless Chromium ${browser.version()}, ${samples} cold loads of the dashboard (new context each, no cache):`);
    console.log(`  initial JavaScript: ${gzipKiB(initial)} gzip (${(initial.length / 1024).toFixed(0)} KiB minified) in ${files.length} file(s) loaded before the first render${css ? `; CSS ${gzipKiB(readFileSync(join(dist, css)))} gzip` : ''}`);
    console.log(`  dashboard first render: p50 ${ms(r.p50)}  p95 ${ms(r.p95)}  max ${ms(r.max)} after navigation start (session and business loaded)`);
    console.log(`  dashboard cards loaded: p50 ${ms(l.p50)}  p95 ${ms(l.p95)}  max ${ms(l.max)} (timer, unbilled time, invoices, expenses)`);
  } finally {
    await browser.close();
    await instance.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await benchWeb();
