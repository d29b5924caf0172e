import { beforeAll, describe, expect, it } from '@jest/globals';
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { db } from '../../shared/db/service.js';
import { defaultExpenseCategories, maxCustomCategories } from '../../shared/ops/expense-categories.js';
import { addDays, todayIn } from '../../shared/time/zone.js';
import { activityCount } from '../support/db-state.js';
import { createExpense, errorMessage, listExpenses, storedCategories, storedExpense, type Expense, type ExpenseWrite } from '../support/expenses.js';
import { addMember, createBusiness, errorCode, structured, type Member } from '../support/tenant.js';
import { createWork, type Work } from '../support/time.js';

describe('create_expense', () => {
  let owner: Member;
  let work: Work;
  beforeAll(async () => {
    owner = await createBusiness('Expense Co', { currency: 'EUR', timeZone: 'Europe/Berlin' });
    work = await createWork(owner);
  });

  it('records an unpaid expense of the caller in the business currency, not billable, naming the business and user', async () => {
    const r = structured<ExpenseWrite>(await owner.call('create_expense', { date: '2025-06-02', amount: 123456, category: 'Travel', vendor: 'Deutsche Bahn', description: 'Berlin–Hamburg return' }));
    expect(r.expense).toMatchObject({
      date: '2025-06-02',
      amount: 123456,
      amount_formatted: '€1,234.56',
      currency: 'EUR',
      category: 'Travel',
      vendor: 'Deutsche Bahn',
      description: 'Berlin–Hamburg return',
      client_id: null,
      project_id: null,
      billable: false,
      status: 'unpaid',
      paid_on: null,
      paid_method: null,
      paid_reference: null,
      member_id: owner.userId,
    });
    expect(r.expense.id).toMatch(/^exp_[0-9A-Z]{26}$/);
    expect(r.expense.created_at).toBe(r.expense.updated_at);
    expect(r.category_added).toBe(false);
    expect(r.acted_on).toEqual({ business_id: owner.businessId, business_name: 'Expense Co', user_id: owner.userId, user_name: `Owner of Expense Co` });
  });

  it('takes its own currency, in that currency’s minor units', async () => {
    const yen = await createExpense(owner, { amount: 1235, currency: 'JPY' });
    expect(yen).toMatchObject({ amount: 1235, currency: 'JPY', amount_formatted: '¥1,235' });
    const dinar = await createExpense(owner, { amount: 1235, currency: 'BHD' });
    expect(dinar.amount_formatted).toBe('BHD\u00a01.235');
  });

  it('a project sets its client; a client alone is kept; a client that is not the project’s is invalid input', async () => {
    const onProject = await createExpense(owner, { project_id: work.projectId, billable: true });
    expect(onProject).toMatchObject({ project_id: work.projectId, client_id: work.clientId, billable: true });
    const both = await createExpense(owner, { project_id: work.projectId, client_id: work.clientId });
    expect(both).toMatchObject({ project_id: work.projectId, client_id: work.clientId });
    expect(await createExpense(owner, { client_id: work.clientId })).toMatchObject({ client_id: work.clientId, project_id: null });

    const other = await createWork(owner);
    const before = await activityCount(owner.businessId);
    const r = await owner.call('create_expense', { date: '2025-06-02', amount: 100, category: 'Meals', project_id: work.projectId, client_id: other.clientId });
    expect(errorCode(r)).toBe('invalid_input');
    expect(errorMessage(r)).toContain(`project ${work.projectId} belongs to client ${work.clientId}`);
    expect(await activityCount(owner.businessId)).toBe(before);
  });

  it('an unknown client or project is not_found', async () => {
    for (const args of [{ client_id: 'cli_01JAAAAAAAAAAAAAAAAAAAAAAA' }, { project_id: 'prj_01JAAAAAAAAAAAAAAAAAAAAAAA' }]) {
      const r = await owner.call('create_expense', { date: '2025-06-02', amount: 100, category: 'Meals', ...args });
      expect(errorCode(r)).toBe('not_found');
    }
  });

  it('accepts tomorrow in the business time zone and refuses the day after', async () => {
    const far = await createBusiness('Kiritimati Co', { timeZone: 'Pacific/Kiritimati' });
    const tomorrow = addDays(todayIn('Pacific/Kiritimati'), 1);
    expect((await createExpense(far, { date: tomorrow })).date).toBe(tomorrow);
    const r = await far.call('create_expense', { date: addDays(tomorrow, 1), amount: 100, category: 'Meals' });
    expect(errorCode(r)).toBe('invalid_input');
    expect(errorMessage(r)).toContain(`the latest allowed is tomorrow, ${tomorrow}`);
  });
});

