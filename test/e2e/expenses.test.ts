import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startInstance } from '../oauth/helpers/instance.js';
import { openToolSession } from '../oauth/helpers/sdk.js';

/**
 * The expense tools end to end: a real local instance in its own process, a person who signs up
 * and consents through the HTML forms, and the official SDK client with its OAuth provider
 * calling each of the five tools once.
 */
let inst: Awaited<ReturnType<typeof startInstance>>;
beforeAll(async () => {
  inst = await startInstance();
}, 60_000);
afterAll(() => inst?.stop());

const expenseTools = ['list_expenses', 'create_expense', 'update_expense', 'mark_expense_paid', 'delete_expense'];

interface Expense {
  id: string;
  amount: number;
  currency: string;
  category: string;
  client_id: string | null;
  status: string;
  paid_on: string | null;
}

describe('expense tools through a real OAuth connection', () => {
  it('records an expense for a client, corrects it, settles it, lists it with totals and deletes it', async () => {
    const { client, call } = await openToolSession(inst.url, inst.mcpUrl, { clientName: 'E2E Bookkeeper' });

    const { tools } = await client.listTools();
    for (const name of expenseTools) {
      const tool = tools.find((t) => t.name === name);
      expect(tool?.outputSchema?.type).toBe('object');
      expect(tool?.annotations?.readOnlyHint).toBe(name === 'list_expenses');
    }

    const me = await call<{ user: { id: string }; business: { id: string } }>('whoami');
    const { client: customer } = await call<{ client: { id: string } }>('create_client', { name: 'Northwind Traders' });

    const created = await call<{ expense: Expense & { member_id: string }; category_added: boolean; acted_on: { business_id: string } }>('create_expense', {
      date: '2026-03-02',
      amount: 8950,
      currency: 'EUR',
      category: 'travel',
      vendor: 'Eurostar',
      client_id: customer.id,
      billable: true,
      idempotency_key: 'e2e-eurostar-ticket',
    });
    expect(created.acted_on.business_id).toBe(me.business.id);
    expect(created.expense).toMatchObject({ amount: 8950, currency: 'EUR', category: 'Travel', client_id: customer.id, status: 'unpaid', member_id: me.user.id });
    const id = created.expense.id;

    const updated = await call<{ expense: Expense & { vendor: string } }>('update_expense', { expense_id: id, amount: 9450, vendor: 'Eurostar (return)' });
    expect(updated.expense).toMatchObject({ amount: 9450, vendor: 'Eurostar (return)' });

    const paid = await call<{ expense: Expense; changed: boolean }>('mark_expense_paid', { expense_id: id, paid_on: '2026-03-05', method: 'Card' });
    expect(paid).toMatchObject({ changed: true, expense: { status: 'paid', paid_on: '2026-03-05' } });

    const listed = await call<{ items: Expense[]; totals: { currency: string; amount: number; unpaid_amount: number }[]; categories: string[] }>('list_expenses', {
      from: '2026-03-01',
      to: '2026-03-31',
      client_id: customer.id,
    });
    expect(listed.items.map((e) => e.id)).toEqual([id]);
    expect(listed.totals).toEqual([expect.objectContaining({ currency: 'EUR', amount: 9450, unpaid_amount: 0 })]);
    expect(listed.categories).toContain('Travel');

    const deleted = await call<{ deleted: Expense }>('delete_expense', { expense_id: id });
    expect(deleted.deleted.id).toBe(id);
    expect((await call<{ items: Expense[] }>('list_expenses')).items).toEqual([]);
    await client.close();
  }, 60_000);
});
