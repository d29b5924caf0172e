/**
 * Plays API Gateway HTTP API (payload format 2.0) for the local server: a Node request becomes
 * the event a Lambda handler receives in AWS, and the handler's result becomes the response.
 * Details follow what API Gateway does, since the handlers are written against it: lower-case
 * header names with repeated values comma-joined, the Cookie header moved into `cookies`,
 * non-text bodies base64-encoded (form posts included), `cookies` in the result sent as one
 * Set-Cookie header each.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HttpEvent, HttpResult } from '../../shared/http/types.js';

/** Requests larger than this are refused with 413 before a handler runs. */
export const maxBodyBytes = 1024 * 1024;

export class BodyTooLargeError extends Error {
  override readonly name = 'BodyTooLargeError';
}

/** Reads the whole request body, refusing more than `limit` bytes (declared or actually sent). */
export function readBody(req: IncomingMessage, limit = maxBodyBytes): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) {
      reject(new BodyTooLargeError(`body of ${declared} bytes exceeds ${limit}`));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume();
        reject(new BodyTooLargeError(`body exceeds ${limit} bytes`));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** JSON and text/* arrive as text; API Gateway base64-encodes everything else, form posts included. */
function isTextual(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  return type.startsWith('text/') || type === 'application/json' || type.endsWith('+json');
}

function clfTime(date: Date): string {
  // API Gateway's requestContext.time: `03/Dec/2026:16:56:19 +0000`.
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(date.getUTCDate())}/${months[date.getUTCMonth()]}/${date.getUTCFullYear()}:${p(date.getUTCHours())}:${p(date.getUTCMinutes())}:${p(date.getUTCSeconds())} +0000`;
}

function hostName(host: string | undefined): string {
  try {
    return new URL(`http://${host ?? 'localhost'}`).hostname;
  } catch {
    return 'localhost';
  }
}

/** The parts of an HTTP request an event is made of; `headers` as received, any case, repeats allowed. */
export interface RequestParts {
  method: string;
  /** Path and query as sent: `/oauth/authorize?client_id=…`. */
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body?: Buffer;
  sourceIp?: string;
  httpVersion?: string;
  routeKey: string;
  requestId?: string;
  now?: Date;
}

/** The API Gateway HTTP API 2.0 event for a request. */
export function buildEvent(parts: RequestParts): HttpEvent {
  const url = parts.url.split('#')[0]!;
  const queryAt = url.indexOf('?');
  const rawPath = queryAt === -1 ? url : url.slice(0, queryAt);
  const rawQueryString = queryAt === -1 ? '' : url.slice(queryAt + 1);

  const grouped = new Map<string, string[]>();
  for (const [name, value] of Object.entries(parts.headers)) {
    if (value === undefined) continue;
    const key = name.toLowerCase();
    grouped.set(key, [...(grouped.get(key) ?? []), ...(Array.isArray(value) ? value : [value])]);
  }
  const headers: Record<string, string> = {};
  let cookies: string[] = [];
  for (const [name, values] of grouped) {
    if (name === 'cookie') {
      cookies = values.flatMap((v) => v.split(';')).map((c) => c.trim()).filter(Boolean);
      continue;
    }
    headers[name] = values.join(',');
  }

  const query: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(rawQueryString)) query[key] = key in query ? `${query[key]},${value}` : value;

  const now = parts.now ?? new Date();
  const requestId = parts.requestId ?? randomUUID();
  const domainName = hostName(headers.host);
  const method = parts.method.toUpperCase();
  const event: HttpEvent = {
    version: '2.0',
    routeKey: parts.routeKey,
    rawPath,
    rawQueryString,
    headers,
    requestContext: {
      accountId: 'local',
      apiId: 'local',
      domainName,
      domainPrefix: domainName.split('.')[0]!,
      http: {
        method,
        path: rawPath,
        protocol: `HTTP/${parts.httpVersion ?? '1.1'}`,
        sourceIp: (parts.sourceIp ?? '127.0.0.1').replace(/^::ffff:/, ''),
        userAgent: headers['user-agent'] ?? '',
      },
      requestId,
      routeKey: parts.routeKey,
      stage: '$default',
      time: clfTime(now),
      timeEpoch: now.getTime(),
    },
    isBase64Encoded: false,
  };
  if (cookies.length) event.cookies = cookies;
  if (Object.keys(query).length) event.queryStringParameters = query;
  if (parts.body?.length) {
    const text = isTextual(headers['content-type']);
    event.body = text ? parts.body.toString('utf8') : parts.body.toString('base64');
    event.isBase64Encoded = !text;
  }
  return event;
}

/** The event for a Node request whose body has already been read. */
export function toEvent(req: IncomingMessage, body: Buffer, options: { routeKey: string; requestId?: string; now?: Date }): HttpEvent {
  return buildEvent({
    method: req.method ?? 'GET',
    url: req.url ?? '/',
    headers: req.headersDistinct,
    body,
    ...(req.socket.remoteAddress ? { sourceIp: req.socket.remoteAddress } : {}),
    httpVersion: req.httpVersion,
    ...options,
  });
}

/**
 * API Gateway's "format inference": a result without `statusCode` is a 200 JSON answer whose
 * body is the value itself (a string as is, anything else JSON-encoded).
 */
export function normalizeResult(value: unknown): HttpResult {
  if (value && typeof value === 'object' && 'statusCode' in value) return value as HttpResult;
  return {
    statusCode: 200,
    headers: { 'content-type': 'application/json' },
    body: typeof value === 'string' ? value : JSON.stringify(value ?? null),
  };
}

/** Writes a handler's result: status, headers, one Set-Cookie per `cookies` entry, decoded body. */
export function writeResult(res: ServerResponse, result: HttpResult, options: { head?: boolean } = {}): void {
  const body = result.body === undefined ? Buffer.alloc(0) : Buffer.from(result.body, result.isBase64Encoded ? 'base64' : 'utf8');
  res.statusCode = result.statusCode ?? 200;
  for (const [name, value] of Object.entries(result.headers ?? {})) res.setHeader(name, String(value));
  if (result.cookies?.length) {
    const existing = res.getHeader('set-cookie');
    const prior = existing === undefined ? [] : Array.isArray(existing) ? existing : [String(existing)];
    res.setHeader('set-cookie', [...prior, ...result.cookies]);
  }
  res.setHeader('content-length', body.length);
  res.end(options.head ? undefined : body);
}
