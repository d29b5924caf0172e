/**
 * The words of activity summaries: the log a business owner reads ("what happened, by whom,
 * through which assistant") names things by their names, never by ids; the record's target id
 * is what links to the thing.
 */

/** "invoice INV-0001", or "the draft for Acme" while it has no number. */
export function invoiceInWords(inv: { number?: string | null; clientName: string }): string {
  return inv.number ? `invoice ${inv.number}` : `the draft for ${inv.clientName}`;
}

/** "1 time entry", "3 time entries". */
export function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

const list = new Intl.ListFormat('en', { style: 'long', type: 'conjunction' });

/** The fields a change gave, in words: ["payment_terms_days", "notes"] → "payment terms and notes". */
export function fieldsInWords<K extends string>(fields: readonly K[], words: Record<K, string>): string {
  return list.format(fields.map((f) => words[f]));
}

const attrOf = (field: string) => field.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/**
 * What a partial update changed, in words: of the fields given besides the record's id, those whose
 * stored value differs between the record before and after (`hourly_rate` is `hourlyRate` there),
 * so a form that sends every field reads as what it changed. "nothing" when it changed nothing.
 */
export function changedInWords<C extends object>(changes: C, words: Record<keyof C & string, string>, before: object, after: object): string {
  const was = before as Record<string, unknown>;
  const is = after as Record<string, unknown>;
  const changed = (Object.keys(changes) as (keyof C & string)[]).filter((field) => {
    const attr = attrOf(field);
    // A field stored under another name cannot be compared: it counts as changed.
    if (!(attr in was) && !(attr in is)) return (changes as Record<string, unknown>)[field] !== null;
    return JSON.stringify(was[attr]) !== JSON.stringify(is[attr]);
  });
  return changed.length ? fieldsInWords(changed, words) : 'nothing';
}

const roles = { owner: 'an owner', admin: 'an admin', member: 'a member' } as const;

/** "an admin", "a member". */
export function roleInWords(role: keyof typeof roles): string {
  return roles[role];
}

const taskStatuses = { todo: 'to do', in_progress: 'in progress', done: 'done' } as const;

/** "to do", "in progress", "done". */
export function taskStatusInWords(status: keyof typeof taskStatuses): string {
  return taskStatuses[status];
}
