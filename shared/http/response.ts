import type { HttpResult } from './types.js';

type Headers = Record<string, string>;

/** Headers every HTML page carries: no framing, no sniffing, no referrer leaks, no caching. */
export const pageSecurityHeaders: Headers = {
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

export function json(statusCode: number, body: unknown, headers: Headers = {}): HttpResult {
  return {
    statusCode,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers },
    body: JSON.stringify(body),
  };
}

export function html(statusCode: number, body: string, cookies: string[] = [], headers: Headers = {}): HttpResult {
  return {
    statusCode,
    headers: { 'content-type': 'text/html; charset=utf-8', ...pageSecurityHeaders, ...headers },
    body,
    ...(cookies.length ? { cookies } : {}),
  };
}

export function redirect(location: string, cookies: string[] = []): HttpResult {
  return {
    statusCode: 302,
    headers: { location, 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' },
    body: '',
    ...(cookies.length ? { cookies } : {}),
  };
}

/** CORS for endpoints called by non-browser and browser OAuth/MCP clients with bearer tokens (no cookies). */
export const publicCors: Headers = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, POST, OPTIONS',
  'access-control-allow-headers': 'authorization, content-type, mcp-protocol-version, mcp-session-id, last-event-id',
  'access-control-expose-headers': 'www-authenticate, mcp-session-id, mcp-protocol-version',
  'access-control-max-age': '600',
};

export function preflight(): HttpResult {
  return { statusCode: 204, headers: { ...publicCors }, body: '' };
}

/** Escapes text for HTML element and attribute content. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"'`=]/g, (c) => `&#${c.charCodeAt(0)};`);
}
