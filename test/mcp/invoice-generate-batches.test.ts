import { afterEach, describe, expect, it } from '@jest/globals';
import { billingHooks } from '../../shared/db/invoice-billing.js';
import { byId, clientEntries, expectConsistent, generate, seedDraft } from '../support/invoice-billing.js';
import { monthOfEntries } from '../support/invoice-seed.js';
import { createBusiness, errorCode, structured, type Member } from '../support/tenant.js';
import { createTask, createWork, projectAggregates, unbilledIds } from '../support/time.js';
import { seedTimeEntries } from '../support/time-seed.js';
import type { TimeEntryRecord } from '../../shared/db/time-lookup.js';

interface Generated {
  lines: { line_id: string; extends_line: boolean; minutes: number; entry_ids: string[] }[];
  entry_count: number;
  invoice: { line_count: number; revision: number };
}

const june = { from: '2025-06-01', to: '2025-06-30' };

/** A business whose one client has `count` billable June entries over three tasks, seeded in bulk. */
async function seeded(name: string, count: number): Promise<{ owner: Member; clientId: string; projectId: string; entries: TimeEntryRecord[] }> {
  const owner = await createBusiness(name, { timeZone: 'UTC', defaultHourlyRate: 9000 });
  const w = await createWork(owner, { clientRate: 12345 });
  const taskIds = [w.taskId, await createTask(owner, w.projectId, 'Build'), await createTask(owner, w.projectId, 'Support')];
  const entries = monthOfEntries(owner.businessId, { clientId: w.clientId, projectId: w.projectId, taskIds }, count);
  await seedTimeEntries(owner.businessId, entries);
  return { owner, clientId: w.clientId, projectId: w.projectId, entries };
}

const minutesOf = (entries: readonly TimeEntryRecord[]) => entries.reduce((m, e) => m + e.durationMinutes, 0);

afterEach(() => {
  billingHooks.afterBatch = undefined;
});

