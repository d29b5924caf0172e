/**
 * HttpEvent builder for in-process handler tests. It goes through the same code as the local
 * server (infra/local/adapter.ts), so an event built here looks exactly like one the local
 * instance or API Gateway would deliver: lower-case headers, `cookies` split out, form bodies
 * base64-encoded, repeated query parameters comma-joined in `queryStringParameters` and kept
 * apart in `rawQueryString`.
 */
import { buildEvent } from '../../infra/local/adapter.js';
import type { HttpEvent, HttpResult } from '../../shared/http/types.js';

export interface EventInit {
  method?: string;
  /** Path, optionally with a query string. */
  path: string;
  /** Added to the query string; arrays repeat the key. */
  query?: Record<string, string | string[]> | URLSearchParams;
  headers?: Record<string, string>;
  /** `name=value` pairs sent as the Cookie header. */
  cookies?: string[] | Record<string, string>;
  /** Sets `authorization: Bearer <token>`. */
  bearer?: string;
  /** A JSON body (content-type application/json). */
  json?: unknown;
  /** A url-encoded form body (content-type application/x-www-form-urlencoded, so base64 in the event). */
  form?: Record<string, string> | URLSearchParams;
  /** A raw body; give the content-type in `headers`. */
  body?: string | Buffer;
  sourceIp?: string;
  host?: string;
}

function queryString(query: EventInit['query']): string {
  if (!query) return '';
  if (query instanceof URLSearchParams) return query.toString();
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) for (const v of Array.isArray(value) ? value : [value]) params.append(key, v);
  return params.toString();
}

export function httpEvent(init: EventInit): HttpEvent {
  const method = (init.method ?? (init.json !== undefined || init.form || init.body !== undefined ? 'POST' : 'GET')).toUpperCase();
  const extra = queryString(init.query);
  const url = extra ? `${init.path}${init.path.includes('?') ? '&' : '?'}${extra}` : init.path;
  const headers: Record<string, string> = { host: init.host ?? 'localhost:3000', 'user-agent': 'clerq-test' };
  let body: Buffer | undefined;
  if (init.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = Buffer.from(JSON.stringify(init.json));
  } else if (init.form) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = Buffer.from(new URLSearchParams(init.form).toString());
  } else if (init.body !== undefined) {
    body = typeof init.body === 'string' ? Buffer.from(init.body) : init.body;
  }
  if (init.bearer) headers.authorization = `Bearer ${init.bearer}`;
  if (init.cookies) {
    const pairs = Array.isArray(init.cookies) ? init.cookies : Object.entries(init.cookies).map(([k, v]) => `${k}=${v}`);
    if (pairs.length) headers.cookie = pairs.join('; ');
  }
  for (const [k, v] of Object.entries(init.headers ?? {})) headers[k.toLowerCase()] = v;
  const path = url.split('?')[0]!;
  return buildEvent({
    method,
    url,
    headers,
    ...(body ? { body } : {}),
    sourceIp: init.sourceIp ?? '127.0.0.1',
    routeKey: `${method} ${path}`,
  });
}

/** The response body as text, base64 decoded when needed. */
export function resultText(result: HttpResult): string {
  if (!result.body) return '';
  return result.isBase64Encoded ? Buffer.from(result.body, 'base64').toString('utf8') : result.body;
}

/** The response body parsed as JSON. */
export function resultJson<T = unknown>(result: HttpResult): T {
  return JSON.parse(resultText(result)) as T;
}

/** A header of a result by name, any case. */
export function resultHeader(result: HttpResult, name: string): string | undefined {
  const lower = name.toLowerCase();
  for (const [k, v] of Object.entries(result.headers ?? {})) if (k.toLowerCase() === lower) return String(v);
  return undefined;
}