describe('categories', () => {
  let owner: Member;
  beforeAll(async () => {
    owner = await createBusiness('Category Co');
  });

  it('a business starts with the default list and stores nothing', async () => {
    const list = await listExpenses(owner);
    expect(list.categories).toEqual([...defaultExpenseCategories]);
    expect(await storedCategories(owner.businessId)).toBeUndefined();
    expect(list.categories).toEqual(expect.arrayContaining(['Travel', 'Meals', 'Software', 'Hardware', 'Office supplies', 'Subcontractors', 'Advertising', 'Training', 'Bank fees', 'Other']));
  });

  it('a known category in any case and spacing takes the known spelling', async () => {
    const r = structured<ExpenseWrite>(await owner.call('create_expense', { date: '2025-06-02', amount: 100, category: '  office   SUPPLIES ' }));
    expect(r).toMatchObject({ expense: { category: 'Office supplies' }, category_added: false });
    expect(await storedCategories(owner.businessId)).toBeUndefined();
  });

  it('a new category is added to the business in the same write, once, and the result says so', async () => {
    const first = structured<ExpenseWrite>(await owner.call('create_expense', { date: '2025-06-02', amount: 100, category: 'Coworking' }));
    expect(first).toMatchObject({ expense: { category: 'Coworking' }, category_added: true });
    const again = structured<ExpenseWrite>(await owner.call('create_expense', { date: '2025-06-03', amount: 100, category: 'COWORKING' }));
    expect(again).toMatchObject({ expense: { category: 'Coworking' }, category_added: false });
    expect(await storedCategories(owner.businessId)).toEqual(['Coworking']);
    const list = await listExpenses(owner);
    expect(list.categories).toEqual([...defaultExpenseCategories, 'Coworking']);
    // The category filter is case-insensitive too, and finds both.
    expect((await listExpenses(owner, { category: 'coworking' })).items.map((e) => e.date)).toEqual(['2025-06-03', '2025-06-02']);
  });

  it('update_expense may move an expense to a new category, which is added', async () => {
    const x = await createExpense(owner, { category: 'Other' });
    const r = structured<ExpenseWrite>(await owner.call('update_expense', { expense_id: x.id, category: 'Postage' }));
    expect(r).toMatchObject({ expense: { category: 'Postage' }, category_added: true });
    expect((await storedCategories(owner.businessId))?.sort()).toEqual(['Coworking', 'Postage']);
  });

  it('a category filter the business does not have is invalid input listing its categories', async () => {
    const r = await owner.call('list_expenses', { category: 'Sofware' });
    expect(errorCode(r)).toBe('invalid_input');
    expect(errorMessage(r)).toContain('Sofware is not a category of this business; its categories are Travel, Meals');
  });

  it(`at ${maxCustomCategories} categories of its own, a business takes no new one but still uses the known ones`, async () => {
    const full = await createBusiness('Full Categories Co');
    const many = Array.from({ length: maxCustomCategories }, (_, i) => `Custom ${i}`);
    await db.entities.business.patch({ businessId: full.businessId }).add({ expenseCategories: many }).go();
    const before = await activityCount(full.businessId);
    const r = await full.call('create_expense', { date: '2025-06-02', amount: 100, category: 'One too many' });
    expect(errorCode(r)).toBe('conflict');
    expect(await activityCount(full.businessId)).toBe(before);
    expect((await createExpense(full, { category: 'custom 7' })).category).toBe('Custom 7');
  });
});

