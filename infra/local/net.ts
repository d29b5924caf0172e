import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/** A port that was free a moment ago (the OS picks it); used for services that need a port up front. */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

/** Polls until `probe` resolves true, or fails after `timeoutMs` with the name in the message. */
export async function waitUntil(name: string, probe: () => Promise<boolean>, timeoutMs: number, isDead?: () => string | undefined): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const dead = isDead?.();
    if (dead) throw new Error(`${name} stopped before it was ready: ${dead}`);
    if (await probe().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`${name} did not answer within ${Math.round(timeoutMs / 1000)} s`);
    await sleep(100);
  }
}
