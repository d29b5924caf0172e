import { Entity } from 'electrodb';
import { model, primary, gsi } from './keys.js';

/**
 * An invoice. Its lines and payments share its partition, so get_invoice is one Query. Totals are
 * stored (kept in the transactions that change lines or payments) and `revision` grows with every
 * change, so a PDF is keyed by it and a plan or a review can be checked against it.
 * `listDate` orders lists: the business-local creation date of a draft, the issue date after.
 */
export const invoice = new Entity({
  model: model('invoice'),
  attributes: {
    businessId: { type: 'string', required: true },
    invoiceId: { type: 'string', required: true },
    clientId: { type: 'string', required: true },
    clientName: { type: 'string', required: true },
    status: { type: ['draft', 'issued', 'paid', 'void'] as const, required: true },
    number: { type: 'string' },
    sequence: { type: 'number' },
    currency: { type: 'string', required: true },
    listDate: { type: 'string', required: true },
    issueDate: { type: 'string' },
    dueDate: { type: 'string' },
    paymentTermsDays: { type: 'number' },
    notes: { type: 'string' },
    poNumber: { type: 'string' },
    subtotal: { type: 'number', required: true, default: 0 },
    taxTotal: { type: 'number', required: true, default: 0 },
    total: { type: 'number', required: true, default: 0 },
    amountPaid: { type: 'number', required: true, default: 0 },
    /** Tax per rate group: [{ rateBps, net, tax }], each rounded once. */
    taxGroups: {
      type: 'list',
      items: { type: 'map', properties: { rateBps: { type: 'number', required: true }, net: { type: 'number', required: true }, tax: { type: 'number', required: true } } },
    },
    lineCount: { type: 'number', required: true, default: 0 },
    entryCount: { type: 'number', required: true, default: 0 },
    revision: { type: 'number', required: true, default: 1 },
    createdBy: { type: 'string', required: true },
    createdAt: { type: 'string', required: true },
    updatedAt: { type: 'string', required: true },
    issuedAt: { type: 'string' },
    paidAt: { type: 'string' },
    voidedAt: { type: 'string' },
    voidReason: { type: 'string' },
    /**
     * Who is billed, as the invoice shows it: copied from the client at creation and again at issue,
     * then never changed, so renaming or moving a client does not rewrite an issued invoice.
     */
    billTo: {
      type: 'map',
      properties: {
        name: { type: 'string', required: true },
        email: { type: 'string' },
        taxId: { type: 'string' },
        address: {
          type: 'map',
          properties: {
            line1: { type: 'string' },
            line2: { type: 'string' },
            city: { type: 'string' },
            region: { type: 'string' },
            postal_code: { type: 'string' },
            country: { type: 'string' },
          },
        },
      },
    },
    /**
     * Lines of a void invoice whose time entries are still being released: set in the transaction
     * that voids it, cleared after the last release batch. Release runs in batches, so a failure
     * part-way leaves it set, and void_invoice called again finishes the job. (A void invoice keeps
     * its lines and totals as issued; only its entries become unbilled.)
     */
    releasePending: { type: 'list', items: { type: 'string' } },
    /** Who bills: the business's name, address and tax id, copied at issue for the same reason. */
    seller: {
      type: 'map',
      properties: { name: { type: 'string', required: true }, address: { type: 'string' }, taxId: { type: 'string' } },
    },
  },
  indexes: {
    byId: primary({ composite: ['businessId', 'invoiceId'], template: 'BIZ#${businessId}#INV#${invoiceId}' }, { composite: [], template: 'PROFILE' }),
    byStatus: gsi(
      1,
      { composite: ['businessId', 'status'], template: 'BIZ#${businessId}#INVOICES#${status}' },
      { composite: ['listDate', 'invoiceId'], template: '${listDate}#${invoiceId}' },
    ),
    byClient: gsi(
      2,
      { composite: ['businessId', 'clientId'], template: 'BIZ#${businessId}#CLI#${clientId}#INVOICES' },
      { composite: ['listDate', 'invoiceId'], template: '${listDate}#${invoiceId}' },
    ),
    byDate: gsi(4, { composite: ['businessId'], template: 'BIZ#${businessId}#INVOICES' }, { composite: ['listDate', 'invoiceId'], template: '${listDate}#${invoiceId}' }),
  },
});

/** A line of an invoice: a time line (minutes × rate, with the entries it bills) or a manual line. */
export const invoiceLine = new Entity({
  model: model('invoiceLine'),
  attributes: {
    businessId: { type: 'string', required: true },
    invoiceId: { type: 'string', required: true },
    lineId: { type: 'string', required: true },
    position: { type: 'number', required: true },
    kind: { type: ['time', 'manual'] as const, required: true },
    description: { type: 'string', required: true },
    /** Quantity in thousandths (3 decimals exact): hours for time lines, anything for manual ones. */
    quantityThousandths: { type: 'number', required: true },
    unitAmount: { type: 'number', required: true },
    amount: { type: 'number', required: true },
    taxRateBps: { type: 'number', required: true, default: 0 },
    minutes: { type: 'number' },
    hourlyRate: { type: 'number' },
    rateSource: { type: ['task', 'project', 'client', 'business'] as const },
    /** The grouping the line was generated for (task, project or entry id). */
    groupKey: { type: 'string' },
    taskId: { type: 'string' },
    projectId: { type: 'string' },
    entryIds: { type: 'list', items: { type: 'string' } },
    createdAt: { type: 'string', required: true },
    updatedAt: { type: 'string', required: true },
  },
  indexes: {
    byInvoice: primary(
      { composite: ['businessId', 'invoiceId'], template: 'BIZ#${businessId}#INV#${invoiceId}' },
      { composite: ['lineId'], template: 'LINE#${lineId}' },
    ),
  },
});

export const payment = new Entity({
  model: model('payment'),
  attributes: {
    businessId: { type: 'string', required: true },
    invoiceId: { type: 'string', required: true },
    paymentId: { type: 'string', required: true },
    amount: { type: 'number', required: true },
    paidOn: { type: 'string', required: true },
    method: { type: 'string' },
    reference: { type: 'string' },
    recordedBy: { type: 'string', required: true },
    createdAt: { type: 'string', required: true },
  },
  indexes: {
    byInvoice: primary(
      { composite: ['businessId', 'invoiceId'], template: 'BIZ#${businessId}#INV#${invoiceId}' },
      { composite: ['paymentId'], template: 'PAY#${paymentId}' },
    ),
  },
});

/** The business's last issued invoice sequence: advanced in the transaction that issues an invoice. */
export const invoiceCounter = new Entity({
  model: model('invoiceCounter'),
  attributes: {
    businessId: { type: 'string', required: true },
    lastSequence: { type: 'number', required: true },
  },
  indexes: {
    byBusiness: primary({ composite: ['businessId'], template: 'BIZ#${businessId}#INVCOUNTER' }, { composite: [], template: 'COUNTER' }),
  },
});
