import { afterEach, describe, expect, it } from '@jest/globals';
import { db } from '../../shared/db/service.js';
import { billingHooks } from '../../shared/db/invoice-billing.js';
import { readInvoice } from '../../shared/db/invoices.js';
import { timeAmount } from '../../shared/money/rounding.js';
import { activityCount } from '../support/db-state.js';
import { clientEntries } from '../support/invoice-billing.js';
import { monthOfEntries } from '../support/invoice-seed.js';
import { createBusiness, errorCode, structured, type Member } from '../support/tenant.js';
import { createTask, createWork, projectAggregates, unbilledIds, type Work } from '../support/time.js';
import { seedTimeEntries } from '../support/time-seed.js';
import { draft, getInvoice, issue, message, type Invoice } from '../support/invoices.js';

/**
 * The invoicing tools that give time back: remove_invoice_line, delete_draft_invoice and
 * void_invoice, over lines generated from time (generate_invoice_from_time).
 */
const june = { from: '2025-06-01', to: '2025-06-30' };

afterEach(() => {
  billingHooks.afterBatch = undefined;
});

interface Generated {
  lines: { line_id: string; entry_ids: string[]; minutes: number; hourly_rate: number }[];
  entry_count: number;
}

async function logged(owner: Member, taskId: string, minutes: number[], date = '2025-06-10'): Promise<string[]> {
  const ids: string[] = [];
  for (const duration_minutes of minutes) {
    ids.push(structured<{ entry: { id: string } }>(await owner.call('log_time', { task_id: taskId, date, duration_minutes })).entry.id);
  }
  return ids;
}

/** A business with two tasks of one client (rate 12,000 a hour), time on both in June, and a draft generated from it. */
async function billedDraft(name: string) {
  const owner = await createBusiness(name, { currency: 'USD', timeZone: 'UTC' });
  const work: Work = await createWork(owner, { clientRate: 12000, taskName: 'Design' });
  const build = await createTask(owner, work.projectId, 'Build');
  const designEntries = await logged(owner, work.taskId, [90, 45]);
  const buildEntries = await logged(owner, build, [61]);
  const d = await draft(owner, work.clientId);
  const generated = structured<Generated>(await owner.call('generate_invoice_from_time', { invoice_id: d.id, ...june }));
  return { owner, work, build, designEntries, buildEntries, invoiceId: d.id, generated };
}