describe('list_expenses', () => {
  let owner: Member;
  let work: Work;
  let other: Work;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    owner = await createBusiness('List Co', { currency: 'USD' });
    work = await createWork(owner);
    other = await createWork(owner);
    const add = async (name: string, args: Record<string, unknown>) => (ids[name] = (await createExpense(owner, args)).id);
    await add('jan10', { date: '2025-01-10', amount: 1000 });
    await add('jan20', { date: '2025-01-20', amount: 2000, category: 'Meals', project_id: work.projectId });
    await add('feb05', { date: '2025-02-05', amount: 4000, currency: 'JPY', client_id: other.clientId });
    await add('feb28', { date: '2025-02-28', amount: 8000, category: 'Software', client_id: work.clientId });
    await add('mar10', { date: '2025-03-10', amount: 16000, category: 'Meals', project_id: work.projectId });
    await add('mar11', { date: '2025-03-11', amount: 32000 });
    structured(await owner.call('mark_expense_paid', { expense_id: ids.jan20, paid_on: '2025-04-01' }));
    structured(await owner.call('mark_expense_paid', { expense_id: ids.feb05, paid_on: '2025-04-01' }));
  });

  const listed = async (args: Record<string, unknown>) => (await listExpenses(owner, args)).items.map((e) => Object.entries(ids).find(([, id]) => id === e.id)?.[0]);

  it('lists newest first with totals per currency over the whole business', async () => {
    const list = await listExpenses(owner);
    expect(list.items.map((e) => e.id)).toEqual(['mar11', 'mar10', 'feb28', 'feb05', 'jan20', 'jan10'].map((k) => ids[k]));
    expect(list.next_cursor).toBeNull();
    expect(list.totals).toEqual([
      { currency: 'JPY', count: 1, amount: 4000, amount_formatted: '¥4,000', unpaid_amount: 0, unpaid_formatted: '¥0' },
      { currency: 'USD', count: 5, amount: 59000, amount_formatted: '$590.00', unpaid_amount: 57000, unpaid_formatted: '$570.00' },
    ]);
  });

  it('filters by date range (whole and partial months), category, client, project and status', async () => {
    expect(await listed({ from: '2025-01-15', to: '2025-03-10' })).toEqual(['mar10', 'feb28', 'feb05', 'jan20']);
    expect(await listed({ from: '2025-02-01', to: '2025-02-28' })).toEqual(['feb28', 'feb05']);
    expect(await listed({ category: 'meals' })).toEqual(['mar10', 'jan20']);
    expect(await listed({ client_id: work.clientId })).toEqual(['mar10', 'feb28', 'jan20']);
    expect(await listed({ project_id: work.projectId })).toEqual(['mar10', 'jan20']);
    expect(await listed({ project_id: work.projectId, client_id: work.clientId, status: 'unpaid' })).toEqual(['mar10']);
    expect(await listed({ status: 'paid' })).toEqual(['feb05', 'jan20']);
    expect(await listed({ status: 'unpaid', to: '2025-02-28' })).toEqual(['feb28', 'jan10']);
    expect(await listed({ category: 'Meals', status: 'paid', from: '2025-01-01', to: '2025-01-31' })).toEqual(['jan20']);
  });

  it('totals follow the filters, whatever the page size', async () => {
    const totals = async (args: Record<string, unknown>) => (await listExpenses(owner, { ...args, limit: 1 })).totals.map((t) => [t.currency, t.count, t.amount, t.unpaid_amount]);
    expect(await totals({ from: '2025-01-15', to: '2025-03-10' })).toEqual([
      ['JPY', 1, 4000, 0],
      ['USD', 3, 26000, 24000],
    ]);
    expect(await totals({ status: 'unpaid' })).toEqual([['USD', 4, 57000, 57000]]);
    expect(await totals({ status: 'paid' })).toEqual([
      ['JPY', 1, 4000, 0],
      ['USD', 1, 2000, 0],
    ]);
    expect(await totals({ project_id: work.projectId })).toEqual([['USD', 2, 18000, 16000]]);
    expect(await totals({ client_id: other.clientId })).toEqual([['JPY', 1, 4000, 0]]);
    expect(await totals({ category: 'Meals', from: '2025-03-01' })).toEqual([['USD', 1, 16000, 16000]]);
    expect(await totals({ from: '2026-01-01' })).toEqual([]);
  });

  it('pages with a sealed cursor bound to the filters', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listExpenses(owner, { limit: 4, cursor });
      seen.push(...page.items.map((e) => e.id));
      cursor = page.next_cursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(['mar11', 'mar10', 'feb28', 'feb05', 'jan20', 'jan10'].map((k) => ids[k]));

    const first = await listExpenses(owner, { limit: 2 });
    expect(errorCode(await owner.call('list_expenses', { limit: 2, status: 'paid', cursor: first.next_cursor }))).toBe('invalid_input');
    const stranger = await createBusiness('Cursor Thief Co');
    expect(errorCode(await stranger.call('list_expenses', { limit: 2, cursor: first.next_cursor }))).toBe('invalid_input');
  });

  it('a client_id that is not the project’s client is invalid input', async () => {
    const r = await owner.call('list_expenses', { project_id: work.projectId, client_id: other.clientId });
    expect(errorCode(r)).toBe('invalid_input');
  });
});

