/** The JSON door (docs/web-api.md): the session, and every operation as a POST with the CSRF header. */
import type { Outputs } from '../generated/outputs';

/** The name of an operation of the contract. */
export type OpName = keyof Outputs;

export type Role = 'owner' | 'admin' | 'member';

export interface Session {
  user: { id: string; name: string; email: string };
  businesses: { id: string; name: string; role: Role }[];
  csrf_token: string;
}

/** What the server said went wrong, with its code and message (shown as they are). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

// The CSRF token of the current session; every request after GET /session carries it.
let csrfToken = '';

async function readError(res: Response): Promise<ApiError> {
  const text = await res.text();
  try {
    const body = JSON.parse(text) as { error?: { code?: string; message?: string; details?: unknown } | string; error_description?: string };
    if (body.error && typeof body.error === 'object') return new ApiError(res.status, body.error.code ?? 'error', body.error.message ?? `Request failed (${res.status})`, body.error.details);
    if (typeof body.error === 'string') return new ApiError(res.status, body.error, body.error_description ?? body.error);
  } catch {
    // not JSON: a proxy or the network said something
  }
  return new ApiError(res.status, res.status === 401 ? 'unauthenticated' : 'error', `The server answered ${res.status} ${res.statusText || ''}`.trim());
}

/** The signed-in person, or null when signed out. */
export function fetchSession(): Promise<Session | null> {
  inFlight ??= loadSession().finally(() => (inFlight = undefined));
  return inFlight;
}
let inFlight: Promise<Session | null> | undefined;

async function loadSession(): Promise<Session | null> {
  const res = await fetch('/api/v1/session', { credentials: 'same-origin', headers: { accept: 'application/json' } });
  if (res.status === 401) {
    csrfToken = '';
    return null;
  }
  if (!res.ok) throw await readError(res);
  const session = (await res.json()) as Session;
  csrfToken = session.csrf_token;
  return session;
}

async function post<T>(path: string, body: unknown): Promise<T> {
  // A request that starts while the page is still loading waits for the session's CSRF token.
  if (!csrfToken) await fetchSession();
  let res: Response;
  try {
    res = await fetch(path, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', accept: 'application/json', 'x-clerq-csrf': csrfToken },
      body: JSON.stringify(body ?? {}),
    });
  } catch {
    throw new ApiError(0, 'network', 'Clerq could not be reached. Check your connection and try again.');
  }
  if (!res.ok) throw await readError(res);
  return ((await res.json()) as { result: T }).result;
}

/** Runs one operation of one business: the same operation, input and output as the assistant's tool. */
export function callOp<N extends OpName>(businessId: string, operation: N, input: object = {}): Promise<Outputs[N]> {
  return post<Outputs[N]>(`/api/v1/businesses/${encodeURIComponent(businessId)}/ops/${encodeURIComponent(operation)}`, input);
}

/** The person's own account (sign out, sign out everywhere, password). */
export function accountCall<T>(action: 'sign-out' | 'sign-out-everywhere' | 'password', input: object = {}): Promise<T> {
  return post<T>(`/api/v1/account/${action}`, input);
}

export function signInHref(returnTo: string): string {
  return `/oauth/sign-in?return_to=${encodeURIComponent(returnTo)}`;
}
