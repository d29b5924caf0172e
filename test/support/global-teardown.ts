import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';

/** Stops the services global setup started (the key is repeated here: this file imports nothing of the project's). */
export default async function globalTeardown(): Promise<void> {
  const store = globalThis as Record<string, unknown>;
  const child = store.__clerqTestServices as ChildProcess | undefined;
  delete store.__clerqTestServices;
  if (!child || child.exitCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}
