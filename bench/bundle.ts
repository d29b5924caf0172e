import { build } from 'esbuild';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { functions, type FunctionName } from '../functions/routes.js';
import { esbuildOptions } from '../infra/bundling.js';

/**
 * Builds a function with the stack's own esbuild settings (infra/bundling.ts): ESM, minified,
 * createRequire banner, the AWS SDK bundled. Written under node_modules so the modules the stack
 * ships beside a bundle (pdfkit for the PDF function) resolve from the repository's node_modules.
 * Takes a function name or its entry path.
 */
export async function bundleFunction(fn: FunctionName | string): Promise<{ file: string; bytes: number }> {
  const name = (fn in functions ? fn : Object.entries(functions).find(([, spec]) => spec.entry === fn)?.[0]) as FunctionName | undefined;
  if (!name) throw new Error(`no function ${fn} in functions/routes.ts`);
  mkdirSync('node_modules/.cache', { recursive: true });
  const dir = mkdtempSync(join('node_modules/.cache', 'clerq-bench-'));
  const file = join(dir, 'index.mjs');
  await build(esbuildOptions(name, functions[name].entry, file));
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
