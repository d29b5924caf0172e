import { describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Code, type CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { ClerqStack } from '../../infra/stack.js';
import { fontFiles } from '../../shared/pdf/font-files.js';
import { signPdfToken } from '../../shared/pdf/link.js';
import { bundleFunction } from '../../bench/bundle.js';
import { draftWithLine, newClient } from '../support/invoices.js';
import { httpEvent } from '../support/events.js';
import { pdfText } from '../support/pdf-text.js';
import { createBusiness } from '../support/tenant.js';

/**
 * The known trap: react-pdf's pdfkit finds its standard fonts at run time, so a fully bundled
 * renderer fails. This bundles the PDF function exactly as `npm run synth` does (the CDK stack's
 * esbuild settings, pdfkit installed as a node module, the font files copied), loads the bundle in
 * a fresh Node process, and serves a real link with it.
 */
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const stub = Code.fromInline('export const handler = async () => ({ statusCode: 200 });');

/** The PDF function's asset directory as the stack synthesizes it. */
function synthPdfAsset(): string {
  const app = new App();
  const stack = new ClerqStack(app, 'ClerqPdfBundle', { functionCode: (fn) => (fn === 'pdf' ? undefined : stub) });
  const fn = (Template.fromStack(stack).toJSON() as { Resources: Record<string, { Properties: { Code: { S3Key: string } } }> }).Resources[
    stack.getLogicalId(stack.functions.pdf.node.defaultChild as CfnFunction)
  ]!.Properties;
  return join(app.outdir, `asset.${fn.Code.S3Key.replace(/\.zip$/, '')}`);
}

/** Runs the bundled handler on one event in a fresh Node process; the AWS SDK resolves from the repository as the Lambda runtime provides it. */
function runFresh(dir: string, event: unknown): Promise<{ statusCode: number; headers: Record<string, string>; body: string }> {
  const runner = join(dir, 'run.mjs');
  writeFileSync(runner, `const { handler } = await import('./index.mjs');\nprocess.stdout.write(JSON.stringify(await handler(${JSON.stringify(event)}, {})));\n`);
  const env = { ...process.env };
  delete env.NODE_OPTIONS;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [runner], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out) as never) : reject(new Error(`bundle run failed (${code}): ${err}`))));
  });
}

describe('PDF function bundle', () => {
  it('ships pdfkit and the fonts beside an esbuild bundle that renders an invoice in a fresh Node process', async () => {
    const asset = synthPdfAsset();
    expect(existsSync(join(asset, 'index.mjs'))).toBe(true);
    expect(existsSync(join(asset, 'node_modules', 'pdfkit', 'package.json'))).toBe(true);
    for (const file of Object.values(fontFiles)) expect(existsSync(join(asset, 'node_modules', file))).toBe(true);
    // pdfkit is loaded from node_modules, not bundled; react-pdf is bundled.
    const code = readFileSync(join(asset, 'index.mjs'), 'utf8');
    expect(code).toMatch(/from\s*"pdfkit"/);
    // Exactly the pdfkit version react-pdf asks for.
    const wanted = (JSON.parse(readFileSync(join(repoRoot, 'node_modules/@react-pdf/renderer/package.json'), 'utf8')) as { dependencies: Record<string, string> }).dependencies.pdfkit;
    expect((JSON.parse(readFileSync(join(asset, 'node_modules/pdfkit/package.json'), 'utf8')) as { version: string }).version).toBe(wanted);

    // Under the repository's node_modules so `@aws-sdk/*` resolves as from the Lambda runtime;
    // the asset's own node_modules is nearer, so pdfkit and the fonts come from what ships.
    mkdirSync(join(repoRoot, 'node_modules/.cache'), { recursive: true });
    const dir = mkdtempSync(join(repoRoot, 'node_modules/.cache/clerq-pdf-bundle-'));
    try {
      cpSync(asset, dir, { recursive: true });
      const owner = await createBusiness('Bundle Co', 'EUR');
      const inv = await draftWithLine(owner, await newClient(owner, { name: 'Fresh Process Müller' }));
      const token = signPdfToken({ businessId: owner.businessId, invoiceId: inv.id, issuedAt: Math.floor(Date.now() / 1000) });
      const result = await runFresh(dir, httpEvent({ path: `/api/pdf/${token}` }));
      expect(result.statusCode).toBe(302);
      const res = await fetch(result.headers.location!);
      const bytes = Buffer.from(await res.arrayBuffer());
      expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
      expect(await pdfText(bytes)).toContain('Fresh Process Müller');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('keeps the renderer out of the MCP function', async () => {
    const mcp = await bundleFunction('functions/mcp.ts');
    const code = readFileSync(mcp.file, 'utf8');
    rmSync(join(mcp.file, '..'), { recursive: true, force: true });
    expect(code).not.toMatch(/react-pdf|pdfkit|fontkit/i);
  }, 60_000);
});
