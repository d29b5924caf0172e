import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { addDays, todayIn } from '../../shared/time/zone.js';
import { startInstance } from '../oauth/helpers/instance.js';
import { openToolSession } from '../oauth/helpers/sdk.js';

/**
 * The headline job, as an assistant does it: "Draft an invoice to Northwind for this month's
 * unbilled time, one line per task". A real local instance in its own process, a person who signs
 * up and consents through the HTML forms, and the official MCP SDK client with a real OAuth token.
 * Amounts are worked out here from the minutes and rates, independently of Clerq's code.
 */
let inst: Awaited<ReturnType<typeof startInstance>>;
beforeAll(async () => {
  inst = await startInstance();
}, 60_000);
afterAll(() => inst?.stop());

interface Entry {
  id: string;
  billed: boolean;
  invoice_id: string | null;
}
interface Line {
  id: string;
  kind: string;
  description: string;
  task_id: string | null;
  minutes: number;
  hourly_rate: number;
  rate_source: string;
  amount: number;
  entry_ids: string[];
}
interface Invoice {
  id: string;
  number: string | null;
  status: string;
  issue_date: string | null;
  due_date: string | null;
  lines: Line[];
  totals: { total_amount: number; paid_amount: number; balance_amount: number };
  linked_time: { entries: number; minutes: number };
}

/** round_half_up(minutes × rate / 60) on integers, written out here rather than imported. */
const timeAmount = (minutes: number, rate: number) => Math.floor((2 * minutes * rate + 60) / 120);

