import { Text, View } from '@react-pdf/renderer';
import { formatDate, formatTaxRate, paymentTerms } from './format.js';
import type { ShownInvoice } from './model.js';
import { styles } from './styles.js';

function Row({ label, value, style = styles.totalRow }: { label: string; value: string; style?: (typeof styles)[keyof typeof styles] }) {
  return (
    <View style={style}>
      <Text>{label}</Text>
      <Text>{value}</Text>
    </View>
  );
}

/** Subtotal, tax per rate, total, each payment, and the balance due: kept together on one page. */
export function Totals({ invoice }: { invoice: ShownInvoice }) {
  const t = invoice.totals;
  const taxed = invoice.tax_groups.filter((g) => g.rate_bps > 0);
  return (
    <View style={styles.totals} wrap={false}>
      <Row label="Subtotal" value={t.subtotal_formatted} />
      {taxed.length ? (
        taxed.map((g) => <Row key={g.rate_bps} label={`Tax ${formatTaxRate(g.rate_bps)} on ${g.net_formatted}`} value={g.tax_formatted} />)
      ) : (
        <Row label="Tax" value={t.tax_formatted} />
      )}
      <Row label="Total" value={t.total_formatted} style={styles.grandTotal} />
      {invoice.payments.map((p) => (
        <Row key={p.id} label={['Paid', formatDate(p.paid_on), p.method, p.reference].filter(Boolean).join(' · ')} value={`−${p.amount_formatted}`} />
      ))}
      {invoice.status !== 'void' ? <Row label="Balance due" value={t.balance_formatted} style={styles.balance} /> : null}
    </View>
  );
}

/** What the reader is asked to pay: the terms and the due date while something is owed; nothing on a void invoice. */
function paymentText(invoice: ShownInvoice): string | null {
  if (invoice.status === 'void') return 'This invoice is void: nothing is due.';
  const terms = paymentTerms(invoice);
  const due = invoice.due_date && invoice.status !== 'paid' ? `Please pay by ${formatDate(invoice.due_date)}.` : null;
  return terms || due ? [terms, due].filter(Boolean).join('. ') : null;
}

/** Notes as written, then the payment terms in words. */
export function Notes({ invoice }: { invoice: ShownInvoice }) {
  const payment = paymentText(invoice);
  return (
    <View>
      {invoice.notes ? (
        <View style={styles.section}>
          <Text style={styles.label} minPresenceAhead={24}>
            NOTES
          </Text>
          {invoice.notes.split(/\r?\n/).map((p, i) => (
            <Text key={i} style={styles.paragraph}>
              {p}
            </Text>
          ))}
        </View>
      ) : null}
      {payment ? (
        <View style={styles.section} wrap={false}>
          <Text style={styles.label}>PAYMENT TERMS</Text>
          <Text>{payment}</Text>
        </View>
      ) : null}
    </View>
  );
}
