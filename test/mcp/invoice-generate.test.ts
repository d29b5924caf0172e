import { beforeAll, describe, expect, it } from '@jest/globals';
import { db } from '../../shared/db/service.js';
import { activityCount } from '../support/db-state.js';
import { byId, clientEntries, expectConsistent, generate, seedDraft } from '../support/invoice-billing.js';
import { addMember, createBusiness, errorCode, structured, type Member } from '../support/tenant.js';
import { createTask, createWork, getEntry, projectAggregates, setInvoice, unbilledIds, type Work } from '../support/time.js';

interface Line {
  line_id: string | null;
  extends_line: boolean;
  group_key: string;
  description: string;
  task_id: string | null;
  project_id: string;
  minutes: number;
  added_minutes: number;
  quantity: number;
  hourly_rate: number;
  rate_source: string;
  amount: number;
  tax_rate_bps: number;
  entry_ids: string[];
}
interface Generated {
  dry_run: boolean;
  invoice: { id: string; line_count: number; revision: number; totals: { subtotal_amount: number; tax_amount: number; total_amount: number } };
  lines: Line[];
  totals: { subtotal_amount: number; tax_amount: number; total_amount: number; tax_groups: { rate_bps: number; net_amount: number; tax_amount: number }[] };
  entry_count: number;
  minutes: number;
  plan_token: string | null;
  acted_on: { business_id: string; user_id: string };
}

const june = { from: '2025-06-01', to: '2025-06-30' };
const message = (r: Awaited<ReturnType<typeof generate>>) => (r._meta?.['clerq/error'] as { message: string }).message;
/** The expected amount, computed here independently: half-up of minutes × rate / 60 in integers. */
const amountOf = (minutes: number, rate: number) => Math.floor((2 * minutes * rate + 60) / 120);

async function log(m: Member, taskId: string, date: string, minutes: number, extra: Record<string, unknown> = {}): Promise<string> {
  return structured<{ entry: { id: string } }>(await m.call('log_time', { task_id: taskId, date, duration_minutes: minutes, ...extra })).entry.id;
}

async function setTaxRate(businessId: string, bps: number) {
  await db.entities.business.patch({ businessId }).set({ defaultTaxRateBps: bps }).go();
}