describe('Northwind, end to end through OAuth and the MCP SDK client', () => {
  it('drafts this month’s unbilled time one line per task, issues INV-0001, takes two payments; the decoys stay unbilled', async () => {
    const { client, call } = await openToolSession(inst.url, inst.mcpUrl, { clientName: 'Claude (Northwind e2e)' });

    const me = await call<{ business: { time_zone: string; currency: string } }>('whoami');
    const zone = me.business.time_zone;
    const today = todayIn(zone);
    const monthStart = `${today.slice(0, 7)}-01`;
    const lastMonth = addDays(monthStart, -1);

    // The work, made through the tools.
    const { client: northwind } = await call<{ client: { id: string } }>('create_client', { name: 'Northwind Traders', hourly_rate: 10000 });
    const { project } = await call<{ project: { id: string } }>('create_project', { client_id: northwind.id, name: 'Platform' });
    const rates = { Design: 15000, Build: 12345, Support: 9999 };
    const tasks: Record<string, string> = {};
    for (const [name, hourly_rate] of Object.entries(rates)) {
      tasks[name] = (await call<{ task: { id: string } }>('create_task', { project_id: project.id, name, hourly_rate })).task.id;
    }
    const log = async (task: string, date: string, minutes: number, extra: Record<string, unknown> = {}) =>
      (await call<{ entry: Entry }>('log_time', { task_id: task, date, duration_minutes: minutes, ...extra })).entry.id;

    // This month's billable time on the three tasks.
    const worked = {
      Design: [await log(tasks.Design!, monthStart, 95), await log(tasks.Design!, today, 50)],
      Build: [await log(tasks.Build!, today, 61)],
      Support: [await log(tasks.Support!, monthStart, 20), await log(tasks.Support!, today, 17)],
    };
    const minutes = { Design: 145, Build: 61, Support: 37 };

    // Decoys: non-billable this month, last month's time, another client's time, and time already billed elsewhere.
    const nonBillable = await log(tasks.Design!, today, 30, { billable: false });
    const previousMonth = await log(tasks.Build!, lastMonth, 120);
    const { client: contoso } = await call<{ client: { id: string } }>('create_client', { name: 'Contoso', hourly_rate: 8000 });
    const { project: contosoProject } = await call<{ project: { id: string } }>('create_project', { client_id: contoso.id, name: 'Intranet' });
    const { task: contosoTask } = await call<{ task: { id: string } }>('create_task', { project_id: contosoProject.id, name: 'Design' });
    const otherClient = await log(contosoTask.id, today, 45);
    const { project: audit } = await call<{ project: { id: string } }>('create_project', { client_id: northwind.id, name: 'Audit' });
    const { task: auditTask } = await call<{ task: { id: string } }>('create_task', { project_id: audit.id, name: 'Review' });
    const alreadyBilled = await log(auditTask.id, today, 40);
    const { invoice: earlier } = await call<{ invoice: Invoice }>('create_draft_invoice', { client_id: northwind.id });
    await call('generate_invoice_from_time', { invoice_id: earlier.id, from: monthStart, to: today, project_id: audit.id });

    // The headline: a draft, then this month's unbilled time by task.
    const { invoice: created } = await call<{ invoice: Invoice }>('create_draft_invoice', { client_id: northwind.id, payment_terms_days: 14, idempotency_key: 'northwind-draft-1' });
    expect(created).toMatchObject({ status: 'draft', number: null });
    const generated = await call<{ lines: { task_id: string; entry_ids: string[] }[]; entry_count: number }>('generate_invoice_from_time', {
      invoice_id: created.id,
      from: monthStart,
      to: today,
      group_by: 'task',
    });
    expect(generated.entry_count).toBe(5);

    const { invoice: drafted } = await call<{ invoice: Invoice }>('get_invoice', { invoice_id: created.id });
    expect(drafted.lines).toHaveLength(3);
    let expectedTotal = 0;
    for (const name of ['Design', 'Build', 'Support'] as const) {
      const line = drafted.lines.find((l) => l.task_id === tasks[name]);
      const amount = timeAmount(minutes[name], rates[name]);
      expectedTotal += amount;
      expect(line).toMatchObject({ kind: 'time', minutes: minutes[name], hourly_rate: rates[name], rate_source: 'task', amount });
      expect([...line!.entry_ids].sort()).toEqual([...worked[name]].sort());
    }
    expect(expectedTotal).toBe(36250 + 12551 + 6166);
    expect(drafted.totals.total_amount).toBe(expectedTotal);
    expect(drafted.linked_time).toEqual({ entries: 5, minutes: 243 });

    // Issuing assigns the first number, for exactly the reviewed total.
    const { invoice: issued } = await call<{ invoice: Invoice }>('issue_invoice', { invoice_id: created.id, expected_total_amount: expectedTotal, idempotency_key: 'northwind-issue-1' });
    expect(issued).toMatchObject({ number: 'INV-0001', status: 'issued', issue_date: today, due_date: addDays(today, 14) });

    // A partial payment, then the rest.
    const partial = await call<{ invoice: Invoice }>('mark_invoice_paid', { invoice_id: created.id, amount: 20000, method: 'bank transfer', idempotency_key: 'northwind-pay-1' });
    expect(partial.invoice).toMatchObject({ status: 'issued', totals: { paid_amount: 20000, balance_amount: expectedTotal - 20000 } });
    const full = await call<{ invoice: Invoice }>('mark_invoice_paid', { invoice_id: created.id, reference: 'NW-REMIT-2' });
    expect(full.invoice).toMatchObject({ status: 'paid', totals: { paid_amount: expectedTotal, balance_amount: 0 } });
    const listedPaid = await call<{ items: { id: string; number: string }[] }>('list_invoices', { status: 'paid' });
    expect(listedPaid.items.map((i) => i.number)).toEqual(['INV-0001']);

    // The decoys: unbilled, except the one billed on the earlier draft, which stays there.
    const unbilled = await call<{ items: Entry[] }>('list_time_entries', { billed: false, limit: 100 });
    const unbilledIds = unbilled.items.map((e) => e.id);
    for (const id of [nonBillable, previousMonth, otherClient]) expect(unbilledIds).toContain(id);
    for (const id of Object.values(worked).flat()) expect(unbilledIds).not.toContain(id);
    const billed = await call<{ items: Entry[] }>('list_time_entries', { billed: true, limit: 100 });
    expect(billed.items.find((e) => e.id === alreadyBilled)?.invoice_id).toBe(earlier.id);
    expect(billed.items.filter((e) => e.invoice_id === created.id).map((e) => e.id).sort()).toEqual(Object.values(worked).flat().sort());
    await client.close();
  }, 120_000);
});