describe('update_expense', () => {
  let owner: Member;
  let work: Work;
  beforeAll(async () => {
    owner = await createBusiness('Update Co', { currency: 'GBP' });
    work = await createWork(owner);
  });

  it('changes only the fields given; null clears vendor, description, client and project', async () => {
    const x = await createExpense(owner, { vendor: 'Acme', description: 'Cables', project_id: work.projectId, billable: true });
    const r = structured<ExpenseWrite>(await owner.call('update_expense', { expense_id: x.id, amount: 999, vendor: null, date: '2025-06-01' }));
    expect(r.expense).toMatchObject({ amount: 999, amount_formatted: '£9.99', vendor: null, description: 'Cables', date: '2025-06-01', project_id: work.projectId, client_id: work.clientId, billable: true });
    expect(r.expense.updated_at > x.updated_at).toBe(true);
    expect(r.acted_on.business_id).toBe(owner.businessId);

    // Clearing the project keeps the client; clearing the client then leaves none.
    const offProject = structured<ExpenseWrite>(await owner.call('update_expense', { expense_id: x.id, project_id: null })).expense;
    expect(offProject).toMatchObject({ project_id: null, client_id: work.clientId });
    const offClient = structured<ExpenseWrite>(await owner.call('update_expense', { expense_id: x.id, client_id: null, description: null })).expense;
    expect(offClient).toMatchObject({ project_id: null, client_id: null, description: null });
    const stored = await storedExpense(owner.businessId, x.id);
    expect(stored).not.toHaveProperty('vendor');
    expect(stored).not.toHaveProperty('description');
  });

  it('moving to a project moves to its client; a client beside a kept project must be its client', async () => {
    const x = await createExpense(owner);
    const moved = structured<ExpenseWrite>(await owner.call('update_expense', { expense_id: x.id, project_id: work.projectId })).expense;
    expect(moved).toMatchObject({ project_id: work.projectId, client_id: work.clientId });
    const another = await createWork(owner);
    const before = await activityCount(owner.businessId);
    const r = await owner.call('update_expense', { expense_id: x.id, client_id: another.clientId });
    expect(errorCode(r)).toBe('invalid_input');
    expect(errorMessage(r)).toContain(`is on project ${work.projectId}`);
    expect(errorCode(await owner.call('update_expense', { expense_id: x.id, client_id: null }))).toBe('invalid_input');
    expect(await activityCount(owner.businessId)).toBe(before);
    const both = structured<ExpenseWrite>(await owner.call('update_expense', { expense_id: x.id, client_id: another.clientId, project_id: null })).expense;
    expect(both).toMatchObject({ client_id: another.clientId, project_id: null });
  });

  it('a stale version never overwrites a newer one, and the totals stay those of the expenses', async () => {
    const x = await createExpense(owner, { date: '2025-07-01', amount: 100 });
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => owner.call('update_expense', { expense_id: x.id, amount: 1000 + i })));
    const won = results.filter((r) => !r.isError).map((r) => structured<ExpenseWrite>(r).expense);
    expect(won.length).toBeGreaterThan(0);
    for (const r of results.filter((r) => r.isError)) expect(errorCode(r)).toBe('conflict');
    const stored = await storedExpense(owner.businessId, x.id);
    expect(won.map((w) => w.updated_at)).toContain(stored!.updatedAt);
    const july = await listExpenses(owner, { from: '2025-07-01', to: '2025-07-31' });
    expect(july.totals).toEqual([expect.objectContaining({ currency: 'GBP', count: 1, amount: stored!.amount })]);
  });

  it('nothing to update is invalid input', async () => {
    const x = await createExpense(owner);
    const r = await owner.call('update_expense', { expense_id: x.id });
    expect(errorCode(r)).toBe('invalid_input');
    expect(errorMessage(r)).toContain('Nothing to update');
  });
});

describe('mark_expense_paid', () => {
  let owner: Member;
  beforeAll(async () => {
    owner = await createBusiness('Paid Co', { timeZone: 'Pacific/Auckland' });
  });

  it('defaults paid_on to today in the business time zone and records method and reference', async () => {
    const x = await createExpense(owner);
    const r = structured<{ expense: Expense; changed: boolean; acted_on: { business_id: string } }>(
      await owner.call('mark_expense_paid', { expense_id: x.id, method: 'Bank transfer', reference: 'REIMB-42' }),
    );
    expect(r.changed).toBe(true);
    expect(r.expense).toMatchObject({ status: 'paid', paid_on: todayIn('Pacific/Auckland'), paid_method: 'Bank transfer', paid_reference: 'REIMB-42' });
    expect(r.acted_on.business_id).toBe(owner.businessId);
  });

  it('marking again with the same or no details changes nothing and writes nothing; other details are a conflict', async () => {
    const x = await createExpense(owner);
    structured(await owner.call('mark_expense_paid', { expense_id: x.id, paid_on: '2025-06-05', method: 'Cash' }));
    const before = await activityCount(owner.businessId);
    const stored = await storedExpense(owner.businessId, x.id);
    for (const args of [{}, { paid_on: '2025-06-05' }, { paid_on: '2025-06-05', method: 'Cash' }]) {
      const r = structured<{ expense: Expense; changed: boolean }>(await owner.call('mark_expense_paid', { expense_id: x.id, ...args }));
      expect(r).toMatchObject({ changed: false, expense: { paid_on: '2025-06-05', paid_method: 'Cash', updated_at: stored!.updatedAt } });
    }
    const r = await owner.call('mark_expense_paid', { expense_id: x.id, paid_on: '2025-06-06' });
    expect(errorCode(r)).toBe('conflict');
    expect(errorMessage(r)).toContain('is already paid (on 2025-06-05, by Cash)');
    expect(await activityCount(owner.businessId)).toBe(before);
  });

  it('refuses a paid_on in the future', async () => {
    const x = await createExpense(owner);
    const r = await owner.call('mark_expense_paid', { expense_id: x.id, paid_on: addDays(todayIn('Pacific/Auckland'), 1) });
    expect(errorCode(r)).toBe('invalid_input');
    expect((await storedExpense(owner.businessId, x.id))?.status).toBe('unpaid');
  });

  it('an admin may correct a paid expense’s amount and currency, and may delete it', async () => {
    const admin = await addMember(owner, 'admin');
    const x = await createExpense(owner, { amount: 500, date: '2025-08-01' });
    structured(await admin.call('mark_expense_paid', { expense_id: x.id }));
    const fixed = structured<ExpenseWrite>(await admin.call('update_expense', { expense_id: x.id, amount: 550, currency: 'EUR' })).expense;
    expect(fixed).toMatchObject({ amount: 550, currency: 'EUR', status: 'paid' });
    const deleted = structured<{ deleted: Expense }>(await admin.call('delete_expense', { expense_id: x.id })).deleted;
    expect(deleted).toMatchObject({ id: x.id, status: 'paid', amount: 550 });
    expect(await storedExpense(owner.businessId, x.id)).toBeNull();
  });
});