describe('generate_invoice_from_time in batches', () => {
  it('bills 1,000 entries: three lines, every entry once, aggregates moved, the unbilled index emptied', async () => {
    const { owner, clientId, projectId, entries } = await seeded('Thousand Co', 1000);
    const invoiceId = await seedDraft(owner, clientId);
    let batches = 0;
    billingHooks.afterBatch = () => {
      batches++;
    };
    const r = structured<Generated>(await generate(owner, { invoice_id: invoiceId, ...june }));
    expect(r.entry_count).toBe(1000);
    expect(r.lines).toHaveLength(3);
    expect(batches).toBeGreaterThan(10);
    expect(r.invoice.revision).toBe(1 + batches);
    const stored = byId(await clientEntries(owner.businessId, clientId));
    const checked = await expectConsistent(owner.businessId, invoiceId, stored);
    expect(checked).toMatchObject({ entries: 1000, minutes: minutesOf(entries) });
    expect(await unbilledIds(owner.businessId, clientId)).toEqual([]);
    expect(await projectAggregates(owner.businessId, projectId)).toMatchObject({ billable: minutesOf(entries), billed: minutesOf(entries) });
  });

  it('a failure between batches leaves nothing half-billed, and a retry completes onto the same lines', async () => {
    const { owner, clientId, projectId, entries } = await seeded('Interrupted Co', 400);
    const invoiceId = await seedDraft(owner, clientId);
    let batches = 0;
    billingHooks.afterBatch = () => {
      if (++batches === 3) throw new Error('injected failure after batch 3');
    };
    const failed = await generate(owner, { invoice_id: invoiceId, ...june });
    expect(errorCode(failed)).toBe('internal');

    // Consistent part-way: what is billed is on a line that counts it, the rest is unbilled.
    const part = await expectConsistent(owner.businessId, invoiceId, byId(await clientEntries(owner.businessId, clientId)));
    expect(part.entries).toBeGreaterThan(0);
    expect(part.entries).toBeLessThan(400);
    expect(await unbilledIds(owner.businessId, clientId)).toHaveLength(400 - part.entries);
    expect((await projectAggregates(owner.businessId, projectId)).billed).toBe(part.minutes);

    billingHooks.afterBatch = undefined;
    const retry = structured<Generated>(await generate(owner, { invoice_id: invoiceId, ...june }));
    expect(retry.entry_count).toBe(400 - part.entries);
    const done = await expectConsistent(owner.businessId, invoiceId, byId(await clientEntries(owner.businessId, clientId)));
    expect(done).toMatchObject({ entries: 400, minutes: minutesOf(entries) });
    // One line per task still: the retry extended the lines the first run began.
    expect(done.lines).toHaveLength(3);
    expect(retry.lines.some((l) => l.extends_line)).toBe(true);
    expect(await unbilledIds(owner.businessId, clientId)).toEqual([]);
  });

  it('when another generation bills some of its entries between two batches, it plans again and bills the rest', async () => {
    const { owner, clientId, entries } = await seeded('Interleaved Co', 300);
    const [a, b] = [await seedDraft(owner, clientId), await seedDraft(owner, clientId)];
    let other: Generated | undefined;
    billingHooks.afterBatch = async (info) => {
      if (info.invoiceId !== a || other) return;
      // After A's first batch, B takes the second half of the month, some of it in A's plan.
      other = structured<Generated>(await generate(owner, { invoice_id: b, from: '2025-06-15', to: '2025-06-30' }));
    };
    const first = structured<Generated>(await generate(owner, { invoice_id: a, ...june }));
    expect(other!.entry_count).toBeGreaterThan(0);
    expect(first.entry_count + other!.entry_count).toBe(300);
    const stored = byId(await clientEntries(owner.businessId, clientId));
    const [ca, cb] = [await expectConsistent(owner.businessId, a, stored), await expectConsistent(owner.businessId, b, stored)];
    expect(ca.entries + cb.entries).toBe(300);
    expect(ca.minutes + cb.minutes).toBe(minutesOf(entries));
    expect(new Set([...ca.lines, ...cb.lines].flatMap((l) => l.entryIds ?? [])).size).toBe(300);
    // A kept billing after its plan changed: it holds time from before the 15th on every task.
    expect(ca.lines).toHaveLength(3);
  });

  it('with a plan_token it never re-plans: a change part-way is a conflict, and nothing outside the preview is billed', async () => {
    const { owner, clientId } = await seeded('Exact Co', 300);
    const [a, b] = [await seedDraft(owner, clientId), await seedDraft(owner, clientId)];
    const preview = structured<Generated & { plan_token: string }>(await generate(owner, { invoice_id: a, ...june, dry_run: true }));
    const previewed = new Set(preview.lines.flatMap((l) => l.entry_ids));
    let other = false;
    billingHooks.afterBatch = async (info) => {
      if (info.invoiceId !== a || other) return;
      other = true;
      structured(await generate(owner, { invoice_id: b, from: '2025-06-15', to: '2025-06-30' }));
    };
    const r = await generate(owner, { invoice_id: a, ...june, plan_token: preview.plan_token });
    expect(errorCode(r)).toBe('conflict');
    expect(JSON.stringify(r.content)).toMatch(/preview again.*were billed onto draft .* it is consistent/);
    const stored = byId(await clientEntries(owner.businessId, clientId));
    const ca = await expectConsistent(owner.businessId, a, stored);
    expect(ca.entries).toBeGreaterThan(0);
    for (const id of ca.lines.flatMap((l) => l.entryIds ?? [])) expect(previewed.has(id)).toBe(true);
  });

  it('10 concurrent generations into 10 drafts over the same month bill every entry exactly once', async () => {
    const { owner, clientId, projectId, entries } = await seeded('Race Co', 300);
    const drafts = await Promise.all(Array.from({ length: 10 }, () => seedDraft(owner, clientId)));
    const results = await Promise.all(drafts.map((invoiceId) => generate(owner, { invoice_id: invoiceId, ...june })));
    for (const r of results) expect(r.isError ?? false).toBe(false);
    expect(results.reduce((n, r) => n + structured<Generated>(r).entry_count, 0)).toBe(300);

    const stored = byId(await clientEntries(owner.businessId, clientId));
    const seen = new Map<string, number>();
    for (const invoiceId of drafts) {
      const c = await expectConsistent(owner.businessId, invoiceId, stored);
      for (const l of c.lines) for (const id of l.entryIds ?? []) seen.set(id, (seen.get(id) ?? 0) + 1);
    }
    expect(seen.size).toBe(300);
    expect([...seen.values()].every((n) => n === 1)).toBe(true);
    for (const e of entries) expect(drafts).toContain(stored.get(e.entryId)?.invoiceId);
    expect((await projectAggregates(owner.businessId, projectId)).billed).toBe(minutesOf(entries));
  });
});
