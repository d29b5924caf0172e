import { Text, View } from '@react-pdf/renderer';
import { billToAddressLines, formatDate, paymentTerms, sellerAddressLines } from './format.js';
import type { PdfInvoice } from './model.js';
import { styles } from './styles.js';

/** Who bills, and what this document is: INVOICE with its number, or a DRAFT / VOID / PAID mark. */
export function Top({ invoice, seller }: PdfInvoice) {
  return (
    <View style={styles.top}>
      <View style={{ width: '55%' }}>
        <Text style={styles.sellerName}>{seller.name}</Text>
        {sellerAddressLines(seller.address).map((line, i) => (
          <Text key={i}>{line}</Text>
        ))}
        {seller.tax_id ? <Text style={styles.muted}>Tax ID {seller.tax_id}</Text> : null}
      </View>
      <View style={{ width: '40%' }}>
        <Text style={styles.title}>INVOICE</Text>
        {invoice.number ? <Text style={styles.number}>{invoice.number}</Text> : null}
        {invoice.status === 'draft' ? <Text style={styles.draftMark}>DRAFT · NOT ISSUED</Text> : null}
        {invoice.status === 'void' ? <Text style={styles.draftMark}>VOID</Text> : null}
        {invoice.status === 'void' && invoice.void_reason ? <Text style={[styles.muted, { textAlign: 'right', marginTop: 3 }]}>{invoice.void_reason}</Text> : null}
        {invoice.status === 'paid' ? <Text style={styles.paidMark}>PAID</Text> : null}
      </View>
    </View>
  );
}

function Fact({ label, value }: { label: string; value: string | null }) {
  if (!value) return null;
  return (
    <View style={styles.fact}>
      <Text style={styles.factLabel}>{label}</Text>
      <Text style={styles.factValue}>{value}</Text>
    </View>
  );
}

/** The client block on the left, the dates and terms on the right. */
export function Parties({ invoice }: PdfInvoice) {
  const to = invoice.bill_to;
  return (
    <View style={styles.parties}>
      <View style={styles.billTo}>
        <Text style={styles.label}>BILL TO</Text>
        <Text style={styles.clientName}>{to.name}</Text>
        {billToAddressLines(to.address).map((line, i) => (
          <Text key={i}>{line}</Text>
        ))}
        {to.email ? <Text>{to.email}</Text> : null}
        {to.tax_id ? <Text style={styles.muted}>Tax ID {to.tax_id}</Text> : null}
      </View>
      <View style={styles.facts}>
        <Fact label="Issue date" value={invoice.issue_date ? formatDate(invoice.issue_date) : 'Not issued'} />
        <Fact label="Due date" value={invoice.due_date ? formatDate(invoice.due_date) : null} />
        <Fact label="Terms" value={paymentTerms(invoice)} />
        <Fact label="PO number" value={invoice.po_number} />
        <Fact label="Currency" value={invoice.currency} />
      </View>
    </View>
  );
}
