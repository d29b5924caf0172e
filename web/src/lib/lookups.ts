import { useOp } from './hooks';
import type { Client, Project, Task } from './types';

/**
 * Names for the ids lists carry (client_id, task_id, member_id, invoice_id): the first 100 of each, which
 * covers a small business; beyond that a row shows a shortened id instead of a name.
 */
export function useClients() {
  return useOp('list_clients', { status: 'all', limit: 100 });
}
export function useProjects() {
  return useOp('list_projects', { status: 'all', limit: 100 });
}
export function useTasks(enabled = true) {
  return useOp('list_tasks', { status: 'all', limit: 100 }, { enabled });
}
/** Invoice numbers for billed time (the latest 100 invoices); only for roles that list invoices, and only when asked. */
export function useInvoices(enabled = true) {
  return useOp('list_invoices', { status: 'all', limit: 100 }, { enabled });
}
export function useMembers() {
  return useOp('list_team_members');
}

export function nameOf<T extends { id?: string; user_id?: string; name: string }>(items: T[] | undefined, id: string | null | undefined): string {
  if (!id) return '—';
  const found = items?.find((x) => (x.id ?? x.user_id) === id);
  return found ? found.name : `…${id.slice(-6)}`;
}

/**
 * What a task picker offers: "Design homepage — Website · Acme Widgets GmbH", so tasks of the same
 * name in different projects are told apart; sorted by client, then project, then task.
 */
export function taskChoices(tasks: Task[], projects: Project[] | undefined, clients: Client[] | undefined): { id: string; label: string }[] {
  const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
  return tasks
    .map((t) => ({ id: t.id, task: t.name, project: nameOf(projects, t.project_id), client: nameOf(clients, t.client_id) }))
    .sort((a, b) => collator.compare(a.client, b.client) || collator.compare(a.project, b.project) || collator.compare(a.task, b.task))
    .map((c) => ({ id: c.id, label: `${c.task} — ${c.project} · ${c.client}` }));
}
