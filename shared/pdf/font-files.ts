import { createRequire } from 'node:module';

/**
 * The font embedded in every invoice: Inter (SIL Open Font License), from an npm package, so
 * nothing is fetched at run time. It covers Latin with every accent used in Europe and the
 * Americas, Vietnamese, Greek and Cyrillic, and the currency signs. react-pdf embeds only the
 * glyphs a document uses, so a PDF stays small.
 *
 * Paths are package specifiers resolved with Node's resolver: from node_modules locally, and in
 * Lambda from the node_modules the CDK stack copies these files into (infra/stack.ts), so both
 * run the same code. This file imports nothing else, so the stack can read it.
 */
export const fontPackage = '@expo-google-fonts/inter';

export const fontFiles = {
  regular: `${fontPackage}/400Regular/Inter_400Regular.ttf`,
  semibold: `${fontPackage}/600SemiBold/Inter_600SemiBold.ttf`,
} as const;

const require = createRequire(import.meta.url);

/** The absolute path of a font file. */
export function fontPath(file: (typeof fontFiles)[keyof typeof fontFiles]): string {
  return require.resolve(file);
}
