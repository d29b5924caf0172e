import { setTimeout as sleep } from 'node:timers/promises';
import { OpError } from './errors.js';

/**
 * A write conditioned on the invoice revision it read found a newer one. Thrown from commit()'s
 * onConflict; operations whose change still makes sense on the newer invoice (a line, a payment,
 * a header field) read again and retry, the others report it as the conflict it is.
 */
export class InvoiceChanged extends OpError {
  constructor(invoiceId: string) {
    super('conflict', `invoice ${invoiceId} changed while this request ran; read it again (get_invoice) and retry.`);
  }
}

/**
 * Runs `attempt` again (reading afresh) while it fails with `retryable`, a bounded number of
 * times with a growing random pause, so concurrent writers to one item take turns instead of
 * colliding again in step.
 */
/** The longest pause between two tries. */
const maxPauseMs = 250;

export async function retrying<T>(attempt: () => Promise<T>, o: { retryable: (e: unknown) => boolean; attempts: number; jitterMs: number }): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (e) {
      if (!o.retryable(e) || n >= o.attempts) throw e;
      // Full jitter, doubling up to a cap: losers spread out instead of colliding again in step.
      await sleep(Math.random() * Math.min(o.jitterMs * 2 ** Math.min(n - 1, 6), maxPauseMs));
    }
  }
}

/** Retrying while the invoice changed under the attempt: a few tries, then the conflict. */
export function retryingWhileChanged<T>(attempt: () => Promise<T>): Promise<T> {
  return retrying(attempt, { retryable: (e) => e instanceof InvoiceChanged, attempts: 6, jitterMs: 20 });
}
