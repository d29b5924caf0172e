import { Document, Page, Text, View } from '@react-pdf/renderer';
import { Parties, Top } from './header.js';
import { LinesTable } from './lines.js';
import { documentName, type PdfInvoice } from './model.js';
import { styles } from './styles.js';
import { Notes, Totals } from './totals.js';

/**
 * The invoice document. Long invoices flow over as many A4 pages as they need: the table header
 * repeats at the top of each page, pages after the first carry a running title, and every page a
 * footer with the page number. A draft or void invoice has its mark across every page.
 */
export function InvoiceDocument(p: PdfInvoice) {
  const name = documentName(p);
  const watermark = p.invoice.status === 'draft' ? 'DRAFT' : p.invoice.status === 'void' ? 'VOID' : null;
  return (
    <Document title={name} author={p.seller.name} subject={`${name} to ${p.invoice.bill_to.name}`} creator="Clerq" producer="Clerq" language="en">
      <Page size="A4" style={styles.page}>
        {watermark ? (
          <Text style={styles.watermark} fixed>
            {watermark}
          </Text>
        ) : null}
        <Text style={styles.running} fixed render={({ pageNumber }) => (pageNumber > 1 ? `${p.seller.name} · ${name} · ${p.invoice.bill_to.name} (continued)` : '')} />
        <Top {...p} />
        <Parties {...p} />
        <LinesTable lines={p.invoice.lines} />
        <Totals invoice={p.invoice} />
        <Notes invoice={p.invoice} />
        <View style={styles.footer} fixed>
          <Text>
            {p.seller.name} · {name}
          </Text>
          <Text render={({ pageNumber, totalPages }) => `Page ${pageNumber} of ${totalPages}`} />
        </View>
      </Page>
    </Document>
  );
}