describe('generate_invoice_from_time by task', () => {
  let owner: Member;
  let work: Work;
  let build: string;
  let billable: string[];
  let decoys: Record<string, string>;
  let invoiceId: string;
  let result: Generated;
  let activityBefore: number;

  beforeAll(async () => {
    owner = await createBusiness('Generate Co', { timeZone: 'UTC' });
    await setTaxRate(owner.businessId, 1000);
    work = await createWork(owner, { clientRate: 9000, taskRate: 12000, taskName: 'Design review' });
    build = await createTask(owner, work.projectId, 'Build');
    billable = [
      await log(owner, work.taskId, '2025-06-01', 95),
      await log(owner, work.taskId, '2025-06-30', 50, { note: 'Wrap-up' }),
      await log(owner, build, '2025-06-03', 20),
      await log(owner, build, '2025-06-15', 7),
    ];
    const other = await createWork(owner, { clientRate: 5000 });
    decoys = {
      nonBillable: await log(owner, work.taskId, '2025-06-10', 30, { billable: false }),
      before: await log(owner, work.taskId, '2025-05-31', 40),
      after: await log(owner, work.taskId, '2025-07-01', 45),
      otherClient: await log(owner, other.taskId, '2025-06-10', 60),
      billedElsewhere: await log(owner, build, '2025-06-11', 25),
    };
    expect(await setInvoice(owner.businessId, decoys.billedElsewhere!, 'inv_01JBILLEDELSEWHERE000000000')).toBe(true);
    invoiceId = await seedDraft(owner, work.clientId);
    activityBefore = await activityCount(owner.businessId);
    result = structured<Generated>(await generate(owner, { invoice_id: invoiceId, ...june }));
  });

  it('writes one line per task with minutes, the rate in force and its source, and amounts from exact minutes', () => {
    expect(result.dry_run).toBe(false);
    expect(result.entry_count).toBe(4);
    expect(result.minutes).toBe(172);
    expect(result.lines).toHaveLength(2);
    const [b, d] = result.lines;
    expect(b).toMatchObject({ description: 'Build', task_id: build, project_id: work.projectId, minutes: 27, added_minutes: 27, hourly_rate: 9000, rate_source: 'client', amount: amountOf(27, 9000), tax_rate_bps: 1000, extends_line: false, group_key: `task:${build}` });
    expect(d).toMatchObject({ description: 'Design review', task_id: work.taskId, minutes: 145, hourly_rate: 12000, rate_source: 'task', amount: amountOf(145, 12000), tax_rate_bps: 1000 });
    expect(b!.quantity).toBe(0.45);
    expect(d!.quantity).toBe(2.417);
    expect(new Set([...b!.entry_ids, ...d!.entry_ids])).toEqual(new Set(billable));
    for (const l of result.lines) expect(l.line_id).toMatch(/^lin_/);
  });

  it('stores totals over all lines with tax per rate group, and names where it acted', () => {
    const net = amountOf(27, 9000) + amountOf(145, 12000);
    const tax = Math.floor((2 * net * 1000 + 10000) / 20000);
    expect(result.totals).toEqual({ subtotal_amount: net, tax_amount: tax, total_amount: net + tax, total_formatted: expect.any(String), tax_groups: [{ rate_bps: 1000, net_amount: net, tax_amount: tax }] });
    expect(result.invoice).toMatchObject({ id: invoiceId, line_count: 2, revision: 2, totals: { subtotal_amount: net, tax_amount: tax, total_amount: net + tax } });
    expect(result.acted_on).toMatchObject({ business_id: owner.businessId, user_id: owner.userId });
  });

  it('links each entry to its line, takes it out of the unbilled index and counts its minutes as billed', async () => {
    const entries = byId(await clientEntries(owner.businessId, work.clientId));
    const checked = await expectConsistent(owner.businessId, invoiceId, entries);
    expect(checked.entries).toBe(4);
    for (const id of billable) expect(entries.get(id)?.invoiceId).toBe(invoiceId);
    const unbilled = await unbilledIds(owner.businessId, work.clientId);
    for (const id of billable) expect(unbilled).not.toContain(id);
    expect(await projectAggregates(owner.businessId, work.projectId)).toMatchObject({ billed: 172 + 25 });
    // One batch: one activity record.
    expect(await activityCount(owner.businessId)).toBe(activityBefore + 1);
  });

  it('leaves the decoys alone: non-billable, outside the range, another client, billed elsewhere', async () => {
    for (const id of [decoys.nonBillable, decoys.before, decoys.after, decoys.otherClient]) expect((await getEntry(owner.businessId, id!))?.invoiceId).toBeUndefined();
    expect((await getEntry(owner.businessId, decoys.billedElsewhere!))?.invoiceId).toBe('inv_01JBILLEDELSEWHERE000000000');
    const unbilled = await unbilledIds(owner.businessId, work.clientId);
    expect(unbilled).toEqual(expect.arrayContaining([decoys.before, decoys.after]));
  });

  it('a second run over the same range finds nothing left and changes nothing', async () => {
    const before = await activityCount(owner.businessId);
    const again = structured<Generated>(await generate(owner, { invoice_id: invoiceId, ...june }));
    expect(again).toMatchObject({ entry_count: 0, lines: [], invoice: { revision: 2, line_count: 2 } });
    expect(await activityCount(owner.businessId)).toBe(before);
  });

  it('a billed entry can no longer be changed or deleted', async () => {
    const r = await owner.call('update_time_entry', { entry_id: billable[0], duration_minutes: 1 });
    expect(errorCode(r)).toBe('conflict');
    expect(errorCode(await owner.call('delete_time_entry', { entry_id: billable[0] }))).toBe('conflict');
  });
});

