import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { Field } from '../forms/field';
import { moneyValue, opResolver, orNull, present, type OpInput } from '../forms/op-schema';
import { can, ownOnly, ruleAllows } from '../lib/contract';
import { formatDate, formatMoney, moneyInput, monthStart, todayIn } from '../lib/format';
import { useBusiness, useOpMutation, useOpPages } from '../lib/hooks';
import { nameOf, useClients, useMembers } from '../lib/lookups';
import type { Expense } from '../lib/types';
import { PagedList } from '../ui/paged-list';
import { usePageTitle } from '../shell/page-title';
import { Dialog } from '../ui/dialog';
import { ErrorNote } from '../ui/feedback';
import { StatusBadge } from '../ui/status';
import { Cell, Table, columns } from '../ui/table';

const cols = columns({
  date: { label: 'Date' },
  expense: { label: 'Expense', kind: 'title' },
  amount: { label: 'Amount', num: true },
  status: { label: 'Status' },
  actions: { label: 'Actions', kind: 'actions' },
});

interface Values {
  date: string;
  amount: string;
  currency: string;
  category: string;
  vendor: string;
  description: string;
  client_id: string;
  billable: boolean;
}

/** What the edit form's fields are called in the operation's input: the same names. */
type FieldName = keyof Values;

/**
 * Record an expense (create_expense) or edit one (update_expense, prefilled, only changed fields
 * sent). A paid expense's amount and currency are locked for a role the permission matrix does not
 * let change them (its `change_paid_amount` rule), with a hint saying who can.
 */
