import { build } from 'esbuild';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * The same esbuild shape the CDK stack uses for a function: ESM, minified, createRequire banner,
 * and the AWS SDK left out because the Lambda runtime provides it. Written under node_modules so
 * the fresh process resolves the AWS SDK the way the runtime would. `nodeModules` stay out of the
 * bundle as the stack's extraBundling ships them (pdfkit for the PDF function).
 */
export async function bundleFunction(entry: string, nodeModules: string[] = []): Promise<{ file: string; bytes: number }> {
  mkdirSync('node_modules/.cache', { recursive: true });
  const dir = mkdtempSync(join('node_modules/.cache', 'clerq-bench-'));
  const file = join(dir, 'index.mjs');
  await build({
    entryPoints: [entry],
    outfile: file,
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'node',
    target: 'node22',
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    external: ['@aws-sdk/*', ...nodeModules],
    logLevel: 'silent',
  });
  return { file: resolve(file), bytes: statSync(file).size };
}

/**
 * Loads a bundle in a fresh Node process and sends it one request: reports the time from process
 * start to the module being loaded, and to the first response.
 */
export async function coldStart(bundle: string, event: unknown, env: Record<string, string>): Promise<{ initMs: number; firstResponseMs: number; status: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'clerq-cold-'));
  const runner = join(dir, 'run.mjs');
  writeFileSync(
    runner,
    `const t0 = performance.now();
const mod = await import(${JSON.stringify(bundle)});
const t1 = performance.now();
const res = await mod.handler(${JSON.stringify(event)}, {});
const t2 = performance.now();
process.stdout.write(JSON.stringify({ initMs: t1, firstResponseMs: t2, status: res.statusCode, t0 }));`,
  );
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [runner], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`cold start run failed: ${err}`));
      resolve(JSON.parse(out) as { initMs: number; firstResponseMs: number; status: number });
    });
  });
}