describe('time lines on an invoice', () => {
  it('get_invoice shows each time line’s minutes, rate, rate source and entries, and the linked time', async () => {
    const { owner, designEntries, buildEntries, invoiceId } = await billedDraft('Time Lines Co');
    const inv = await getInvoice(owner, invoiceId);
    expect(inv.lines).toHaveLength(2);
    const design = inv.lines.find((l) => l.description.includes('Design'))!;
    expect(design).toMatchObject({ kind: 'time', minutes: 135, hourly_rate: 12000, rate_source: 'client', entry_count: 2, amount: timeAmount(135, 12000), quantity: 2.25 });
    expect(new Set(design.entry_ids)).toEqual(new Set(designEntries));
    const build = inv.lines.find((l) => l.description.includes('Build'))!;
    expect(build).toMatchObject({ minutes: 61, amount: 12200, entry_ids: buildEntries });
    expect(inv.linked_time).toEqual({ entries: 3, minutes: 196 });
    expect(inv.totals.total_amount).toBe(timeAmount(135, 12000) + 12200);
  });

  it('remove_invoice_line gives the line’s time back: unbilled again, aggregates back, the rest stays billed', async () => {
    const { owner, work, designEntries, buildEntries, invoiceId, generated } = await billedDraft('Remove Time Co');
    const designLine = generated.lines.find((l) => l.entry_ids.includes(designEntries[0]!))!;
    expect(await unbilledIds(owner.businessId, work.clientId)).toEqual([]);
    expect((await projectAggregates(owner.businessId, work.projectId)).billed).toBe(196);

    const r = structured<{ invoice: Invoice; released_entries: number }>(await owner.call('remove_invoice_line', { invoice_id: invoiceId, line_id: designLine.line_id }));
    expect(r.released_entries).toBe(2);
    expect(r.invoice.lines.map((l) => l.entry_ids)).toEqual([buildEntries]);
    expect(r.invoice.totals.total_amount).toBe(12200);
    expect(await unbilledIds(owner.businessId, work.clientId)).toEqual([...designEntries].sort());
    expect((await projectAggregates(owner.businessId, work.projectId)).billed).toBe(61);
    const unbilled = structured<{ items: { id: string }[] }>(await owner.call('list_time_entries', { client_id: work.clientId, billed: false }));
    expect(unbilled.items.map((e) => e.id).sort()).toEqual([...designEntries].sort());
    // The released time is editable again.
    structured(await owner.call('update_time_entry', { entry_id: designEntries[0], duration_minutes: 30 }));
  });

  it('delete_draft_invoice gives all its time back and leaves nothing in the invoice partition', async () => {
    const { owner, work, designEntries, buildEntries, invoiceId } = await billedDraft('Delete Time Co');
    const r = structured<{ deleted: { id: string; line_count: number }; released_entries: number }>(await owner.call('delete_draft_invoice', { invoice_id: invoiceId }));
    expect(r).toMatchObject({ deleted: { id: invoiceId, line_count: 2 }, released_entries: 3 });
    expect(await readInvoice(owner.businessId, invoiceId)).toBeNull();
    expect((await db.entities.invoiceLine.query.byInvoice({ businessId: owner.businessId, invoiceId }).go()).data).toEqual([]);
    expect(await unbilledIds(owner.businessId, work.clientId)).toEqual([...designEntries, ...buildEntries].sort());
    expect((await clientEntries(owner.businessId, work.clientId)).filter((e) => e.invoiceId)).toEqual([]);
    expect((await projectAggregates(owner.businessId, work.projectId)).billed).toBe(0);
  });

  it('void_invoice gives the time back but keeps the invoice as issued: number, lines, totals', async () => {
    const { owner, work, designEntries, buildEntries, invoiceId } = await billedDraft('Void Time Co');
    const issued = await issue(owner, invoiceId);
    const edit = await owner.call('update_time_entry', { entry_id: buildEntries[0], duration_minutes: 5 });
    expect(errorCode(edit)).toBe('conflict');

    const r = structured<{ invoice: Invoice; released_entries: number }>(await owner.call('void_invoice', { invoice_id: invoiceId, reason: 'Billed the wrong month' }));
    expect(r.released_entries).toBe(3);
    expect(r.invoice).toMatchObject({ status: 'void', number: issued.number, totals: issued.totals, release_pending: false, void_reason: 'Billed the wrong month' });
    expect(r.invoice.lines.map((l) => [l.id, l.amount, l.entry_ids])).toEqual(issued.lines.map((l) => [l.id, l.amount, l.entry_ids]));
    expect(await unbilledIds(owner.businessId, work.clientId)).toEqual([...designEntries, ...buildEntries].sort());
    expect((await projectAggregates(owner.businessId, work.projectId)).billed).toBe(0);

    // The time can be invoiced again, on a new draft with the next number.
    const again = await draft(owner, work.clientId);
    const generated = structured<Generated>(await owner.call('generate_invoice_from_time', { invoice_id: again.id, ...june }));
    expect(generated.entry_count).toBe(3);
    expect((await issue(owner, again.id)).number).toBe('INV-0002');
  });

  it('a void interrupted while releasing time leaves the invoice void with release_pending, and void_invoice again finishes it', async () => {
    const owner = await createBusiness('Interrupted Void Co', { currency: 'USD', timeZone: 'UTC', defaultHourlyRate: 9000 });
    const work = await createWork(owner);
    const taskIds = [work.taskId, await createTask(owner, work.projectId, 'Build')];
    await seedTimeEntries(owner.businessId, monthOfEntries(owner.businessId, { clientId: work.clientId, projectId: work.projectId, taskIds }, 300));
    const d = await draft(owner, work.clientId);
    expect(structured<Generated>(await owner.call('generate_invoice_from_time', { invoice_id: d.id, ...june })).entry_count).toBe(300);
    const issued = await issue(owner, d.id);

    let batches = 0;
    billingHooks.afterBatch = ({ operation }) => {
      if (operation === 'void_invoice' && ++batches === 1) throw new Error('injected failure after the first release batch');
    };
    const failed = await owner.call('void_invoice', { invoice_id: d.id, reason: 'Wrong client' });
    expect(errorCode(failed)).toBe('internal');
    billingHooks.afterBatch = undefined;

    const half = await getInvoice(owner, d.id);
    expect(half).toMatchObject({ status: 'void', number: issued.number, release_pending: true, totals: issued.totals });
    const stillBilled = (await clientEntries(owner.businessId, work.clientId)).filter((e) => e.invoiceId === d.id);
    expect(stillBilled.length).toBeGreaterThan(0);
    expect(stillBilled.length).toBeLessThan(300);
    const unbilledBefore = (await unbilledIds(owner.businessId, work.clientId)).length;
    expect(unbilledBefore + stillBilled.length).toBe(300);
    const before = await activityCount(owner.businessId);
    const r = structured<{ invoice: Invoice; released_entries: number }>(await owner.call('void_invoice', { invoice_id: d.id, reason: 'Wrong client' }));
    expect(r.released_entries).toBe(stillBilled.length);
    expect(r.invoice).toMatchObject({ status: 'void', release_pending: false, totals: issued.totals });
    expect(await activityCount(owner.businessId)).toBeGreaterThan(before);
    expect((await clientEntries(owner.businessId, work.clientId)).filter((e) => e.invoiceId)).toEqual([]);
    expect(await unbilledIds(owner.businessId, work.clientId)).toHaveLength(300);
    expect((await projectAggregates(owner.businessId, work.projectId)).billed).toBe(0);
    const third = await owner.call('void_invoice', { invoice_id: d.id, reason: 'Wrong client' });
    expect(errorCode(third)).toBe('conflict');
    expect(message(third)).toMatch(/already void/);
  }, 120_000);
});
