/**
 * The demo business that `npm run demo` writes: an owner who can sign in, Northwind among a few
 * clients, projects, tasks with rates, a month of time (some not billable, some from last month,
 * some already on issued invoices). Everything but the account and the business's address goes
 * through the operations themselves, so it is exactly what the tools would have made.
 *
 * Import it only after the local instance has set the environment (the modules read their
 * configuration when they load).
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { instanceHasOwner, signUp } from '../../shared/auth/accounts.js';
import { isTimeZone } from '../../shared/auth/business-defaults.js';
import { db } from '../../shared/db/service.js';
import type { OpContext } from '../../shared/ops/context.js';
import { operationsByName } from '../../shared/ops/registry.js';
import { runOperation } from '../../shared/ops/run.js';
import { addDays, todayIn } from '../../shared/time/zone.js';

export interface DemoAccount {
  email: string;
  password: string;
  businessName: string;
  timeZone: string;
  currency: string;
}

export type DemoOutcome = { seeded: true; account: DemoAccount; summary: string[] } | { seeded: false; account: DemoAccount };

/** The instance already has an owner that is not the demo's: the demo does not touch it. */
export class DemoRefused extends Error {
  override readonly name = 'DemoRefused';
}

const demoEmail = 'owner@brightside.example';
const businessName = 'Brightside Studio';
const currency = 'USD';

/** Where the demo owner's password is kept (beside the generated secret), so a second run can print it again. */
function accountFile(dataDir: string): string {
  return join(dataDir, 'demo-owner.json');
}

/** The machine's own time zone when the sign-up form would accept it: "this month" then means what the person expects. */
function localTimeZone(): string {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return zone && isTimeZone(zone) ? zone : 'UTC';
}