describe('generate_invoice_from_time previews and plan tokens', () => {
  let owner: Member;
  let work: Work;

  beforeAll(async () => {
    owner = await createBusiness('Preview Co', { timeZone: 'UTC', defaultHourlyRate: 10000 });
    work = await createWork(owner);
  });

  it('dry_run returns the lines, totals and a plan_token and writes nothing', async () => {
    await log(owner, work.taskId, '2025-06-05', 61);
    await log(owner, work.taskId, '2025-06-06', 29);
    const invoiceId = await seedDraft(owner, work.clientId);
    const before = await activityCount(owner.businessId);
    const p = structured<Generated>(await generate(owner, { invoice_id: invoiceId, ...june, dry_run: true }));
    expect(p).toMatchObject({ dry_run: true, entry_count: 2, minutes: 90, invoice: { revision: 1, line_count: 0 } });
    expect(p.lines).toEqual([expect.objectContaining({ line_id: null, extends_line: false, minutes: 90, hourly_rate: 10000, rate_source: 'business', amount: 15000, tax_rate_bps: 0 })]);
    expect(p.totals).toMatchObject({ subtotal_amount: 15000, tax_amount: 0, total_amount: 15000, tax_groups: [] });
    expect(p.plan_token).toEqual(expect.any(String));
    expect(await activityCount(owner.businessId)).toBe(before);
    expect(await unbilledIds(owner.businessId, work.clientId)).toHaveLength(2);

    // The same plan again gives the same token; billing with it bills exactly the preview.
    const again = structured<Generated>(await generate(owner, { invoice_id: invoiceId, ...june, dry_run: true }));
    expect(again.plan_token).toBe(p.plan_token);
    const billed = structured<Generated>(await generate(owner, { invoice_id: invoiceId, ...june, plan_token: p.plan_token }));
    expect(billed.lines.map((l) => [l.entry_ids, l.amount])).toEqual(p.lines.map((l) => [l.entry_ids, l.amount]));
    expect(billed.totals).toEqual(p.totals);
    expect(await unbilledIds(owner.businessId, work.clientId)).toHaveLength(0);
  });

  it('refuses a plan_token after more time was logged, and bills nothing', async () => {
    const w = await createWork(owner);
    await log(owner, w.taskId, '2025-06-05', 30);
    const invoiceId = await seedDraft(owner, w.clientId);
    const token = structured<Generated>(await generate(owner, { invoice_id: invoiceId, ...june, dry_run: true })).plan_token;
    await log(owner, w.taskId, '2025-06-07', 15);
    const before = await activityCount(owner.businessId);
    const r = await generate(owner, { invoice_id: invoiceId, ...june, plan_token: token });
    expect(errorCode(r)).toBe('conflict');
    expect(message(r)).toMatch(/changed since the preview.*preview again/i);
    expect(await activityCount(owner.businessId)).toBe(before);
    expect(await unbilledIds(owner.businessId, w.clientId)).toHaveLength(2);
  });

  it('refuses a plan_token after a rate changed, and one for other inputs', async () => {
    const w = await createWork(owner, { projectRate: 8000 });
    await log(owner, w.taskId, '2025-06-05', 30);
    const invoiceId = await seedDraft(owner, w.clientId);
    const token = structured<Generated>(await generate(owner, { invoice_id: invoiceId, ...june, dry_run: true })).plan_token;
    expect(errorCode(await generate(owner, { invoice_id: invoiceId, ...june, group_by: 'entry', plan_token: token }))).toBe('conflict');
    structured(await owner.call('update_project', { project_id: w.projectId, hourly_rate: 8500 }));
    expect(errorCode(await generate(owner, { invoice_id: invoiceId, ...june, plan_token: token }))).toBe('conflict');
    expect(errorCode(await generate(owner, { invoice_id: invoiceId, ...june, plan_token: 'forged' }))).toBe('conflict');
    expect(await unbilledIds(owner.businessId, w.clientId)).toHaveLength(1);
  });

  it('refuses plan_token together with dry_run', async () => {
    const invoiceId = await seedDraft(owner, work.clientId);
    expect(errorCode(await generate(owner, { invoice_id: invoiceId, ...june, dry_run: true, plan_token: 'x' }))).toBe('invalid_input');
  });
});

