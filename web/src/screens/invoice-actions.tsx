import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { Link, useNavigate } from 'react-router';
import { Field } from '../forms/field';
import { moneyValue, opResolver, present, type OpInput } from '../forms/op-schema';
import { callOp } from '../lib/api';
import { can } from '../lib/contract';
import { formatDate, formatMoney, moneyInput, todayIn } from '../lib/format';
import { useBusiness, useOpMutation } from '../lib/hooks';
import type { Invoice } from '../lib/types';
import { Dialog } from '../ui/dialog';
import { ErrorNote } from '../ui/feedback';

/** Issue with a confirmation that shows the number it will get and the total it will carry. */
export function IssueButton({ invoice }: { invoice: Invoice }) {
  const business = useBusiness();
  const [open, setOpen] = useState(false);
  const [number, setNumber] = useState<string | null>(null);
  // What the invoice will say about the business itself, read with the number.
  const [missing, setMissing] = useState<string[]>([]);
  const [numberError, setNumberError] = useState<unknown>(null);
  const issue = useOpMutation('issue_invoice', { onSuccess: () => setOpen(false) });
  const begin = () => {
    setOpen(true);
    setNumber(null);
    setNumberError(null);
    issue.reset();
    // The server's counter, read when the confirmation opens; someone issuing first still takes it.
    setMissing([]);
    callOp(business.id, 'get_business_settings').then((r) => {
      setNumber(r.next_invoice_number);
      setMissing([r.business.address?.trim() ? '' : 'address', r.business.tax_id?.trim() ? '' : 'tax id'].filter(Boolean));
    }, setNumberError);
  };
  return (
    <>
      <button type="button" onClick={begin} disabled={invoice.line_count === 0} title={invoice.line_count === 0 ? 'Add a line first' : undefined}>
        Issue invoice
      </button>
      <Dialog open={open} title="Issue this invoice?" onClose={() => setOpen(false)}>
        <p>
          It will be numbered <strong data-testid="issue-number">{number ?? (numberError ? 'the next number' : '…')}</strong> and total <strong data-testid="issue-total">{formatMoney(invoice.totals.total_amount, invoice.currency)}</strong> for {invoice.client_name}, dated {formatDate(todayIn(business.timeZone))}.
        </p>
        {missing.length > 0 ? (
          <p className="notice warn" data-testid="issue-missing">
            Your business has no {missing.join(' and no ')} in its settings, so this invoice will go out without {missing.length > 1 ? 'them' : 'it'}.{' '}
            {can(business.role, 'update_business_settings') ? (
              <>
                <Link to={`/b/${business.id}/settings`}>Add {missing.length > 1 ? 'them' : 'it'} in Settings</Link> first, or issue it as it is.
              </>
            ) : (
              `An owner or admin can add ${missing.length > 1 ? 'them' : 'it'} in Settings.`
            )}
          </p>
        ) : null}
        <p className="muted">A number is permanent: an issued invoice can be voided but never deleted or renumbered. If someone else issues an invoice first, this one gets the number after theirs.</p>
        <ErrorNote error={numberError} title="The next number could not be worked out" />
        <ErrorNote error={issue.error} title="The invoice was not issued" />
        <div className="actions">
          <button type="button" onClick={() => issue.mutate({ invoice_id: invoice.id, expected_total_amount: invoice.totals.total_amount })} disabled={issue.isPending}>
            {issue.isPending ? 'Issuing…' : 'Issue'}
          </button>
          <button type="button" className="secondary" onClick={() => setOpen(false)}>
            Cancel
          </button>
        </div>
      </Dialog>
    </>
  );
}

interface PaymentValues {
  amount: string;
  paid_on: string;
  method: string;
  reference: string;
}

