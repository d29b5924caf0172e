/**
 * Key helpers for ElectroDB indexes. Every key keeps its exact case (ids and hashes are
 * case-sensitive; ElectroDB would lower-case them by default) and is spelled out as a template,
 * so docs/storage-schema.md can show the real key strings. Generic so ElectroDB still infers
 * each entity's key attributes.
 */
interface KeyPart<C extends string[]> {
  composite: C;
  template: string;
}

function key<const F extends string, const C extends string[]>(field: F, part: KeyPart<C>) {
  return { field, composite: part.composite, template: part.template, casing: 'none' as const };
}

/** Primary index with the given templates. */
export function primary<const P extends string[], const S extends string[]>(pk: KeyPart<P>, sk: KeyPart<S>) {
  return { pk: key('pk', pk), sk: key('sk', sk) };
}

/** A global secondary index by number (gsi1…gsi6 of the table definition). */
export function gsi<const N extends 1 | 2 | 3 | 4 | 5 | 6, const P extends string[], const S extends string[]>(n: N, pk: KeyPart<P>, sk: KeyPart<S>) {
  return { index: `gsi${n}` as `gsi${N}`, pk: key(`gsi${n}pk` as `gsi${N}pk`, pk), sk: key(`gsi${n}sk` as `gsi${N}sk`, sk) };
}

export const model = (entity: string) => ({ entity, version: '1', service: 'clerq' });