describe('delete_expense', () => {
  it('deletes the expense, returns it, and its totals go with it', async () => {
    const owner = await createBusiness('Delete Co');
    const keep = await createExpense(owner, { amount: 100 });
    const gone = await createExpense(owner, { amount: 900 });
    const before = await activityCount(owner.businessId);
    const r = structured<{ deleted: Expense; acted_on: { user_id: string } }>(await owner.call('delete_expense', { expense_id: gone.id }));
    expect(r.deleted).toMatchObject({ id: gone.id, amount: 900 });
    expect(r.acted_on.user_id).toBe(owner.userId);
    expect(await activityCount(owner.businessId)).toBe(before + 1);
    const list = await listExpenses(owner);
    expect(list.items.map((e) => e.id)).toEqual([keep.id]);
    expect(list.totals).toEqual([expect.objectContaining({ currency: 'USD', count: 1, amount: 100 })]);
    expect(errorCode(await owner.call('delete_expense', { expense_id: gone.id }))).toBe('not_found');
  });
});

describe('members see and change only their own expenses', () => {
  let owner: Member;
  let admin: Member;
  let member: Member;
  let colleague: Member;
  let ownersExpense: Expense;
  let colleaguesExpense: Expense;
  let mine: Expense;
  beforeAll(async () => {
    owner = await createBusiness('Team Expenses Co');
    admin = await addMember(owner, 'admin');
    member = await addMember(owner, 'member');
    colleague = await addMember(owner, 'member');
    ownersExpense = await createExpense(owner, { amount: 7000, date: '2025-05-01' });
    colleaguesExpense = await createExpense(colleague, { amount: 300, date: '2025-05-02', category: 'Meals' });
    mine = await createExpense(member, { amount: 4200, date: '2025-05-03', vendor: 'Shell' });
  });

  it('a member lists only their own, with totals of their own', async () => {
    const list = await listExpenses(member);
    expect(list.items.map((e) => e.id)).toEqual([mine.id]);
    expect(list.totals).toEqual([expect.objectContaining({ currency: 'USD', count: 1, amount: 4200 })]);
    expect((await listExpenses(member, { category: 'Meals' })).items).toEqual([]);
    expect((await listExpenses(member, { status: 'unpaid' })).items.map((e) => e.id)).toEqual([mine.id]);
  });

  it('owners and admins list everyone’s', async () => {
    for (const who of [owner, admin]) {
      const list = await listExpenses(who);
      expect(list.items.map((e) => e.id)).toEqual([mine.id, colleaguesExpense.id, ownersExpense.id]);
      expect(list.totals).toEqual([expect.objectContaining({ count: 3, amount: 11500 })]);
    }
  });

  it.each([
    ['update_expense', () => ({ expense_id: colleaguesExpense.id, vendor: 'Hijacked' })],
    ['delete_expense', () => ({ expense_id: colleaguesExpense.id })],
    ['update_expense', () => ({ expense_id: ownersExpense.id, amount: 1 })],
  ] as [string, () => Record<string, unknown>][])('%s of another member’s expense is forbidden and changes nothing', async (tool, args) => {
    const before = await activityCount(owner.businessId);
    const r = await member.call(tool, args());
    expect(errorCode(r)).toBe('forbidden');
    expect(errorMessage(r)).toContain('belongs to another member');
    expect(await activityCount(owner.businessId)).toBe(before);
    const theirs = await storedExpense(owner.businessId, colleaguesExpense.id);
    expect(theirs).toMatchObject({ amount: 300, updatedAt: colleaguesExpense.updated_at });
    expect(theirs?.vendor).toBeUndefined();
  });

  it('a member cannot mark expenses paid, not even their own', async () => {
    const r = await member.call('mark_expense_paid', { expense_id: mine.id });
    expect(errorCode(r)).toBe('forbidden');
    expect(errorMessage(r)).toContain('Only an owner or admin can mark expenses paid');
  });

  it('a member edits their own; once paid, its amount and currency stay, other fields may change, and it cannot be deleted', async () => {
    const own = await createExpense(member, { amount: 1500, date: '2025-05-04' });
    expect(structured<ExpenseWrite>(await member.call('update_expense', { expense_id: own.id, amount: 1600 })).expense.amount).toBe(1600);
    structured(await owner.call('mark_expense_paid', { expense_id: own.id, paid_on: '2025-05-10' }));
    const before = await activityCount(owner.businessId);
    for (const args of [{ amount: 1700 }, { currency: 'EUR' }, { amount: 1700, vendor: 'x' }]) {
      const r = await member.call('update_expense', { expense_id: own.id, ...args });
      expect(errorCode(r)).toBe('forbidden');
      expect(errorMessage(r)).toContain('is paid (on 2025-05-10); its amount and currency stay as paid. An owner or admin can correct them.');
    }
    const del = await member.call('delete_expense', { expense_id: own.id });
    expect(errorCode(del)).toBe('forbidden');
    expect(errorMessage(del)).toContain('only an owner or admin can delete a paid expense');
    expect(await activityCount(owner.businessId)).toBe(before);
    // The same amount is no change, and the rest is theirs to edit.
    const edited = structured<ExpenseWrite>(await member.call('update_expense', { expense_id: own.id, amount: 1600, vendor: 'Corrected vendor' })).expense;
    expect(edited).toMatchObject({ amount: 1600, vendor: 'Corrected vendor', status: 'paid' });
  });

  it('a member deletes their own unpaid expense', async () => {
    const own = await createExpense(member);
    expect(structured<{ deleted: Expense }>(await member.call('delete_expense', { expense_id: own.id })).deleted.id).toBe(own.id);
  });
});

