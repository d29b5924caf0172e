import { config } from '../config/index.js';

/**
 * Cookies are Secure everywhere except a local instance served over plain http on a loopback
 * host, where a browser would drop a Secure cookie set by an http:// page.
 */
export function cookiesSecure(): boolean {
  const url = new URL(config().publicUrl);
  const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  return !(url.protocol === 'http:' && loopback);
}

/** A Set-Cookie value: HttpOnly and SameSite=Lax always (Lax, so the top-level navigation from an MCP client to /oauth/authorize still carries the session). */
export function setCookie(name: string, value: string, options: { maxAgeSeconds: number; path: string }): string {
  const parts = [`${name}=${value}`, `Path=${options.path}`, `Max-Age=${options.maxAgeSeconds}`, 'HttpOnly', 'SameSite=Lax'];
  if (cookiesSecure()) parts.push('Secure');
  return parts.join('; ');
}

export function clearCookie(name: string, path: string): string {
  return setCookie(name, '', { maxAgeSeconds: 0, path });
}
