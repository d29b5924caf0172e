import { ulid } from 'ulid';

/** Type prefixes of every id, so an id of one kind can never be taken for another. */
export const idPrefixes = {
  user: 'usr',
  business: 'biz',
  client: 'cli',
  clientNote: 'note',
  grant: 'grt',
  oauthClient: 'ocl',
  activity: 'act',
  project: 'prj',
  task: 'tsk',
  timeEntry: 'te',
  invoice: 'inv',
  invoiceLine: 'lin',
  payment: 'pay',
  expense: 'exp',
  invitation: 'invt',
} as const;

export type IdKind = keyof typeof idPrefixes;

/** Type-prefixed, time-sortable, random: `cli_01J…`. */
export function newId(kind: IdKind): string {
  return `${idPrefixes[kind]}_${ulid()}`;
}

export function hasPrefix(id: string, kind: IdKind): boolean {
  return new RegExp(`^${idPrefixes[kind]}_[0-9A-HJKMNP-TV-Z]{26}$`).test(id);
}