describe('generate_invoice_from_time by project and by entry', () => {
  let owner: Member;

  beforeAll(async () => {
    owner = await createBusiness('Grouping Co', { timeZone: 'UTC', defaultHourlyRate: 6000 });
  });

  it('by project: one line per project at the project, client or business rate (task rates do not apply)', async () => {
    const w = await createWork(owner, { projectRate: 7000, taskRate: 20000 });
    const t2 = await createTask(owner, w.projectId, 'Second');
    const p2 = structured<{ project: { id: string } }>(await owner.call('create_project', { client_id: w.clientId, name: 'Another project' })).project.id;
    const t3 = await createTask(owner, p2, 'Third');
    await log(owner, w.taskId, '2025-06-02', 10);
    await log(owner, t2, '2025-06-03', 25);
    await log(owner, t3, '2025-06-04', 33);
    const invoiceId = await seedDraft(owner, w.clientId);
    const r = structured<Generated>(await generate(owner, { invoice_id: invoiceId, ...june, group_by: 'project' }));
    expect(r.lines.map((l) => [l.description, l.minutes, l.hourly_rate, l.rate_source, l.amount, l.task_id, l.group_key])).toEqual([
      ['Another project', 33, 6000, 'business', amountOf(33, 6000), null, `project:${p2}`],
      ['Project', 35, 7000, 'project', amountOf(35, 7000), null, `project:${w.projectId}`],
    ]);
    await expectConsistent(owner.businessId, invoiceId, byId(await clientEntries(owner.businessId, w.clientId)));
  });

  it('by entry: one line per entry, dated, with the task and the note, at the task-level rate', async () => {
    const w = await createWork(owner, { taskRate: 15000, taskName: 'Audit' });
    const a = await log(owner, w.taskId, '2025-06-09', 45, { note: 'Ledger check' });
    const b = await log(owner, w.taskId, '2025-06-02', 1);
    const invoiceId = await seedDraft(owner, w.clientId);
    const r = structured<Generated>(await generate(owner, { invoice_id: invoiceId, ...june, group_by: 'entry' }));
    expect(r.lines.map((l) => [l.description, l.entry_ids, l.amount, l.rate_source])).toEqual([
      ['2025-06-02 · Audit', [b], amountOf(1, 15000), 'task'],
      ['2025-06-09 · Audit — Ledger check', [a], amountOf(45, 15000), 'task'],
    ]);
  });

  it('project_id bills only that project, which must be a project of the draft’s client', async () => {
    const w = await createWork(owner);
    const p2 = structured<{ project: { id: string } }>(await owner.call('create_project', { client_id: w.clientId, name: 'Only this' })).project.id;
    const t2 = await createTask(owner, p2, 'T');
    await log(owner, w.taskId, '2025-06-02', 10);
    const only = await log(owner, t2, '2025-06-02', 20);
    const invoiceId = await seedDraft(owner, w.clientId);
    const r = structured<Generated>(await generate(owner, { invoice_id: invoiceId, ...june, project_id: p2 }));
    expect(r.lines.flatMap((l) => l.entry_ids)).toEqual([only]);
    const foreign = await createWork(owner);
    const wrong = await generate(owner, { invoice_id: invoiceId, ...june, project_id: foreign.projectId });
    expect(errorCode(wrong)).toBe('invalid_input');
    expect(message(wrong)).toContain('belongs to another client');
    expect(errorCode(await generate(owner, { invoice_id: invoiceId, ...june, project_id: 'prj_01JZZZZZZZZZZZZZZZZZZZZZZZ' }))).toBe('not_found');
  });
});