describe('another business is invisible', () => {
  let mine: Member;
  let theirs: Member;
  let myExpense: Expense;
  let theirExpense: Expense;
  let theirWork: Work;
  const secret = 'Globex secret dinner with the acquirer';
  beforeAll(async () => {
    mine = await createBusiness('Initech Expenses');
    theirs = await createBusiness('Globex Expenses');
    theirWork = await createWork(theirs, { taskName: 'Globex Hidden Task' });
    theirExpense = await createExpense(theirs, { amount: 987654, description: secret, vendor: 'Globex Vendor', category: 'Globex Category', project_id: theirWork.projectId });
    myExpense = await createExpense(mine, { amount: 111 });
  });

  const secrets = () => [secret, 'Globex', '987654', theirs.businessId, theirs.userId, theirWork.clientId, theirWork.projectId, theirExpense.id];

  const calls: [string, string, () => Record<string, unknown>][] = [
    ['update_expense', 'expense', () => ({ expense_id: theirExpense.id, vendor: 'hijacked' })],
    ['mark_expense_paid', 'expense', () => ({ expense_id: theirExpense.id })],
    ['delete_expense', 'expense', () => ({ expense_id: theirExpense.id })],
    ['create_expense', 'client', () => ({ date: '2025-06-02', amount: 1, category: 'Travel', client_id: theirWork.clientId })],
    ['create_expense', 'project', () => ({ date: '2025-06-02', amount: 1, category: 'Travel', project_id: theirWork.projectId })],
    ['update_expense', 'client', () => ({ expense_id: myExpense.id, client_id: theirWork.clientId })],
    ['update_expense', 'project', () => ({ expense_id: myExpense.id, project_id: theirWork.projectId })],
    ['list_expenses', 'client', () => ({ client_id: theirWork.clientId })],
    ['list_expenses', 'project', () => ({ project_id: theirWork.projectId })],
  ];

  it.each(calls)('%s with the other business’s %s id is not_found and reveals nothing', async (tool, _kind, args) => {
    const count = await activityCount(mine.businessId);
    const given = args();
    const r = await mine.call(tool, given);
    expect(errorCode(r)).toBe('not_found');
    const raw = JSON.stringify(r);
    const givenIds = Object.values(given).filter((v): v is string => typeof v === 'string');
    for (const s of secrets().filter((s) => !givenIds.includes(s))) expect(raw).not.toContain(s);
    expect(await activityCount(mine.businessId)).toBe(count);
  });

  it('lists and categories never show the other business’s expenses, and theirs is untouched', async () => {
    for (const args of [{}, { status: 'unpaid' }, { category: 'Travel' }, { from: '2000-01-01', to: '2030-12-31' }]) {
      const r = await mine.call('list_expenses', args);
      const raw = JSON.stringify(r);
      for (const s of secrets()) expect(raw).not.toContain(s);
      expect(structured<{ totals: { amount: number }[] }>(r).totals).toEqual([expect.objectContaining({ amount: 111 })]);
    }
    expect(errorCode(await mine.call('list_expenses', { category: 'Globex Category' }))).toBe('invalid_input');
    expect(await storedExpense(theirs.businessId, theirExpense.id)).toMatchObject({ status: 'unpaid', description: secret, vendor: 'Globex Vendor' });
  });
});

