import { describe, expect, it } from '@jest/globals';
import { formatMoney } from '../../shared/money/currency.js';
import { fingerprintOf } from '../../shared/pdf/model.js';
import { renderInvoicePdf } from '../../shared/pdf/render.js';
import { sampleBusiness, sampleInvoiceDoc, samplePdfInvoice } from '../support/pdf-sample.js';
import { pdfPages, pdfText } from '../support/pdf-text.js';
import { pdfInvoiceOf } from '../../shared/pdf/model.js';

/** The invoice document itself, rendered in process and read back with a PDF text extractor. */
describe('invoice document', () => {
  it('asks for payment while something is owed: not once paid, and a void invoice says nothing is due', async () => {
    const text = async (o: Parameters<typeof samplePdfInvoice>[0]) => (await pdfText(await renderInvoicePdf(samplePdfInvoice(o)))).replace(/\s+/g, ' ');
    const issued = await text({});
    expect(issued).toContain('Net 30 days. Please pay by 1 Apr 2026.');
    const paid = await text({ status: 'paid', paid: samplePdfInvoice().invoice.totals.total_amount });
    expect(paid).toContain('PAID');
    expect(paid).not.toContain('Please pay by');
    const voided = await text({ status: 'void' });
    expect(voided).toContain('VOID');
    expect(voided).toContain('This invoice is void: nothing is due.');
    expect(voided).not.toContain('Please pay by');
    expect(voided).not.toContain('Balance due');
  });

  it('shows a time line as its exact time at an hourly price, so its arithmetic adds up', async () => {
    // 136 min at €95.50/h is €216.47 (from the minutes); 2.267 h × €95.50 would be €216.50.
    const p = samplePdfInvoice({ lines: 1, timeLine: { minutes: 136, hourlyRate: 9550, description: 'Website redesign' } });
    const text = (await pdfText(await renderInvoicePdf(p))).replace(/\s+/g, ' ');
    expect(text).toContain('Website redesign 2 h 16 min €95.50/h 20% €216.47');
    expect(text).not.toContain('2.267');
  });

  it('shows who bills whom, the number, dates, lines, tax per rate, payments and balance, with accents intact', async () => {
    const p = samplePdfInvoice({ currency: 'EUR', paid: 10_000 });
    const text = await pdfText(await renderInvoicePdf(p));
    const t = p.invoice.totals;
    for (const expected of [
      'Atelier Brontë & Søn',
      'Tax ID FR 40 123456789',
      'Société Générale d’Électricité',
      '5 Avenue de l’Opéra',
      'Lyon, 69001',
      'France',
      'comptabilité@sge.example',
      'INV-0042',
      '2 Mar 2026',
      '1 Apr 2026',
      'Net 30 days',
      'PO-7781',
      'Design review with Zoë Łukasiewicz (1)',
      'Überarbeitung der Benutzeroberfläche (3)',
      '€125.50',
      '20%',
      `Tax 20% on ${t.subtotal_formatted}`,
      t.total_formatted,
      `−${formatMoney(10_000, 'EUR')}`,
      'Balance due',
      t.balance_formatted,
      'Thank you for your business.',
      'Page 1 of 1',
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain('DRAFT');
  });

  it('marks a draft as DRAFT, with no number, on every page', async () => {
    const pages = await pdfPages(await renderInvoicePdf(samplePdfInvoice({ status: 'draft', lines: 60 })));
    expect(pages.length).toBeGreaterThan(1);
    for (const page of pages) expect(page).toContain('DRAFT');
    expect(pages[0]).toContain('Not issued');
    expect(pages.join('\n')).not.toContain('INV-');
  });

  it('flows a 200-line invoice over several pages, with the table header and page numbers on each', async () => {
    const p = samplePdfInvoice({ lines: 200 });
    const pages = await pdfPages(await renderInvoicePdf(p));
    expect(pages.length).toBeGreaterThanOrEqual(4);
    pages.forEach((page, i) => {
      expect(page).toContain(`Page ${i + 1} of ${pages.length}`);
      if (!p.invoice.lines.some((l) => page.replace(/\s+/g, ' ').includes(l.description))) return; // the totals may end on a page of their own
      expect(page).toContain('DESCRIPTION');
      expect(page).toContain('UNIT PRICE');
    });
    for (const page of pages.slice(1)) expect(page).toContain('INV-0042');
    // Every line appears, in order (a long description wraps, so whitespace is made uniform).
    const all = pages.join('\n').replace(/\s+/g, ' ');
    const order = p.invoice.lines.map((l) => all.indexOf(`${l.description}`));
    expect(order.every((at) => at >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(pages[pages.length - 1]).toContain(p.invoice.totals.total_formatted);
  });

  it('shows JPY without decimals and BHD with three', async () => {
    const jpy = samplePdfInvoice({ currency: 'JPY', unitAmount: 15_000, taxRateBps: 1000 });
    const jpyText = await pdfText(await renderInvoicePdf(jpy));
    expect(jpyText).toContain('¥15,000');
    expect(jpyText).toContain(jpy.invoice.totals.total_formatted);
    expect(jpy.invoice.totals.total_formatted).toMatch(/^¥[\d,]+$/);
    expect(jpyText).not.toMatch(/¥[\d,]+\.\d/);

    const bhd = samplePdfInvoice({ currency: 'BHD', unitAmount: 12_345, paid: 5_000 });
    const bhdText = await pdfText(await renderInvoicePdf(bhd));
    expect(bhdText).toContain('BHD 12.345');
    expect(bhdText).toContain('BHD 5.000');
    expect(bhd.invoice.totals.total_formatted.replace(/\u00a0/g, ' ')).toMatch(/^BHD [\d,]+\.\d{3}$/);
    expect(bhdText).toContain(bhd.invoice.totals.total_formatted.replace(/\u00a0/g, ' '));
  });

  it('fingerprints what the document shows: unchanged invoice, same print; a draft follows the business name', () => {
    const doc = sampleInvoiceDoc({ status: 'draft' });
    const a = pdfInvoiceOf(doc, sampleBusiness);
    expect(fingerprintOf(pdfInvoiceOf(doc, sampleBusiness, new Date('2030-01-01T00:00:00Z')))).toBe(fingerprintOf(a));
    const renamed = pdfInvoiceOf(doc, { ...sampleBusiness, name: 'Atelier Brontë & Søn SARL' });
    expect(renamed.seller.name).toBe('Atelier Brontë & Søn SARL');
    expect(fingerprintOf(renamed)).not.toBe(fingerprintOf(a));
    // An issued invoice keeps the seller it was issued with.
    const issued = sampleInvoiceDoc();
    expect(pdfInvoiceOf(issued, { ...sampleBusiness, name: 'Renamed' }).seller.name).toBe('Atelier Brontë & Søn');
  });
});
