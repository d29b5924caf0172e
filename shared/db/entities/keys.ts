/**
 * Key helpers for ElectroDB indexes. Every key keeps its exact case (ids and hashes are
 * case-sensitive; ElectroDB would lower-case them by default) and is spelled out as a template,
 * so docs/storage-schema.md can show the real key strings.
 */
type KeyPart = { composite: string[]; template: string };

export function key(field: string, part: KeyPart) {
  return { field, composite: part.composite, template: part.template, casing: 'none' as const };
}

/** Primary index with the given templates. */
export function primary(pk: KeyPart, sk: KeyPart) {
  return { pk: key('pk', pk), sk: key('sk', sk) };
}

/** A global secondary index by number (gsi1, gsi2, gsi3 of the table definition). */
export function gsi(n: 1 | 2 | 3, pk: KeyPart, sk: KeyPart) {
  return { index: `gsi${n}`, pk: key(`gsi${n}pk`, pk), sk: key(`gsi${n}sk`, sk) };
}

export const model = (entity: string) => ({ entity, version: '1', service: 'clerq' });
