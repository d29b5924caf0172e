import { renderToBuffer } from '@react-pdf/renderer';
import { InvoiceDocument } from './document.js';
import { registerFonts } from './fonts.js';
import type { PdfInvoice } from './model.js';

/** The invoice as PDF bytes. */
export async function renderInvoicePdf(p: PdfInvoice): Promise<Buffer> {
  registerFonts();
  // Called as a function (it uses no hooks): renderToBuffer wants the <Document> element itself.
  return renderToBuffer(InvoiceDocument(p));
}