export function PaymentForm({ invoice }: { invoice: Invoice }) {
  const business = useBusiness();
  const blank = (balance: number): PaymentValues => ({ amount: moneyInput(balance, invoice.currency), paid_on: todayIn(business.timeZone), method: '', reference: '' });
  // After a payment the form offers what is left: the new balance, today, no method or reference.
  const pay = useOpMutation('mark_invoice_paid', { onSuccess: (r) => form.reset(blank(r.invoice.totals.balance_amount)) });
  const toInput = (v: PaymentValues): OpInput => present({ invoice_id: invoice.id, amount: moneyValue(v.amount, invoice.currency), paid_on: v.paid_on, method: v.method.trim(), reference: v.reference.trim() });
  const form = useForm<PaymentValues, unknown, OpInput>({
    defaultValues: blank(invoice.totals.balance_amount),
    resolver: opResolver('mark_invoice_paid', toInput),
  });
  const e = form.formState.errors;
  return (
    <form onSubmit={form.handleSubmit((i) => pay.mutate(i))} noValidate className="form">
      <h3>Record a payment</h3>
      <div className="row">
        <Field label="Amount" error={e.amount} hint={`Balance ${formatMoney(invoice.totals.balance_amount, invoice.currency)}`}>
          {(p) => <input {...p} {...form.register('amount')} inputMode="decimal" className="short" />}
        </Field>
        <Field label="Paid on" error={e.paid_on}>
          {(p) => <input {...p} {...form.register('paid_on')} type="date" />}
        </Field>
        <Field label="Method" error={e.method} hint="Bank transfer, card…">
          {(p) => <input {...p} {...form.register('method')} />}
        </Field>
        <Field label="Reference" error={e.reference}>
          {(p) => <input {...p} {...form.register('reference')} />}
        </Field>
      </div>
      <ErrorNote error={pay.error} title="The payment was not recorded" />
      <div className="actions">
        <button type="submit" disabled={pay.isPending}>
          Record payment
        </button>
      </div>
    </form>
  );
}

export function VoidButton({ invoice }: { invoice: Invoice }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const voidIt = useOpMutation('void_invoice', { onSuccess: () => setOpen(false) });
  return (
    <>
      <button type="button" className="secondary danger" onClick={() => setOpen(true)}>
        Void
      </button>
      <Dialog open={open} title={`Void ${invoice.number ?? 'this invoice'}?`} onClose={() => setOpen(false)}>
        <form
          className="form"
          onSubmit={(e) => {
            e.preventDefault();
            voidIt.mutate({ invoice_id: invoice.id, reason: reason.trim() });
          }}
        >
          <p>The invoice keeps its number and is marked void; its time becomes unbilled again.</p>
          <label htmlFor="void-reason">Reason</label>
          <input id="void-reason" value={reason} onChange={(e) => setReason(e.target.value)} required maxLength={500} />
          <ErrorNote error={voidIt.error} title="The invoice was not voided" />
          <div className="actions">
            <button type="submit" className="danger" disabled={!reason.trim() || voidIt.isPending}>
              Void invoice
            </button>
            <button type="button" className="secondary" onClick={() => setOpen(false)}>
              Cancel
            </button>
          </div>
        </form>
      </Dialog>
    </>
  );
}

export function DeleteDraftButton({ invoice }: { invoice: Invoice }) {
  const navigate = useNavigate();
  const del = useOpMutation('delete_draft_invoice', { onSuccess: () => navigate('..', { relative: 'path' }) });
  return (
    <>
      <button type="button" className="secondary danger" onClick={() => window.confirm('Delete this draft? Its time becomes unbilled again.') && del.mutate({ invoice_id: invoice.id })} disabled={del.isPending}>
        Delete draft
      </button>
      <ErrorNote error={del.error} title="The draft was not deleted" />
    </>
  );
}

/**
 * Opens the PDF through a signed link valid 15 minutes. The tab is opened on the click itself
 * (a tab opened after the request returns would be blocked as a pop-up) and pointed at the link.
 */
export function PdfButton({ invoice }: { invoice: Invoice }) {
  const business = useBusiness();
  const [link, setLink] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const open = () => {
    setError(null);
    const tab = window.open('', '_blank');
    callOp(business.id, 'get_invoice_pdf_link', { invoice_id: invoice.id }).then(
      (r) => {
        setLink(r.url);
        if (tab) {
          tab.opener = null;
          tab.location.href = r.url;
        }
      },
      (e: unknown) => {
        tab?.close();
        setError(e);
      },
    );
  };
  return (
    <>
      <button type="button" className="secondary" onClick={open}>
        Open PDF
      </button>
      {link ? (
        <span className="small">
          {' '}
          <a href={link} target="_blank" rel="noreferrer" data-testid="pdf-link">
            PDF link
          </a>{' '}
          <span className="muted">(valid 15 minutes)</span>
        </span>
      ) : null}
      <ErrorNote error={error} title="The PDF could not be opened" />
    </>
  );
}
