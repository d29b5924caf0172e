import { afterEach, describe, expect, it } from '@jest/globals';
import { db } from '../../shared/db/service.js';
import { billingHooks } from '../../shared/db/invoice-billing.js';
import { readInvoice } from '../../shared/db/invoices.js';
import { OpError } from '../../shared/ops/errors.js';
import { releaseInvoiceEntries } from '../../shared/ops/invoice-release.js';
import { activityCount } from '../support/db-state.js';
import { byId, clientEntries, contextOf, expectConsistent, generate, seedDraft } from '../support/invoice-billing.js';
import { monthOfEntries } from '../support/invoice-seed.js';
import { createBusiness, structured, type Member } from '../support/tenant.js';
import { allRollups, createTask, createWork, projectAggregates, unbilledIds } from '../support/time.js';
import { seedTimeEntries } from '../support/time-seed.js';

const june = { from: '2025-06-01', to: '2025-06-30' };

interface Generated {
  lines: { line_id: string; description: string; entry_ids: string[]; minutes: number }[];
  entry_count: number;
}

afterEach(() => {
  billingHooks.afterBatch = undefined;
});

async function billedBusiness(name: string, count: number) {
  const owner = await createBusiness(name, { timeZone: 'UTC', defaultHourlyRate: 7500 });
  const w = await createWork(owner);
  const taskIds = [w.taskId, await createTask(owner, w.projectId, 'Build')];
  const entries = monthOfEntries(owner.businessId, { clientId: w.clientId, projectId: w.projectId, taskIds }, count);
  await seedTimeEntries(owner.businessId, entries);
  const rollupsBefore = await allRollups(owner.businessId);
  const invoiceId = await seedDraft(owner, w.clientId);
  const generated = structured<Generated>(await generate(owner, { invoice_id: invoiceId, ...june }));
  return { owner, w, entries, rollupsBefore, invoiceId, generated };
}

async function errorOf(p: Promise<unknown>): Promise<OpError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof OpError) return e;
    throw e;
  }
  throw new Error('expected an OpError');
}

