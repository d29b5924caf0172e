import { Font } from '@react-pdf/renderer';
import { fontFiles, fontPath } from './font-files.js';

export const fontFamily = 'Inter';

let registered = false;

/** Registers the embedded font with react-pdf once per process. */
export function registerFonts(): void {
  if (registered) return;
  Font.register({
    family: fontFamily,
    fonts: [
      { src: fontPath(fontFiles.regular), fontWeight: 400 },
      { src: fontPath(fontFiles.semibold), fontWeight: 600 },
    ],
  });
  // Names and descriptions read badly hyphenated by an English dictionary, so words stay whole;
  // only a word too long for any column (a URL, a reference) may break, every 18 characters.
  Font.registerHyphenationCallback((word) => (word.length > 24 ? (word.match(/.{1,18}/gu) ?? [word]) : [word]));
  registered = true;
}
