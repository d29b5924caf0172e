import { StyleSheet } from '@react-pdf/renderer';
import { fontFamily } from './fonts.js';

/** Quiet greys and one dark ink: an invoice is read, printed and filed, not admired. */
export const colors = {
  ink: '#111827',
  text: '#1f2937',
  muted: '#6b7280',
  rule: '#d1d5db',
  band: '#f3f4f6',
  draft: '#b91c1c',
  paid: '#15803d',
} as const;

/** Column widths of the lines table, in points (the description takes the rest). */
export const columns = { quantity: 66, unitPrice: 84, tax: 46, amount: 96 } as const;

export const styles = StyleSheet.create({
  // No lineHeight anywhere: react-pdf 4 drops texts drawn per page (page numbers) under an inherited
  // one, and Inter's own line spacing (1.21 em) reads well at these sizes.
  page: { fontFamily, fontSize: 9, color: colors.text, paddingTop: 48, paddingBottom: 60, paddingHorizontal: 48 },
  running: { position: 'absolute', top: 22, left: 48, right: 48, fontSize: 8, color: colors.muted },
  footer: { position: 'absolute', bottom: 26, left: 48, right: 48, flexDirection: 'row', justifyContent: 'space-between', fontSize: 8, color: colors.muted, borderTopWidth: 0.5, borderTopColor: colors.rule, paddingTop: 6 },
  watermark: { position: 'absolute', top: 330, left: 0, right: 0, textAlign: 'center', fontSize: 110, lineHeight: 1, fontWeight: 600, color: colors.draft, opacity: 0.08, transform: 'rotate(-30deg)' },

  top: { flexDirection: 'row', justifyContent: 'space-between', marginBottom: 24 },
  sellerName: { fontSize: 15, fontWeight: 600, color: colors.ink, marginBottom: 4 },
  title: { fontSize: 22, fontWeight: 600, color: colors.ink, textAlign: 'right' },
  number: { fontSize: 11, textAlign: 'right', marginTop: 2 },
  draftMark: { fontSize: 10, fontWeight: 600, color: colors.draft, textAlign: 'right', marginTop: 4, borderWidth: 1, borderColor: colors.draft, paddingVertical: 2, paddingHorizontal: 6, alignSelf: 'flex-end' },
  paidMark: { fontSize: 10, fontWeight: 600, color: colors.paid, textAlign: 'right', marginTop: 4, borderWidth: 1, borderColor: colors.paid, paddingVertical: 2, paddingHorizontal: 6, alignSelf: 'flex-end' },
  muted: { color: colors.muted },

  parties: { flexDirection: 'row', justifyContent: 'space-between', borderTopWidth: 1, borderTopColor: colors.ink, paddingTop: 12, marginBottom: 22 },
  billTo: { width: '55%' },
  label: { fontSize: 7.5, fontWeight: 600, color: colors.muted, marginBottom: 3 },
  clientName: { fontSize: 11, fontWeight: 600, color: colors.ink, marginBottom: 2 },
  facts: { width: '40%' },
  fact: { flexDirection: 'row', justifyContent: 'space-between', marginBottom: 2 },
  factLabel: { color: colors.muted },
  factValue: { textAlign: 'right', fontWeight: 600 },

  tableHead: { flexDirection: 'row', backgroundColor: colors.band, borderBottomWidth: 1, borderBottomColor: colors.ink, paddingVertical: 5, paddingHorizontal: 4, fontSize: 7.5, fontWeight: 600, color: colors.muted },
  row: { flexDirection: 'row', borderBottomWidth: 0.5, borderBottomColor: colors.rule, paddingVertical: 5, paddingHorizontal: 4 },
  description: { flex: 1, paddingRight: 8 },
  quantity: { width: columns.quantity, textAlign: 'right' },
  unitPrice: { width: columns.unitPrice, textAlign: 'right' },
  tax: { width: columns.tax, textAlign: 'right' },
  amount: { width: columns.amount, textAlign: 'right' },
  empty: { paddingVertical: 10, paddingHorizontal: 4, color: colors.muted },

  totals: { marginTop: 12, marginLeft: 'auto', width: 260 },
  totalRow: { flexDirection: 'row', justifyContent: 'space-between', paddingVertical: 2 },
  grandTotal: { flexDirection: 'row', justifyContent: 'space-between', borderTopWidth: 1, borderTopColor: colors.ink, marginTop: 4, paddingTop: 5, fontSize: 11, fontWeight: 600, color: colors.ink },
  balance: { flexDirection: 'row', justifyContent: 'space-between', backgroundColor: colors.band, marginTop: 6, paddingVertical: 6, paddingHorizontal: 6, fontSize: 11, fontWeight: 600, color: colors.ink },

  section: { marginTop: 22 },
  paragraph: { marginBottom: 2 },
});
