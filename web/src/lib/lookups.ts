import { useOp } from './hooks';

/**
 * Names for the ids lists carry (client_id, task_id, member_id): the first 100 of each, which
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
export function useMembers() {
  return useOp('list_team_members');
}

export function nameOf<T extends { id?: string; user_id?: string; name: string }>(items: T[] | undefined, id: string | null | undefined): string {
  if (!id) return '—';
  const found = items?.find((x) => (x.id ?? x.user_id) === id);
  return found ? found.name : `…${id.slice(-6)}`;
}
