import type { InvoiceDoc, InvoiceLineRecord, InvoiceRecord } from '../../shared/db/invoices.js';
import { lineAmount, quantityToThousandths, timeAmount } from '../../shared/money/rounding.js';
import type { BusinessRecord } from '../../shared/ops/context.js';
import { hoursThousandths } from '../../shared/ops/invoice-generate-batch.js';
import { computeTotals } from '../../shared/ops/invoice-totals.js';
import { pdfInvoiceOf, type PdfInvoice } from '../../shared/pdf/model.js';

/**
 * An invoice as stored (header, lines, payments), priced with the shared rounding and totals and
 * shown through the same view and model as the PDF function: for rendering tests and the bench,
 * without a database.
 */
export interface SampleOptions {
  currency?: string;
  status?: InvoiceRecord['status'];
  /** Line count; descriptions cycle through names with accents. */
  lines?: number;
  unitAmount?: number;
  taxRateBps?: number;
  paid?: number;
  notes?: string | null;
  clientName?: string;
  number?: string;
  /** A time line first: these minutes at this hourly rate (minor units). */
  timeLine?: { minutes: number; hourlyRate: number; description: string };
}

const descriptions = [
  'Design review with Zoë Łukasiewicz',
  'Implementación del módulo de facturación',
  'Überarbeitung der Benutzeroberfläche',
  'Analyse de performance — Île-de-France',
  'Tiếng Việt localisation pass',
  'Ærøskøbing harbour signage, Ørsted & Åsa',
];

const at = '2026-03-02T09:00:00.000Z';
const businessId = 'biz_01JAAAAAAAAAAAAAAAAAAAAAAA';
const invoiceId = 'inv_01JAAAAAAAAAAAAAAAAAAAAAAA';

export const sampleBusiness: BusinessRecord = {
  businessId,
  name: 'Atelier Brontë & Søn',
  currency: 'EUR',
  timeZone: 'Europe/Paris',
  address: '12 Rue de la Paix\n75002 Paris\nFrance',
  taxId: 'FR 40 123456789',
  createdAt: at,
  createdBy: 'usr_seed',
};

function line(i: number, unitAmount: number, taxRateBps: number): InvoiceLineRecord {
  const quantityThousandths = quantityToThousandths(i % 3 === 0 ? 1.5 : i % 3 === 1 ? 2 : 0.25);
  return {
    businessId,
    invoiceId,
    lineId: `lin_${String(i).padStart(26, '0')}`,
    position: i,
    kind: 'manual',
    description: `${descriptions[i % descriptions.length]} (${i + 1})`,
    quantityThousandths,
    unitAmount,
    amount: lineAmount(quantityThousandths, unitAmount),
    taxRateBps,
    createdAt: at,
    updatedAt: at,
  };
}

/** A time line as generate_invoice_from_time writes it: quantity in hours to 3 decimals, amount from the exact minutes. */
function timeLine(t: NonNullable<SampleOptions['timeLine']>, taxRateBps: number): InvoiceLineRecord {
  return {
    businessId,
    invoiceId,
    lineId: `lin_${'T'.repeat(26)}`,
    position: -1,
    kind: 'time',
    description: t.description,
    quantityThousandths: hoursThousandths(t.minutes),
    unitAmount: t.hourlyRate,
    amount: timeAmount(t.minutes, t.hourlyRate),
    minutes: t.minutes,
    hourlyRate: t.hourlyRate,
    rateSource: 'project',
    taxRateBps,
    createdAt: at,
    updatedAt: at,
  };
}

export function sampleInvoiceDoc(o: SampleOptions = {}): InvoiceDoc {
  const status = o.status ?? 'issued';
  const issued = status !== 'draft';
  const clientName = o.clientName ?? 'Société Générale d’Électricité';
  const lines = [
    ...(o.timeLine ? [timeLine(o.timeLine, o.taxRateBps ?? 2000)] : []),
    ...Array.from({ length: o.lines ?? 3 }, (_, i) => line(i, o.unitAmount ?? 12_550, o.taxRateBps ?? 2000)),
  ];
  const totals = computeTotals(lines);
  const paid = o.paid ?? 0;
  const invoice: InvoiceRecord = {
    businessId,
    invoiceId,
    clientId: 'cli_01JAAAAAAAAAAAAAAAAAAAAAAA',
    clientName,
    status,
    ...(issued ? { number: o.number ?? 'INV-0042', sequence: 42, issueDate: '2026-03-02', dueDate: '2026-04-01', issuedAt: at } : { paymentTermsDays: 30 }),
    currency: o.currency ?? 'EUR',
    listDate: '2026-03-02',
    ...(o.notes === null ? {} : { notes: o.notes ?? 'Thank you for your business.\nBank: IBAN FR76 3000 6000 0112 3456 7890 189' }),
    poNumber: 'PO-7781',
    ...totals,
    amountPaid: paid,
    lineCount: lines.length,
    entryCount: 0,
    revision: 3,
    createdBy: 'usr_seed',
    createdAt: at,
    updatedAt: at,
    billTo: { name: clientName, email: 'comptabilité@sge.example', taxId: 'FR 12 987654321', address: { line1: '5 Avenue de l’Opéra', city: 'Lyon', postal_code: '69001', country: 'FR' } },
    ...(issued ? { seller: { name: sampleBusiness.name, address: sampleBusiness.address!, taxId: sampleBusiness.taxId! } } : {}),
  };
  const payments = paid
    ? [{ businessId, invoiceId, paymentId: 'pay_01JAAAAAAAAAAAAAAAAAAAAAAA', amount: paid, paidOn: '2026-03-10', method: 'Bank transfer', reference: 'SEPA-118', recordedBy: 'usr_seed', createdAt: at }]
    : [];
  return { invoice, lines, payments };
}

/** The document model of a sample invoice, as the PDF function builds it. */
export function samplePdfInvoice(o: SampleOptions = {}): PdfInvoice {
  return pdfInvoiceOf(sampleInvoiceDoc(o), sampleBusiness, new Date(at));
}
