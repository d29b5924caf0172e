/**
 * Redirect URI rules (OAuth 2.1 §2.3.1, RFC 8252 §7, RFC 9700 §4.1): https anywhere, http only
 * on a loopback host, or a private-use scheme of a native app; never a fragment. Matching is
 * exact string comparison, except that a loopback redirect may use any port (RFC 8252 §7.3),
 * because native apps bind an ephemeral port at the moment of the request.
 */
const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Schemes that are not a native app's and could run code or read files if a browser followed them. */
const forbiddenSchemes = new Set(['javascript', 'data', 'vbscript', 'file', 'blob', 'about', 'filesystem', 'ftp', 'ws', 'wss', 'mailto', 'tel', 'view-source', 'chrome', 'intent']);

export const redirectUriMaxLength = 2000;

function parse(uri: string): URL | null {
  try {
    return new URL(uri);
  } catch {
    return null;
  }
}

export function isLoopbackRedirect(url: URL): boolean {
  return url.protocol === 'http:' && loopbackHosts.has(url.hostname);
}

/** Why a redirect URI cannot be registered, or null when it can. */
export function redirectUriProblem(uri: string): string | null {
  if (uri.length > redirectUriMaxLength) return `is longer than ${redirectUriMaxLength} characters`;
  if (!/^[A-Za-z][A-Za-z0-9+.-]*:/.test(uri)) return 'is not an absolute URI';
  if (/[\s<>"\\^`{|}]/.test(uri)) return 'contains characters that are not allowed in a URI';
  const url = parse(uri);
  if (!url) return 'is not an absolute URI';
  if (uri.includes('#')) return 'must not contain a fragment';
  if (url.username || url.password) return 'must not contain a user name or password';
  const scheme = url.protocol.slice(0, -1).toLowerCase();
  if (scheme === 'https') return url.hostname ? null : 'has no host';
  if (scheme === 'http') return isLoopbackRedirect(url) ? null : 'uses http on a host other than localhost, 127.0.0.1 or [::1]; use https';
  if (forbiddenSchemes.has(scheme)) return `uses the scheme ${scheme}:, which is not allowed`;
  return null; // a private-use scheme (RFC 8252 §7.1), e.g. com.example.app:/callback or cursor://…
}

/** Whether the requested redirect URI is one of the registered ones (see the module comment). */
export function redirectUriMatches(registered: readonly string[], requested: string): boolean {
  if (registered.includes(requested)) return true;
  const want = parse(requested);
  if (!want || !isLoopbackRedirect(want) || requested.includes('#')) return false;
  return registered.some((r) => {
    const have = parse(r);
    return (
      !!have &&
      isLoopbackRedirect(have) &&
      have.hostname === want.hostname &&
      have.pathname === want.pathname &&
      have.search === want.search &&
      !want.username &&
      !want.password
    );
  });
}

/** What the consent page shows as the destination: the host for web and loopback redirects, the scheme for apps. */
export function redirectDestination(uri: string): { kind: 'web' | 'loopback' | 'app'; label: string } {
  const url = parse(uri);
  if (!url) return { kind: 'app', label: uri };
  if (isLoopbackRedirect(url)) return { kind: 'loopback', label: url.host };
  if (url.protocol === 'https:') return { kind: 'web', label: url.host };
  return { kind: 'app', label: `${url.protocol}${url.host ? `//${url.host}` : ''}` };
}

/** The redirect URI with the response parameters added to its query (keeping any query it had). */
export function withParams(uri: string, params: Record<string, string | undefined>): string {
  const url = new URL(uri);
  for (const [k, v] of Object.entries(params)) if (v !== undefined) url.searchParams.set(k, v);
  return url.toString();
}
