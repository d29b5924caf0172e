import { dbStats } from '../shared/db/client.js';
import { seedBillableMonth } from '../test/support/invoice-seed.js';
import { itemsRead } from './items-read.js';
import { ms, summarize, timeIt } from './stats.js';

type Rpc = (method: string, params: unknown, token: string) => Promise<{ status: number; body: string }>;

/**
 * generate_invoice_from_time over `count` unbilled entries: a preview, then the real run, each
 * sample on a freshly seeded business (billing consumes its data). Round trips and items read
 * are per call; the real run's grow with the number of batches, by design.
 */
export async function benchGenerate(rpc: Rpc, count: number, samples: number): Promise<void> {
  const runs = { dry: [] as number[], real: [] as number[] };
  const trips = { dry: 0, real: 0 };
  const read = { dry: 0, real: 0 };
  let lines = 0;
  for (let i = 0; i < samples; i++) {
    const { owner, invoiceId } = await seedBillableMonth(count);
    for (const mode of ['dry', 'real'] as const) {
      const args = { invoice_id: invoiceId, from: '2025-06-01', to: '2025-06-30', dry_run: mode === 'dry' };
      const [calls, readBefore] = [dbStats.calls, itemsRead.items];
      const [t, out] = await timeIt(() => rpc('tools/call', { name: 'generate_invoice_from_time', arguments: args }, owner.token));
      if (out.status !== 200 || out.body.includes('"isError":true')) throw new Error(`generate_invoice_from_time failed: ${out.body.slice(0, 300)}`);
      if (!out.body.includes(`"entry_count":${count}`)) throw new Error(`generate_invoice_from_time did not bill ${count} entries`);
      runs[mode].push(t);
      trips[mode] += dbStats.calls - calls;
      read[mode] += itemsRead.items - readBefore;
      if (mode === 'real') lines = (out.body.match(/"line_id"/g) ?? []).length;
    }
  }
  for (const mode of ['dry', 'real'] as const) {
    const s = summarize(runs[mode]);
    const label = `generate_invoice_from_time ${count} ${mode === 'dry' ? 'dry run' : 'real'}`;
    console.log(
      `${label.padEnd(44)} round trips/call ${(trips[mode] / samples).toFixed(2)}  items read/call ${(read[mode] / samples).toFixed(1).padStart(6)}  p50 ${ms(s.p50)}  max ${ms(s.max)}  (${samples} fresh businesses${mode === 'real' ? `, ${lines} lines` : ''})`,
    );
  }
}
