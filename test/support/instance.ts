/**
 * A real local instance in a child process, as `npm start` runs it, for end-to-end tests. It uses
 * the DynamoDB Local and s3rver that global setup started, a fresh table unless one is named
 * (so each test gets a fresh instance), a free port, and a temporary data directory that is
 * removed on stop.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

export interface SpawnedInstance {
  /** The base URL the instance printed (PUBLIC_URL, or http://localhost:<port>). */
  url: string;
  /** The printed MCP connector URL. */
  mcpUrl: string;
  /** Where it actually listens (differs from `url` only when PUBLIC_URL is set). */
  localUrl: string;
  tableName: string;
  dataDir: string;
  stop(): Promise<void>;
  /** Everything the process wrote so far (stdout and stderr). */
  output(): string;
}

export interface SpawnOptions {
  /** Extra environment for the instance (overrides the test environment). */
  env?: Record<string, string>;
  /** Reuse a table (default: a fresh, unique one). */
  tableName?: string;
  /** Default: a fresh temporary directory, removed on stop. */
  dataDir?: string;
  timeoutMs?: number;
}

export async function spawnInstance(options: SpawnOptions = {}): Promise<SpawnedInstance> {
  const tableName = options.tableName ?? `clerq-e2e-${randomUUID().slice(0, 8)}`;
  const ownDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'clerq-instance-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    APP_PORT: '0',
    TABLE_NAME: tableName,
    CLERQ_DATA_DIR: dataDir,
    ...options.env,
  };
  delete env.NODE_OPTIONS; // jest's --experimental-vm-modules is not for the instance
  if (!options.env?.PUBLIC_URL) delete env.PUBLIC_URL;

  const child = spawn(process.execPath, ['--import', 'tsx', join('infra', 'local', 'main.ts')], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const exited = once(child, 'exit');

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGINT');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    if (ownDataDir) rmSync(dataDir, { recursive: true, force: true });
  };

  const timeoutMs = options.timeoutMs ?? 20_000;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const url = /^Clerq is running at (\S+)$/m.exec(output)?.[1];
    const mcpUrl = /^MCP connector URL: (\S+)$/m.exec(output)?.[1];
    if (url && mcpUrl) {
      const localUrl = /^Listening locally on (\S+)$/m.exec(output)?.[1] ?? url;
      return { url, mcpUrl, localUrl, tableName, dataDir, stop, output: () => output };
    }
    if (child.exitCode !== null || child.signalCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`the local instance did not start (${child.exitCode ?? child.signalCode ?? `no URL within ${timeoutMs} ms`}):\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
