import type { Found, Wanted } from '../db/time-lookup.js';
import { invalidInput, notFound } from './errors.js';

/** The client and project an expense is on; "" for none, as stored. */
export interface ExpenseLinks {
  clientId: string;
  projectId: string;
}

/** client_id and project_id as create_expense and update_expense take them (null clears, in an update). */
export interface LinksInput {
  client_id?: string | null;
  project_id?: string | null;
}

/**
 * What the write must read to check the links: every client or project the input names, read in
 * the same BatchGet as the expense itself. A kept project needs no read: its client is already
 * the expense's client, and a project's client never changes.
 */
export function linksToRead(input: LinksInput): Pick<Wanted, 'client' | 'project'> {
  return { client: input.client_id ?? undefined, project: input.project_id ?? undefined };
}

const badClient = (message: string) => invalidInput(`Invalid input: client_id: ${message}`, { fields: [{ field: 'client_id', message }] });

/**
 * The client and project the expense gets. A project implies its client: project_id sets both,
 * a client_id beside a project (given or kept) must be that project's client, and clearing
 * project_id keeps the client. A named client or project that is not in this business is
 * not_found, worded like any unknown id, before anything else is said about it.
 */
export function resolveLinks(current: ExpenseLinks | null, input: LinksInput, found: Pick<Found, 'client' | 'project'>): ExpenseLinks {
  if (input.project_id && !found.project) throw notFound('project', input.project_id);
  if (input.client_id && !found.client) throw notFound('client', input.client_id);
  const clientGiven = input.client_id !== undefined;
  const givenClient = input.client_id ?? '';
  if (input.project_id) {
    const project = found.project!;
    if (clientGiven && givenClient !== project.clientId) {
      throw badClient(`project ${project.projectId} belongs to client ${project.clientId}, not ${givenClient || 'none'}; give that client_id or omit it (a project implies its client)`);
    }
    return { clientId: project.clientId, projectId: project.projectId };
  }
  const keptProject = input.project_id === undefined ? (current?.projectId ?? '') : '';
  if (keptProject) {
    if (clientGiven && givenClient !== current!.clientId) {
      throw badClient(`the expense is on project ${keptProject} of client ${current!.clientId}; change or clear project_id as well to move it to another client`);
    }
    return { clientId: current!.clientId, projectId: keptProject };
  }
  return { clientId: clientGiven ? givenClient : (current?.clientId ?? ''), projectId: '' };
}
