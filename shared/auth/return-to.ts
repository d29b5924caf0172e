import { config } from '../config/index.js';

/**
 * Where to go after signing in: only a path on this instance. Absolute URLs, scheme-relative
 * `//host` and backslash tricks (`/\host`, which browsers treat as `//host`) are refused, so
 * the sign-in page cannot be used as an open redirect.
 */
export function safeReturnTo(value: string | null | undefined): string | undefined {
  if (!value || value.length > 8000 || !value.startsWith('/') || value.startsWith('//') || value.includes('\\')) return undefined;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(value)) return undefined;
  const base = new URL(config().publicUrl);
  let url: URL;
  try {
    url = new URL(value, base);
  } catch {
    return undefined;
  }
  if (url.origin !== base.origin) return undefined;
  return `${url.pathname}${url.search}`;
}
