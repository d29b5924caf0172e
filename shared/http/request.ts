import type { HttpEvent } from './types.js';

/** Header value by lower-case name (API Gateway lower-cases names; be tolerant anyway). */
export function header(event: HttpEvent, name: string): string | undefined {
  const lower = name.toLowerCase();
  for (const [k, v] of Object.entries(event.headers ?? {})) if (k.toLowerCase() === lower) return v;
  return undefined;
}

export function method(event: HttpEvent): string {
  return event.requestContext.http.method.toUpperCase();
}

export function path(event: HttpEvent): string {
  return event.rawPath;
}

/** The raw body as text (API Gateway base64-encodes form and binary bodies). */
export function bodyText(event: HttpEvent): string {
  if (!event.body) return '';
  return event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
}

/** Query parameters parsed from rawQueryString, so repeated keys stay separate. */
export function query(event: HttpEvent): URLSearchParams {
  return new URLSearchParams(event.rawQueryString ?? '');
}

/** A url-encoded form body. */
export function form(event: HttpEvent): URLSearchParams {
  return new URLSearchParams(bodyText(event));
}

export function cookies(event: HttpEvent): Map<string, string> {
  const jar = new Map<string, string>();
  const all = event.cookies ?? (header(event, 'cookie')?.split(';') ?? []);
  for (const c of all) {
    const i = c.indexOf('=');
    if (i <= 0) continue;
    const name = c.slice(0, i).trim();
    if (!jar.has(name)) jar.set(name, decodeURIComponent(c.slice(i + 1).trim()));
  }
  return jar;
}

export function sourceIp(event: HttpEvent): string {
  return event.requestContext.http.sourceIp ?? 'unknown';
}
