/** The scopes this authorization server knows. clerq:* are for the MCP resource; offline_access asks for a refresh token. */
export const supportedScopes = ['clerq:read', 'clerq:write', 'offline_access'] as const;
export type SupportedScope = (typeof supportedScopes)[number];

/** The scopes of the MCP resource itself (RFC 9728 scopes_supported). */
export const resourceScopes = ['clerq:read', 'clerq:write'] as const;

/** Asked for when an authorization request names no scope. */
export const defaultScope = 'clerq:read clerq:write';

export function parseScope(scope: string): string[] {
  return [...new Set(scope.split(' ').filter(Boolean))];
}

export function isSupportedScope(s: string): s is SupportedScope {
  return (supportedScopes as readonly string[]).includes(s);
}

/** A scope string in a stable order, so equal sets always print the same. */
export function formatScope(scopes: Iterable<string>): string {
  const set = new Set(scopes);
  return supportedScopes.filter((s) => set.has(s)).join(' ');
}

/**
 * What the person's consent grants: read-and-write gives clerq:read and clerq:write (writing is
 * useless without reading), read-only gives clerq:read; offline_access only when it was asked for.
 */
export function consentedScope(requested: string, access: 'write' | 'read'): string {
  const asked = new Set(parseScope(requested));
  const granted = access === 'write' && asked.has('clerq:write') ? ['clerq:read', 'clerq:write'] : ['clerq:read'];
  if (asked.has('offline_access')) granted.push('offline_access');
  return formatScope(granted);
}
