/**
 * Runs a function bundle as Lambda would: a fresh Node process with the Lambda runtime's
 * environment variables, the bundle imported once, then one event after another through its
 * handler. Results come back through a file; stdout holds what the function logged.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HttpEvent, HttpResult } from '../../shared/http/types.js';

export interface FreshRun {
  results: HttpResult[];
  /** Milliseconds from process start to the bundle being imported. */
  importMs: number;
  /** The JSON lines the function wrote on stdout. */
  logs: Record<string, unknown>[];
  stdout: string;
}

const runner = `import { readFileSync, writeFileSync } from 'node:fs';
const [events, out, bundle] = process.argv.slice(2);
const { handler } = await import(bundle);
const importMs = performance.now();
const results = [];
for (const event of JSON.parse(readFileSync(events, 'utf8'))) results.push(await handler(event, { awsRequestId: event.requestContext.requestId, functionName: process.env.AWS_LAMBDA_FUNCTION_NAME }));
writeFileSync(out, JSON.stringify({ results, importMs }));
`;

export function runInFreshProcess(bundle: string, events: HttpEvent[], env: Record<string, string>): Promise<FreshRun> {
  const dir = mkdtempSync(join(tmpdir(), 'clerq-fresh-'));
  const files = { runner: join(dir, 'run.mjs'), events: join(dir, 'events.json'), out: join(dir, 'out.json') };
  writeFileSync(files.runner, runner);
  writeFileSync(files.events, JSON.stringify(events));
  return new Promise((resolve, reject) => {
    // Only what Lambda would set: nothing of the test process leaks in.
    const child = spawn(process.execPath, [files.runner, files.events, files.out, bundle], { cwd: dir, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`bundle run failed (${code}):\n${stderr}\n${stdout}`));
      const { results, importMs } = JSON.parse(readFileSync(files.out, 'utf8')) as { results: HttpResult[]; importMs: number };
      const logs = stdout
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      resolve({ results, importMs, logs, stdout: stdout + stderr });
    });
  });
}
