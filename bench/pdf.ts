/**
 * The PDF part of `npm run bench`: render times and sizes of a 1-page and a 200-line invoice, the
 * PDF function's bundle beside the MCP function's, its cold start in a fresh Node process, and a
 * link opened through the local instance (first open renders, later opens find the stored file).
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { buildEvent } from '../infra/local/adapter.js';
import { nodeModulesOf } from '../infra/bundling.js';
import { db } from '../shared/db/service.js';
import { fontFiles, fontPath } from '../shared/pdf/font-files.js';
import { pdfLinkUrl, signPdfToken } from '../shared/pdf/link.js';
import { renderInvoicePdf } from '../shared/pdf/render.js';
import { pdfInvoiceOf } from '../shared/pdf/model.js';
import { sampleBusiness, sampleInvoiceDoc } from '../test/support/pdf-sample.js';
import { bundleFunction, coldStart } from './bundle.js';
import { ms, summarize, timeIt } from './stats.js';

const kib = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;

function dirBytes(dir: string): number {
  let total = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) total += e.isDirectory() ? dirBytes(join(dir, e.name)) : statSync(join(dir, e.name)).size;
  return total;
}

async function renderTimes(label: string, lines: number, samples: number) {
  const doc = sampleInvoiceDoc({ lines });
  const model = pdfInvoiceOf(doc, sampleBusiness);
  await renderInvoicePdf(model); // warm: fonts parsed, code compiled
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < samples; i++) {
    const [t, pdf] = await timeIt(() => renderInvoicePdf(model));
    times.push(t);
    bytes = pdf.length;
  }
  const s = summarize(times);
  console.log(`${label.padEnd(36)} render p50 ${ms(s.p50)}  max ${ms(s.max)}  (${samples} warm renders)  PDF ${kib(bytes)}`);
}

export async function benchPdf(o: { localUrl: string; mcpBundleBytes: number; env: Record<string, string> }): Promise<void> {
  console.log('\nInvoice PDFs (shared/pdf, @react-pdf/renderer, Inter embedded and subset):');
  await renderTimes('1-page invoice (3 lines)', 3, 20);
  await renderTimes('200-line invoice', 200, 5);

  const nodeModules = nodeModulesOf.pdf ?? [];
  const bundle = await bundleFunction('pdf');
  const fonts = Object.values(fontFiles).reduce((n, f) => n + statSync(fontPath(f)).size, 0);
  const pdfkit = dirBytes(join('node_modules', 'pdfkit'));
  console.log(
    `PDF function bundle: ${kib(bundle.bytes)} minified, plus node modules ${nodeModules.join(', ')} (pdfkit itself ${kib(pdfkit)} on disk) and fonts ${kib(fonts)}; ` +
      `MCP function bundle: ${kib(o.mcpBundleBytes)}`,
  );

  // A 200-line invoice in the bench table, opened through a fresh process running the bundle.
  const doc = sampleInvoiceDoc({ lines: 200 });
  await db.entities.business.put(sampleBusiness).go();
  await db.entities.invoice.put(doc.invoice).go();
  await db.entities.invoiceLine.put(doc.lines).go();
  const claims = { businessId: doc.invoice.businessId, invoiceId: doc.invoice.invoiceId, issuedAt: Math.floor(Date.now() / 1000) };
  const event = buildEvent({ method: 'GET', url: `/api/pdf/${signPdfToken(claims)}`, headers: { host: 'localhost' }, routeKey: 'GET /api/pdf/{token}' });
  const cold = await coldStart(bundle.file, event, o.env);
  if (cold.status !== 302) throw new Error(`PDF cold start answered ${cold.status}`);
  console.log(`PDF function cold start in a fresh Node process: module loaded ${ms(cold.initMs)}, 200-line invoice rendered, stored and redirected ${ms(cold.firstResponseMs)} after process start`);

  // Through the local instance: the file of this revision is stored now, so opens only verify, read and presign.
  const { url } = pdfLinkUrl(claims);
  const local = `${o.localUrl}${new URL(url).pathname}`;
  const times: number[] = [];
  for (let i = 0; i < 25; i++) {
    const [t, res] = await timeIt(() => fetch(local, { redirect: 'manual' }));
    if (res.status !== 302) throw new Error(`link answered ${res.status}`);
    times.push(t);
  }
  const s = summarize(times.slice(5));
  console.log(`Opening a link to a stored PDF (local instance): p50 ${ms(s.p50)}  max ${ms(s.max)} (verify, read invoice + business, HEAD, presign)`);
}