describe('a read-only connection', () => {
  let owner: Member;
  let reader: Member;
  let x: Expense;
  beforeAll(async () => {
    owner = await createBusiness('Read Only Expenses');
    reader = await addMember(owner, 'admin', 'clerq:read');
    x = await createExpense(owner);
  });

  it('lists expenses', async () => {
    expect((await listExpenses(reader)).items.map((e) => e.id)).toEqual([x.id]);
  });

  it.each([
    ['create_expense', () => ({ date: '2025-06-02', amount: 1, category: 'Travel' })],
    ['update_expense', () => ({ expense_id: x.id, vendor: 'x' })],
    ['mark_expense_paid', () => ({ expense_id: x.id })],
    ['delete_expense', () => ({ expense_id: x.id })],
  ] as [string, () => Record<string, unknown>][])('%s is read_only, says how to reconnect, and writes nothing', async (tool, args) => {
    const count = await activityCount(owner.businessId);
    const r = await reader.call(tool, args());
    expect(errorCode(r)).toBe('read_only');
    expect(JSON.stringify(r.content)).toMatch(/read-only/);
    expect(await activityCount(owner.businessId)).toBe(count);
  });

  it('the tool list marks list_expenses read-only, the writes not, delete destructive, create keyed', async () => {
    const { body } = await reader.rpc('tools/list');
    const tools = new Map((body.result as { tools: Tool[] }).tools.map((t) => [t.name, t]));
    expect(tools.get('list_expenses')?.annotations).toMatchObject({ readOnlyHint: true, destructiveHint: false });
    for (const name of ['create_expense', 'update_expense', 'mark_expense_paid', 'delete_expense']) expect(tools.get(name)?.annotations?.readOnlyHint).toBe(false);
    expect(tools.get('delete_expense')?.annotations?.destructiveHint).toBe(true);
    expect(tools.get('create_expense')?.inputSchema.properties).toHaveProperty('idempotency_key');
    expect(tools.get('update_expense')?.inputSchema.properties).not.toHaveProperty('idempotency_key');
  });
});