describe('generate_invoice_from_time appending to a draft', () => {
  it('adds entries to the existing line of the same task and rate; a changed rate starts a new line', async () => {
    const owner = await createBusiness('Append Co', { timeZone: 'UTC' });
    const w = await createWork(owner, { clientRate: 10000 });
    const invoiceId = await seedDraft(owner, w.clientId);
    await log(owner, w.taskId, '2025-05-20', 30);
    const may = structured<Generated>(await generate(owner, { invoice_id: invoiceId, from: '2025-05-01', to: '2025-05-31' }));
    const lineId = may.lines[0]!.line_id;

    const juneEntry = await log(owner, w.taskId, '2025-06-20', 31);
    const r = structured<Generated>(await generate(owner, { invoice_id: invoiceId, ...june }));
    expect(r.lines).toEqual([expect.objectContaining({ line_id: lineId, extends_line: true, minutes: 61, added_minutes: 31, entry_ids: [juneEntry], amount: amountOf(61, 10000) })]);
    expect(r.invoice.line_count).toBe(1);

    structured(await owner.call('update_client', { client_id: w.clientId, hourly_rate: 11000 }));
    await log(owner, w.taskId, '2025-06-21', 10);
    const r2 = structured<Generated>(await generate(owner, { invoice_id: invoiceId, ...june }));
    expect(r2.lines).toEqual([expect.objectContaining({ extends_line: false, minutes: 10, hourly_rate: 11000 })]);
    expect(r2.lines[0]!.line_id).not.toBe(lineId);
    expect(r2.invoice.line_count).toBe(2);
    await expectConsistent(owner.businessId, invoiceId, byId(await clientEntries(owner.businessId, w.clientId)));
  });
});

describe('generate_invoice_from_time refusals', () => {
  let owner: Member;
  let w: Work;
  let invoiceId: string;

  beforeAll(async () => {
    owner = await createBusiness('Refusal Co', { timeZone: 'UTC' });
    w = await createWork(owner, { taskName: 'Unpriced work' });
    await log(owner, w.taskId, '2025-06-02', 30);
    invoiceId = await seedDraft(owner, w.clientId);
  });

  it('a group with no rate at any level is a conflict naming it, and nothing is billed', async () => {
    const before = await activityCount(owner.businessId);
    const r = await generate(owner, { invoice_id: invoiceId, ...june });
    expect(errorCode(r)).toBe('conflict');
    expect(message(r)).toContain(`task "Unpriced work" (${w.taskId})`);
    expect(message(r)).toMatch(/set a rate/i);
    expect(await activityCount(owner.businessId)).toBe(before);
    const preview = await generate(owner, { invoice_id: invoiceId, ...june, dry_run: true });
    expect(errorCode(preview)).toBe('conflict');
  });

  it('a draft in another currency than the client’s rates is a conflict', async () => {
    const eur = await seedDraft(owner, w.clientId, 'EUR');
    const r = await generate(owner, { invoice_id: eur, ...june });
    expect(errorCode(r)).toBe('conflict');
    expect(message(r)).toMatch(/EUR.*USD/);
  });

  it('only drafts: an issued invoice is a conflict', async () => {
    const issued = await seedDraft(owner, w.clientId);
    await db.entities.invoice.patch({ businessId: owner.businessId, invoiceId: issued }).set({ status: 'issued', listDate: '2025-07-01', number: 'INV-0001' }).go();
    const r = await generate(owner, { invoice_id: issued, ...june });
    expect(errorCode(r)).toBe('conflict');
    expect(message(r)).toContain('only drafts');
  });

  it('bad input, unknown and foreign invoices', async () => {
    expect(errorCode(await generate(owner, { invoice_id: invoiceId, from: '2025-06-30', to: '2025-06-01' }))).toBe('invalid_input');
    expect(errorCode(await generate(owner, { invoice_id: invoiceId, from: '2025-02-30', to: '2025-03-01' }))).toBe('invalid_input');
    expect(errorCode(await generate(owner, { invoice_id: invoiceId, ...june, group_by: 'member' }))).toBe('invalid_input');
    expect(errorCode(await generate(owner, { invoice_id: 'inv_01JZZZZZZZZZZZZZZZZZZZZZZZ', ...june }))).toBe('not_found');
    const stranger = await createBusiness('Stranger Co');
    expect(errorCode(await generate(stranger, { invoice_id: invoiceId, ...june }))).toBe('not_found');
  });

  it('members are refused, and so is a read-only connection', async () => {
    const member = await addMember(owner, 'member');
    expect(errorCode(await generate(member, { invoice_id: invoiceId, ...june }))).toBe('forbidden');
    const readOnly = await addMember(owner, 'admin', 'clerq:read');
    expect(errorCode(await generate(readOnly, { invoice_id: invoiceId, ...june }))).toBe('read_only');
  });
});
