import { db } from '../db/service.js';
import { readInvoice } from '../db/invoices.js';
import { redirect } from '../http/response.js';
import { path } from '../http/request.js';
import { log } from '../http/log.js';
import type { HttpEvent, HttpResult } from '../http/types.js';
import { pdfTokenOf, verifyPdfToken } from './link.js';
import { refuseLink } from './link-errors.js';
import { documentName, fingerprintOf, pdfInvoiceOf } from './model.js';
import { renderInvoicePdf } from './render.js';
import { pdfKey, presignedPdfUrl, storedFingerprint, storePdf } from './storage.js';

/** The redirect must not be framed or cached either: it carries a working (if brief) S3 URL. */
const noFraming = { 'x-frame-options': 'DENY', 'content-security-policy': "frame-ancestors 'none'", 'x-content-type-options': 'nosniff' };

/**
 * `GET /api/pdf/<token>`, opened without any login: verify the link, read the invoice as it is
 * now, render it unless the PDF of this revision is already stored, and redirect to a presigned
 * S3 URL valid for a minute.
 */
export async function handlePdfLink(event: HttpEvent): Promise<HttpResult> {
  const started = performance.now();
  const token = pdfTokenOf(path(event));
  const check = token ? verifyPdfToken(token) : ({ ok: false, reason: 'invalid' } as const);
  if (!check.ok) {
    log.info('pdf link refused', { reason: check.reason, requestId: event.requestContext.requestId });
    return refuseLink(event, check.reason);
  }
  const { businessId, invoiceId } = check.claims;
  // Both in parallel: one round trip of latency. The key carries the business, so an invoice of
  // another business is simply not found.
  const [doc, business] = await Promise.all([readInvoice(businessId, invoiceId), db.entities.business.get({ businessId }).go()]);
  if (!doc || !business.data) {
    log.info('pdf link refused', { reason: 'not_found', businessId, invoiceId, requestId: event.requestContext.requestId });
    return refuseLink(event, 'not_found');
  }
  const model = pdfInvoiceOf(doc, business.data);
  const key = pdfKey(businessId, invoiceId, doc.invoice.revision);
  const fingerprint = fingerprintOf(model);
  const fileName = `${documentName(model)}.pdf`;
  const rendered = (await storedFingerprint(key)) !== fingerprint;
  if (rendered) await storePdf(key, await renderInvoicePdf(model), { fingerprint, fileName });
  const url = await presignedPdfUrl(key, fileName);
  log.info('pdf link served', { businessId, invoiceId, revision: doc.invoice.revision, rendered, ms: Math.round(performance.now() - started), requestId: event.requestContext.requestId });
  const result = redirect(url);
  return { ...result, headers: { ...result.headers, ...noFraming } };
}
