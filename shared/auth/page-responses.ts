import { html, pageSecurityHeaders } from '../http/response.js';
import type { HttpResult } from '../http/types.js';
import { messagePage } from './pages.js';

/** A page answer with the cookies collected while building it (CSRF cookie, session cookie). */
export function page(status: number, body: string, cookies: (string | undefined)[] = [], headers: Record<string, string> = {}): HttpResult {
  return html(status, body, cookies.filter((c): c is string => !!c), headers);
}

/**
 * The consent page's CSP. Browsers apply `form-action` to where a form post redirects too, so the
 * consent form must be allowed to end at the client's redirect URI: exactly its origin for
 * http(s) (IPv6 literals cannot be written as a CSP host, so those get `http:`), or its scheme
 * for a native app's private-use scheme, which the general page policy would block.
 */
export function consentSecurityHeaders(redirectUri: string): Record<string, string> {
  const url = new URL(redirectUri);
  const web = url.protocol === 'http:' || url.protocol === 'https:';
  const source = web ? (url.hostname.startsWith('[') ? url.protocol : url.origin) : url.protocol;
  const base = pageSecurityHeaders['content-security-policy'] ?? '';
  return { 'content-security-policy': base.replace(/form-action [^;]*/, `form-action 'self' ${source}`) };
}

export function problemPage(status: number, title: string, message: string): HttpResult {
  return page(status, messagePage(title, message));
}

export const expiredFormPage = () =>
  problemPage(403, 'This form has expired', 'The form was open too long, or was not sent from this Clerq page. Go back, reload the page and try again.');