function ExpenseForm({ expense, categories, onDone }: { expense?: Expense; categories: string[]; onDone: () => void }) {
  const business = useBusiness();
  const clients = useClients();
  const create = useOpMutation('create_expense', { onSuccess: onDone });
  const update = useOpMutation('update_expense', { onSuccess: onDone });
  const save = expense ? update : create;
  const amountLocked = !!expense && expense.status === 'paid' && !ruleAllows(business.role, 'update_expense', 'change_paid_amount');
  const toInput = (v: Values): OpInput => {
    const currency = v.currency.trim().toUpperCase() || business.currency;
    const amount = moneyValue(v.amount, currency);
    if (expense) {
      return present({ expense_id: expense.id, date: v.date, amount, currency, category: v.category.trim(), vendor: orNull(v.vendor), description: orNull(v.description), client_id: orNull(v.client_id), billable: v.billable });
    }
    return present({ date: v.date, amount, currency, category: v.category.trim(), vendor: v.vendor.trim(), description: v.description.trim(), client_id: v.client_id, billable: v.billable });
  };
  const form = useForm<Values, unknown, OpInput>({
    defaultValues: expense
      ? {
          date: expense.date,
          amount: moneyInput(expense.amount, expense.currency),
          currency: expense.currency,
          category: expense.category,
          vendor: expense.vendor ?? '',
          description: expense.description ?? '',
          client_id: expense.client_id ?? '',
          billable: expense.billable,
        }
      : { date: todayIn(business.timeZone), amount: '', currency: business.currency, category: '', vendor: '', description: '', client_id: '', billable: false },
    resolver: opResolver(expense ? 'update_expense' : 'create_expense', toInput),
  });
  const e = form.formState.errors;
  // Read while rendering: react-hook-form tracks dirty fields only for state that is read.
  const dirty = form.formState.dirtyFields;
  const submit = (input: OpInput) => {
    if (!expense) {
      create.mutate(input);
      return;
    }
    // Only what the person changed; a new currency takes the amount along (its digits may differ).
    const changed = (Object.keys(dirty) as FieldName[]).filter((k) => dirty[k]);
    if (changed.includes('currency') && !changed.includes('amount')) changed.push('amount');
    if (changed.length === 0) {
      onDone();
      return;
    }
    update.mutate({ expense_id: expense.id, ...Object.fromEntries(Object.entries(input).filter(([k]) => (changed as string[]).includes(k))) });
  };
  const lockedHint = amountLocked ? 'Paid: only an owner or admin can change the amount or currency' : undefined;
  return (
    <form onSubmit={form.handleSubmit(submit)} noValidate className="form">
      <div className="row">
        <Field label="Date" error={e.date}>
          {(p) => <input {...p} {...form.register('date')} type="date" />}
        </Field>
        <Field label="Amount" error={e.amount} {...(lockedHint ? { hint: lockedHint } : {})}>
          {(p) => <input {...p} {...form.register('amount')} inputMode="decimal" className="short" disabled={amountLocked} />}
        </Field>
        <Field label="Currency" error={e.currency}>
          {(p) => <input {...p} {...form.register('currency')} maxLength={3} className="short" disabled={amountLocked} />}
        </Field>
        <Field label="Category" error={e.category}>
          {(p) => <input {...p} {...form.register('category')} list="expense-categories" />}
        </Field>
      </div>
      <datalist id="expense-categories">
        {categories.map((c) => (
          <option key={c} value={c} />
        ))}
      </datalist>
      <div className="row">
        <Field label="Vendor" error={e.vendor}>
          {(p) => <input {...p} {...form.register('vendor')} />}
        </Field>
        <Field label="Description" error={e.description}>
          {(p) => <input {...p} {...form.register('description')} />}
        </Field>
        <Field label="For client" error={e.client_id}>
          {(p) => (
            <select {...p} {...form.register('client_id')}>
              <option value="">None</option>
              {clients.data?.items
                .filter((c) => c.status === 'active' || c.id === expense?.client_id)
                .map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
            </select>
          )}
        </Field>
      </div>
      <label className="check">
        <input type="checkbox" {...form.register('billable')} /> Billable to the client
      </label>
      <ErrorNote error={save.error} title={expense ? 'The expense was not saved' : 'The expense was not recorded'} />
      <div className="actions">
        <button type="submit" disabled={save.isPending}>
          {expense ? 'Save expense' : 'Record expense'}
        </button>
        <button type="button" className="secondary" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function ExpenseRow({ x, showMember, onEdit }: { x: Expense; showMember: boolean; onEdit: () => void }) {
  const business = useBusiness();
  const members = useMembers();
  const clients = useClients();
  const markPaid = useOpMutation('mark_expense_paid');
  const del = useOpMutation('delete_expense');
  // A member edits only their own expenses (the matrix's `own`); the server checks again.
  const mayEdit = can(business.role, 'update_expense') && (!ownOnly(business.role, 'update_expense') || x.member_id === business.userId);
  const mayDelete = can(business.role, 'delete_expense') && (x.status === 'unpaid' || ruleAllows(business.role, 'delete_expense', 'delete_paid'));
  return (
    <tr>
      <Cell col={cols.date}>{formatDate(x.date)}</Cell>
      <Cell col={cols.expense}>
        {x.vendor ?? x.category}
        <div className="small muted">
          {x.category}
          {x.description ? ` · ${x.description}` : ''}
          {x.client_id ? ` · ${nameOf(clients.data?.items, x.client_id)}` : ''}
          {x.billable ? ' · billable' : ''}
          {showMember ? ` · ${nameOf(members.data?.members, x.member_id)}` : ''}
        </div>
        <ErrorNote error={markPaid.error ?? del.error} />
      </Cell>
      <Cell col={cols.amount}>{formatMoney(x.amount, x.currency)}</Cell>
      <Cell col={cols.status}>
        <StatusBadge status={x.status} />
        {x.paid_on ? <div className="small muted">{formatDate(x.paid_on)}</div> : null}
      </Cell>
      <Cell col={cols.actions}>
        {mayEdit ? (
          <button type="button" className="link" onClick={onEdit}>
            Edit<span className="visually-hidden"> {x.vendor ?? x.category}</span>
          </button>
        ) : null}
        {x.status === 'unpaid' && can(business.role, 'mark_expense_paid') ? (
          <button type="button" className="link" onClick={() => markPaid.mutate({ expense_id: x.id })}>
            Mark paid<span className="visually-hidden"> {x.vendor ?? x.category}</span>
          </button>
        ) : null}
        {mayDelete ? (
          <button type="button" className="link danger" onClick={() => window.confirm('Delete this expense?') && del.mutate({ expense_id: x.id })}>
            Delete<span className="visually-hidden"> {x.vendor ?? x.category}</span>
          </button>
        ) : null}
      </Cell>
    </tr>
  );
}

export function Component() {
  const business = useBusiness();
  usePageTitle('Expenses');
  const today = todayIn(business.timeZone);
  const [from, setFrom] = useState(monthStart(today));
  const [to, setTo] = useState(today);
  const [status, setStatus] = useState<'all' | 'unpaid' | 'paid'>('all');
  const [category, setCategory] = useState('');
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<Expense | null>(null);
  const list = useOpPages('list_expenses', { status, ...(from ? { from } : {}), ...(to ? { to } : {}), ...(category ? { category } : {}) });
  const categories = list.firstPage?.categories ?? business.settings.expense_categories;
  return (
    <>
      <div className="page-head">
        <h1>Expenses</h1>
        {!adding ? (
          <button type="button" onClick={() => setAdding(true)}>
            Record expense
          </button>
        ) : null}
      </div>
      {adding ? (
        <section className="card" aria-labelledby="new-expense">
          <h2 id="new-expense">Record an expense</h2>
          <ExpenseForm categories={categories} onDone={() => setAdding(false)} />
        </section>
      ) : null}
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          From
          <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        </label>
        <label>
          To
          <input type="date" value={to} onChange={(e) => setTo(e.target.value)} />
        </label>
        <label>
          Status
          <select value={status} onChange={(e) => setStatus(e.target.value as typeof status)}>
            <option value="all">All</option>
            <option value="unpaid">Unpaid</option>
            <option value="paid">Paid</option>
          </select>
        </label>
        <label>
          Category
          <select value={category} onChange={(e) => setCategory(e.target.value)}>
            <option value="">All</option>
            {categories.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </label>
      </form>
      {list.firstPage && list.firstPage.totals.length > 0 ? (
        <dl className="figures" aria-label="Totals">
          {list.firstPage.totals.map((t) => (
            <div key={t.currency}>
              <dt>
            {t.count} expense{t.count === 1 ? '' : 's'}
          </dt>
              <dd>
                {formatMoney(t.amount, t.currency)} <span className="muted">({formatMoney(t.unpaid_amount, t.currency)} unpaid)</span>
              </dd>
            </div>
          ))}
        </dl>
      ) : null}
      <PagedList list={list} what="expenses" empty={{ title: 'No expenses in this period.', hint: 'Record receipts with “Record expense”; an owner or admin marks them paid.' }}>
        {(items) => (
          <Table cols={Object.values(cols)}>
            {items.map((x) => (
              <ExpenseRow key={x.id} x={x} showMember={!ownOnly(business.role, 'list_expenses')} onEdit={() => setEditing(x)} />
            ))}
          </Table>
        )}
      </PagedList>
      <Dialog open={!!editing} title="Edit expense" onClose={() => setEditing(null)}>
        {editing ? <ExpenseForm key={editing.id} expense={editing} categories={categories} onDone={() => setEditing(null)} /> : null}
      </Dialog>
    </>
  );
}
