import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/**
 * The text of each page of a PDF, as a reader's copy and paste would give it, extracted with
 * PDF.js (pure JavaScript, no system tools). No-break spaces (Intl puts one after `BHD`) become
 * plain spaces, so tests can look for `BHD 1.234`, and text is NFC (PDF.js may give Vietnamese
 * letters decomposed).
 */
export async function pdfPages(bytes: Uint8Array): Promise<string[]> {
  // PDF.js takes ownership of the buffer it is given: hand it a copy.
  const doc = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
  try {
    const pages: string[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const content = await (await doc.getPage(n)).getTextContent();
      const text = content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join('');
      pages.push(text.normalize('NFC').replace(/\u00a0/g, ' ').replace(/[ \t]+/g, ' '));
    }
    return pages;
  } finally {
    await doc.destroy();
  }
}

/** The whole text of a PDF, pages joined. */
export async function pdfText(bytes: Uint8Array): Promise<string> {
  return (await pdfPages(bytes)).join('\n');
}
