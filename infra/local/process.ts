import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';

const running = new Set<ChildProcess>();

function signalGroup(child: ChildProcess, signal: NodeJS.Signals) {
  if (child.pid === undefined) return;
  try {
    // A negative pid signals the whole process group (children were spawned detached).
    process.kill(process.platform === 'win32' ? child.pid : -child.pid, signal);
  } catch {
    // Already gone.
  }
}

// If this process dies without stopping its children (an uncaught error), do not leave Java
// running in the background holding the port and the database file.
process.on('exit', () => {
  for (const child of running) signalGroup(child, 'SIGKILL');
});

/** Tracks a detached child so it is killed when this process exits. */
export function track(child: ChildProcess): void {
  running.add(child);
  child.once('exit', () => running.delete(child));
}

/** SIGTERM to the child's process group, then SIGKILL if it has not exited after `graceMs`. */
export async function stopProcessGroup(child: ChildProcess, graceMs = 5000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    running.delete(child);
    return;
  }
  const exited = once(child, 'exit');
  signalGroup(child, 'SIGTERM');
  const timer = setTimeout(() => signalGroup(child, 'SIGKILL'), graceMs);
  try {
    await exited;
  } finally {
    clearTimeout(timer);
    running.delete(child);
  }
}