/** A small deterministic generator, so every demo has the same shape of work. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function isWeekday(date: string): boolean {
  const day = new Date(`${date}T12:00:00Z`).getUTCDay();
  return day !== 0 && day !== 6;
}

function datesBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

export async function seedDemo(dataDir: string): Promise<DemoOutcome> {
  if (await instanceHasOwner()) {
    const file = accountFile(dataDir);
    if (existsSync(file)) return { seeded: false, account: JSON.parse(readFileSync(file, 'utf8')) as DemoAccount };
    throw new DemoRefused(
      `This instance already has an owner, so the demo will not add a business to it. To try the demo, stop Clerq and run it on a fresh data folder, e.g. CLERQ_DATA_DIR=.data-demo npm run demo, then CLERQ_DATA_DIR=.data-demo npm start.`,
    );
  }
  const timeZone = localTimeZone();
  const account: DemoAccount = { email: demoEmail, password: randomBytes(9).toString('base64url'), businessName, timeZone, currency };
  const signed = await signUp({ email: account.email, name: 'Dana Reyes', password: account.password, businessName, currency, timeZone });
  if (!signed.ok) throw new DemoRefused(`The demo owner could not be created (${signed.reason}); start from a fresh data folder.`);
  writeFileSync(accountFile(dataDir), `${JSON.stringify(account, null, 2)}\n`, { mode: 0o600 });

  // What the web settings would hold: the seller's details on every issued invoice, and the terms.
  await db.entities.business
    .patch({ businessId: signed.businessId })
    .set({ address: '12 Harbour Street, Suite 4, Portland, OR 97201, US', taxId: 'EIN 93-1234567', paymentTermsDays: 30 })
    .go();
  const { data: business } = await db.entities.business.get({ businessId: signed.businessId }).go();
  if (!business) throw new Error('the demo business was not written');
  const ctx: OpContext = {
    businessId: signed.businessId,
    businessName,
    business,
    userId: signed.userId,
    userName: 'Dana Reyes',
    userEmail: account.email,
    role: 'owner',
    scopes: new Set(['clerq:read', 'clerq:write']),
    via: 'web',
    clientName: 'npm run demo',
    requestId: 'demo-seed',
  };
  const run = async <T>(tool: string, input: Record<string, unknown>): Promise<T> => {
    const op = operationsByName.get(tool);
    if (!op) throw new Error(`no operation ${tool}`);
    return (await runOperation(op, ctx, input)) as T;
  };
  const id = async (tool: string, input: Record<string, unknown>, kind: string) => (await run<Record<string, { id: string }>>(tool, input))[kind]!.id;

  // Clients, projects and tasks with rates (minor units: 15000 = $150.00 an hour).
  const northwind = await id(
    'create_client',
    { name: 'Northwind Traders', email: 'accounts@northwind.example', hourly_rate: 12000, tax_id: 'EIN 91-7654321', address: { line1: '400 Pine Street', city: 'Seattle', region: 'WA', postal_code: '98101', country: 'US' } },
    'client',
  );
  const contoso = await id('create_client', { name: 'Contoso Ltd', email: 'ap@contoso.example', hourly_rate: 11000 }, 'client');
  const fabrikam = await id('create_client', { name: 'Fabrikam Inc', email: 'finance@fabrikam.example', hourly_rate: 10000 }, 'client');
  const website = await id('create_project', { client_id: northwind, name: 'Website relaunch', budget_minutes: 6000 }, 'project');
  const support = await id('create_project', { client_id: northwind, name: 'Support retainer' }, 'project');
  const intranet = await id('create_project', { client_id: contoso, name: 'Intranet refresh', hourly_rate: 11500 }, 'project');
  const app = await id('create_project', { client_id: fabrikam, name: 'Mobile app prototype' }, 'project');
  const task = (project_id: string, name: string, more: Record<string, unknown> = {}) => id('create_task', { project_id, name, ...more }, 'task');
  const t = {
    design: await task(website, 'Design', { hourly_rate: 15000 }),
    build: await task(website, 'Frontend build', { hourly_rate: 13500 }),
    content: await task(website, 'Content migration', { hourly_rate: 9500 }),
    review: await task(website, 'Internal review', { billable: false }),
    helpdesk: await task(support, 'Helpdesk'),
    audit: await task(intranet, 'UX audit'),
    a11y: await task(intranet, 'Accessibility fixes', { hourly_rate: 12500 }),
    prototype: await task(app, 'Prototype'),
  };
  await run('set_task_status', { task_id: t.design, status: 'done' });
  await run('set_task_status', { task_id: t.build, status: 'in_progress' });

  // A month and a bit of time: every working day of last month and of this month so far.
  const today = todayIn(timeZone);
  const monthStart = `${today.slice(0, 7)}-01`;
  const lastMonthEnd = addDays(monthStart, -1);
  const lastMonthStart = `${lastMonthEnd.slice(0, 7)}-01`;
  const rnd = random(20_26);
  const minutes = () => 30 + 15 * Math.floor(rnd() * 14);
  const thisMonth = datesBetween(monthStart, today);
  const workdays = (dates: string[]) => (dates.filter(isWeekday).length >= 3 ? dates.filter(isWeekday) : dates);
  const notes = ['Workshop with the client', 'Iteration after feedback', 'Pairing session', 'Fixes from review', 'Planning and estimates'];
  let logged = 0;
  const log = async (task_id: string, date: string, billable?: boolean) => {
    await run('log_time', { task_id, date, duration_minutes: minutes(), note: notes[Math.floor(rnd() * notes.length)], ...(billable === undefined ? {} : { billable }) });
    logged++;
  };
  for (const date of workdays(datesBetween(lastMonthStart, lastMonthEnd))) {
    await log(rnd() < 0.5 ? t.design : t.build, date);
    await log(rnd() < 0.6 ? t.audit : t.a11y, date);
    if (rnd() < 0.4) await log(t.prototype, date);
  }
  for (const date of workdays(thisMonth)) {
    await log([t.design, t.build, t.content][Math.floor(rnd() * 3)]!, date);
    if (rnd() < 0.6) await log(t.helpdesk, date);
    if (rnd() < 0.3) await log(t.review, date);
    if (rnd() < 0.5) await log(t.a11y, date);
    if (rnd() < 0.3) await log(t.prototype, date);
  }
  // Every this-month task has some time, so the headline invoice has a line for each.
  for (const taskId of [t.design, t.build, t.content, t.helpdesk]) await log(taskId, today);
  await log(t.review, today, false);

  // Last month's Northwind and Contoso time is already invoiced; Contoso has paid.
  const invoice = async (clientId: string) => {
    const draftId = await id('create_draft_invoice', { client_id: clientId }, 'invoice');
    await run('generate_invoice_from_time', { invoice_id: draftId, from: lastMonthStart, to: lastMonthEnd });
    return run<{ invoice: { id: string; number: string; totals: { total_formatted: string } } }>('issue_invoice', { invoice_id: draftId, issue_date: lastMonthEnd });
  };
  const northwindInvoice = await invoice(northwind);
  const contosoInvoice = await invoice(contoso);
  await run('mark_invoice_paid', { invoice_id: contosoInvoice.invoice.id, paid_on: today, method: 'bank transfer', reference: 'CONTOSO-REMIT' });

  return {
    seeded: true,
    account,
    summary: [
      `Clients: Northwind Traders, Contoso Ltd, Fabrikam Inc; 4 projects, 8 tasks with rates.`,
      `Time: ${logged} entries from ${lastMonthStart} to ${today} (some not billable; last month's Fabrikam time is not invoiced yet).`,
      `Invoices: ${northwindInvoice.invoice.number} to Northwind (${northwindInvoice.invoice.totals.total_formatted}, issued, last month's time) and ${contosoInvoice.invoice.number} to Contoso (paid).`,
    ],
  };
}
