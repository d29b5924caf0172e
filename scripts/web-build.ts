/**
 * Builds the web app (web/dist) when it is missing or older than its sources, so `npm start` on a
 * fresh clone and the browser tests serve the current app without a separate build step.
 * A lock directory keeps two processes (jest workers) from building at once.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
// Beside web/dist, not in it: web/dist is exactly what gets deployed.
const stamp = join(root, 'web', '.build-stamp');
const builtIndex = join(root, 'web', 'dist', 'index.html');
const lock = join(root, 'web', '.build-lock');

/** What the build reads: the app, its config, the operations the contract is made from, the dependencies. */
const sources = ['web/src', 'web/index.html', 'web/vite.config.ts', 'shared/ops', 'scripts/web-contract.ts', 'package-lock.json'];

function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let latest = 0;
  for (const entry of readdirSync(path)) {
    if (entry === 'generated') continue; // written by the build itself
    latest = Math.max(latest, newest(join(path, entry)));
  }
  return latest;
}

export function webBuildIsStale(): boolean {
  if (!existsSync(stamp) || !existsSync(builtIndex)) return true;
  const built = statSync(stamp).mtimeMs;
  return sources.some((s) => newest(join(root, s)) > built);
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function acquire(): void {
  for (let waited = 0; ; waited += 250) {
    try {
      mkdirSync(lock);
      return;
    } catch {
      // Another process builds; a lock older than 5 minutes was left by one that died.
      if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > 5 * 60_000) rmSync(lock, { recursive: true, force: true });
      if (waited > 10 * 60_000) throw new Error(`gave up waiting for ${lock}`);
      sleep(250);
    }
  }
}

/** Builds web/dist if stale; returns whether it built. Throws with the build's output if it fails. */
export function ensureWebBuilt(log: (line: string) => void = console.log): boolean {
  if (!webBuildIsStale()) return false;
  acquire();
  try {
    if (!webBuildIsStale()) return false;
    log('Building the web app (web/dist)…');
    // Always a production build: jest sets NODE_ENV=test, which would bundle React's development build.
    const r = spawnSync('npm', ['run', '--silent', 'build:web'], { cwd: root, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '', NODE_ENV: 'production' } });
    if (r.status !== 0) throw new Error(`npm run build:web failed (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
    writeFileSync(stamp, `${new Date().toISOString()}\n`);
    return true;
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    ensureWebBuilt();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