describe('bad input is refused with the field named, and nothing is written', () => {
  let owner: Member;
  let x: Expense;
  const long = (n: number) => 'x'.repeat(n);
  const valid = { date: '2025-06-02', amount: 100, category: 'Travel' };
  beforeAll(async () => {
    owner = await createBusiness('Strict Expenses');
    x = await createExpense(owner);
  });

  const cases: [string, string, () => Record<string, unknown>, string][] = [
    ['create_expense', 'missing amount', () => ({ date: '2025-06-02', category: 'Travel' }), 'amount'],
    ['create_expense', 'zero amount', () => ({ ...valid, amount: 0 }), 'amount'],
    ['create_expense', 'negative amount', () => ({ ...valid, amount: -5 }), 'amount'],
    ['create_expense', 'fractional amount', () => ({ ...valid, amount: 12.5 }), 'amount'],
    ['create_expense', 'amount as a string', () => ({ ...valid, amount: '100' }), 'amount'],
    ['create_expense', 'lower-case currency', () => ({ ...valid, currency: 'usd' }), 'currency'],
    ['create_expense', 'unknown currency', () => ({ ...valid, currency: 'ABC' }), 'currency'],
    ['create_expense', 'missing date', () => ({ amount: 100, category: 'Travel' }), 'date'],
    ['create_expense', 'impossible date', () => ({ ...valid, date: '2025-02-30' }), 'date'],
    ['create_expense', 'date before 2000', () => ({ ...valid, date: '1999-12-31' }), 'date'],
    ['create_expense', 'far future date', () => ({ ...valid, date: '2099-01-01' }), 'date'],
    ['create_expense', 'empty category', () => ({ ...valid, category: '   ' }), 'category'],
    ['create_expense', 'oversized category', () => ({ ...valid, category: long(51) }), 'category'],
    ['create_expense', 'a control character in the category', () => ({ ...valid, category: 'Travel\u0000' }), 'category'],
    ['create_expense', 'oversized vendor', () => ({ ...valid, vendor: long(201) }), 'vendor'],
    ['create_expense', 'oversized description', () => ({ ...valid, description: long(2001) }), 'description'],
    ['create_expense', 'a task id for a project id', () => ({ ...valid, project_id: 'tsk_01JAAAAAAAAAAAAAAAAAAAAAAA' }), 'project_id'],
    ['create_expense', 'billable as a string', () => ({ ...valid, billable: 'yes' }), 'billable'],
    ['create_expense', 'a status', () => ({ ...valid, status: 'paid' }), '(arguments)'],
    ['create_expense', 'short idempotency key', () => ({ ...valid, idempotency_key: 'short' }), 'idempotency_key'],
    ['update_expense', 'nothing to update', () => ({ expense_id: x.id }), 'Nothing to update'],
    ['update_expense', 'a time entry id', () => ({ expense_id: 'te_01JAAAAAAAAAAAAAAAAAAAAAAA', amount: 5 }), 'expense_id'],
    ['update_expense', 'zero amount', () => ({ expense_id: x.id, amount: 0 }), 'amount'],
    ['update_expense', 'null amount', () => ({ expense_id: x.id, amount: null }), 'amount'],
    ['update_expense', 'far future date', () => ({ expense_id: x.id, date: '2099-01-01' }), 'date'],
    ['update_expense', 'a paid status', () => ({ expense_id: x.id, status: 'paid' }), '(arguments)'],
    ['mark_expense_paid', 'missing id', () => ({}), 'expense_id'],
    ['mark_expense_paid', 'future paid_on', () => ({ expense_id: x.id, paid_on: '2099-01-01' }), 'paid_on'],
    ['mark_expense_paid', 'paid_on before 2000', () => ({ expense_id: x.id, paid_on: '1999-01-01' }), 'paid_on'],
    ['mark_expense_paid', 'oversized method', () => ({ expense_id: x.id, method: long(51) }), 'method'],
    ['mark_expense_paid', 'oversized reference', () => ({ expense_id: x.id, reference: long(201) }), 'reference'],
    ['delete_expense', 'an id of the wrong type', () => ({ expense_id: 42 }), 'expense_id'],
    ['list_expenses', 'limit above 100', () => ({ limit: 101 }), 'limit'],
    ['list_expenses', 'unknown status', () => ({ status: 'open' }), 'status'],
    ['list_expenses', 'to before from', () => ({ from: '2025-06-02', to: '2025-06-01' }), 'to'],
    ['list_expenses', 'impossible from', () => ({ from: '2025-13-01' }), 'from'],
    ['list_expenses', 'a member_id filter', () => ({ member_id: 'usr_01JAAAAAAAAAAAAAAAAAAAAAAA' }), '(arguments)'],
  ];

  it.each(cases)('%s with %s', async (tool, _what, args, field) => {
    const before = await activityCount(owner.businessId);
    const r = await owner.call(tool, args());
    expect(errorCode(r)).toBe('invalid_input');
    const text = JSON.stringify(r.content);
    if (field === 'Nothing to update') expect(text).toContain(field);
    else expect(text).toContain(`${field}:`);
    expect(await activityCount(owner.businessId)).toBe(before);
  });

  it('the expense is unchanged after all of that', async () => {
    expect(await storedExpense(owner.businessId, x.id)).toMatchObject({ amount: 1250, status: 'unpaid', updatedAt: x.updated_at });
  });
});

describe('idempotency_key on create_expense', () => {
  it('the same key and arguments record one expense and return the first result; other arguments are a conflict', async () => {
    const owner = await createBusiness('Keyed Expenses');
    const args = { date: '2025-06-02', amount: 4500, category: 'Hardware', vendor: 'Keyboard shop', idempotency_key: 'expense-keyboard-001' };
    const first = structured<ExpenseWrite>(await owner.call('create_expense', args));
    const again = structured<ExpenseWrite>(await owner.call('create_expense', { ...args }));
    expect(again).toEqual(first);
    expect(await activityCount(owner.businessId)).toBe(1);
    const other = await owner.call('create_expense', { ...args, amount: 4600 });
    expect(errorCode(other)).toBe('conflict');
    const list = await listExpenses(owner);
    expect(list.items.map((e) => e.id)).toEqual([first.expense.id]);
    expect(list.totals).toEqual([expect.objectContaining({ count: 1, amount: 4500 })]);
  });

  it('concurrent requests with one key record exactly one expense and one new category', async () => {
    const owner = await createBusiness('Raced Expenses');
    const results = await Promise.all(
      Array.from({ length: 6 }, () => owner.call('create_expense', { date: '2025-06-02', amount: 10, category: 'Raced', idempotency_key: 'expense-race-0001' })),
    );
    expect(new Set(results.map((r) => structured<ExpenseWrite>(r).expense.id)).size).toBe(1);
    expect((await listExpenses(owner)).items).toHaveLength(1);
    expect(await storedCategories(owner.businessId)).toEqual(['Raced']);
    expect(await activityCount(owner.businessId)).toBe(1);
  });
});