describe('releaseInvoiceEntries', () => {
  it('removes the given lines, returns their entries to the unbilled index and the billed minutes to the aggregates', async () => {
    const { owner, w, rollupsBefore, invoiceId, generated } = await billedBusiness('Release Co', 40);
    const [first, second] = generated.lines;
    const ctx = await contextOf(owner);
    const activityBefore = await activityCount(owner.businessId);

    const r = await releaseInvoiceEntries(ctx, invoiceId, [first!.line_id]);
    expect(r.removedLineIds).toEqual([first!.line_id]);
    expect(new Set(r.releasedEntryIds)).toEqual(new Set(first!.entry_ids));
    expect(r.lines.map((l) => l.lineId)).toEqual([second!.line_id]);
    expect(r.invoice).toMatchObject({ lineCount: 1, entryCount: second!.entry_ids.length });
    expect(await activityCount(owner.businessId)).toBe(activityBefore + 1);

    const stored = byId(await clientEntries(owner.businessId, w.clientId));
    await expectConsistent(owner.businessId, invoiceId, stored);
    for (const id of first!.entry_ids) expect([stored.get(id)?.invoiceId, stored.get(id)?.invoiceLineId]).toEqual([undefined, undefined]);
    expect(await unbilledIds(owner.businessId, w.clientId)).toEqual([...first!.entry_ids].sort());
    expect((await projectAggregates(owner.businessId, w.projectId)).billed).toBe(second!.minutes);

    await releaseInvoiceEntries(ctx, invoiceId, 'all');
    expect(await allRollups(owner.businessId)).toEqual(rollupsBefore);
    expect((await projectAggregates(owner.businessId, w.projectId)).billed).toBe(0);
    const doc = await readInvoice(owner.businessId, invoiceId);
    expect(doc?.lines).toEqual([]);
    expect(doc?.invoice).toMatchObject({ lineCount: 0, entryCount: 0, subtotal: 0, taxTotal: 0, total: 0 });
  });

  it('empties a line too large for one transaction over several batches, then deletes it', async () => {
    const { owner, w, entries, invoiceId, generated } = await billedBusiness('Big Release Co', 300);
    const ctx = await contextOf(owner);
    let batches = 0;
    billingHooks.afterBatch = async (info) => {
      batches++;
      // Between batches the invoice is consistent: a half-released line counts only what it still holds.
      await expectConsistent(owner.businessId, info.invoiceId, byId(await clientEntries(owner.businessId, w.clientId)));
    };
    const r = await releaseInvoiceEntries(ctx, invoiceId, 'all', { operation: 'delete_draft_invoice' });
    expect(batches).toBeGreaterThan(2);
    expect(r.removedLineIds.sort()).toEqual(generated.lines.map((l) => l.line_id).sort());
    expect(r.releasedEntryIds).toHaveLength(300);
    expect(await unbilledIds(owner.businessId, w.clientId)).toHaveLength(entries.length);
    const { data: acts } = await db.entities.activity.query.byBusiness({ businessId: owner.businessId }).go({ pages: 'all' });
    expect(acts.filter((a) => a.operation === 'delete_draft_invoice')).toHaveLength(batches);
  });

  it('an interrupted release leaves the invoice consistent, and calling it again finishes', async () => {
    const { owner, w, invoiceId } = await billedBusiness('Interrupted Release Co', 300);
    const ctx = await contextOf(owner);
    let batches = 0;
    billingHooks.afterBatch = () => {
      if (++batches === 2) throw new Error('injected failure after batch 2');
    };
    await expect(releaseInvoiceEntries(ctx, invoiceId, 'all')).rejects.toThrow('injected failure');
    const part = await expectConsistent(owner.businessId, invoiceId, byId(await clientEntries(owner.businessId, w.clientId)));
    expect(await unbilledIds(owner.businessId, w.clientId)).toHaveLength(300 - part.entries);
    expect((await projectAggregates(owner.businessId, w.projectId)).billed).toBe(part.minutes);

    billingHooks.afterBatch = undefined;
    await releaseInvoiceEntries(ctx, invoiceId, 'all');
    expect(await unbilledIds(owner.businessId, w.clientId)).toHaveLength(300);
    expect((await projectAggregates(owner.businessId, w.projectId)).billed).toBe(0);
  });

  it('refuses an invoice not in an allowed status, an unknown line and an unknown invoice', async () => {
    const { owner, invoiceId, generated } = await billedBusiness('Refused Release Co', 4);
    const ctx = await contextOf(owner);
    expect((await errorOf(releaseInvoiceEntries(ctx, invoiceId, ['lin_01JZZZZZZZZZZZZZZZZZZZZZZZ']))).code).toBe('not_found');
    expect((await errorOf(releaseInvoiceEntries(ctx, 'inv_01JZZZZZZZZZZZZZZZZZZZZZZZ', 'all'))).code).toBe('not_found');
    await db.entities.invoice.patch({ businessId: owner.businessId, invoiceId }).set({ status: 'void', listDate: '2025-07-01' }).go();
    expect((await errorOf(releaseInvoiceEntries(ctx, invoiceId, 'all'))).code).toBe('conflict');
    const r = await releaseInvoiceEntries(ctx, invoiceId, [generated.lines[0]!.line_id], { statuses: ['void'], operation: 'void_invoice' });
    expect(r.removedLineIds).toEqual([generated.lines[0]!.line_id]);
  });

  it('released time can be billed again', async () => {
    const { owner, w, invoiceId } = await billedBusiness('Rebill Co', 20);
    await releaseInvoiceEntries(await contextOf(owner), invoiceId, 'all');
    const other = await seedDraft(owner, w.clientId);
    expect(structured<Generated>(await generate(owner as Member, { invoice_id: other, ...june })).entry_count).toBe(20);
  });
});
