/**
 * Every function's bundle (built with the stack's esbuild settings, infra/bundling.ts) and its
 * cold import: a fresh Node process imports the bundle and reports when the import finished,
 * counted from process start; an empty module is measured the same way as the floor (Node's own
 * start). Medians of several runs. Part of `npm run bench`; alone: `npm run bench:bundles`.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { functions, type FunctionName } from '../functions/routes.js';
import { bundleFunction } from './bundle.js';
import { summarize } from './stats.js';

const kib = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`.padStart(9);

/** Milliseconds from process start to `import(file)` resolving, in a fresh process. */
function importTime(file: string): number {
  const script = `await import(${JSON.stringify(pathToFileURL(file).href)}); process.stdout.write(String(performance.now()));`;
  const out = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    env: { PATH: process.env.PATH ?? '', AWS_REGION: 'us-east-1', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', CLERQ_LOG: 'silent' },
    encoding: 'utf8',
  });
  if (out.status !== 0) throw new Error(`importing ${file} failed: ${out.stderr}`);
  return Number(out.stdout);
}

function median(file: string, runs: number): number {
  return summarize(Array.from({ length: runs }, () => importTime(file))).p50;
}

export async function benchFunctions(runs = Number(process.env.BENCH_IMPORT_RUNS ?? 7)): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'clerq-empty-'));
  const empty = join(dir, 'empty.mjs');
  writeFileSync(empty, 'export {};\n');
  const floor = median(empty, runs);
  rmSync(dir, { recursive: true, force: true });
  console.log(`\nFunction bundles (esbuild as the stack builds them, AWS SDK inside) and cold import in a fresh Node ${process.version} process, median of ${runs}; an empty module imports at ${floor.toFixed(0)} ms:`);
  for (const name of Object.keys(functions) as FunctionName[]) {
    const bundle = await bundleFunction(name);
    const at = median(bundle.file, runs);
    console.log(`  ${name.padEnd(9)} ${kib(bundle.bytes)}  imported ${at.toFixed(0).padStart(4)} ms after process start (${(at - floor).toFixed(0).padStart(4)} ms over the empty module)`);
    rmSync(dirname(bundle.file), { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await benchFunctions();
