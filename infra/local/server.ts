/**
 * Plays CloudFront + API Gateway on one port: `/api/*`, `/oauth/*` and `/.well-known/*` go to the
 * function the route table names (404 / 405 as JSON otherwise), everything else is the web UI.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Context } from 'aws-lambda';
import { functions, matchRoute, pathKnown, pathMatches, routes, type FunctionName } from '../../functions/routes.js';
import type { HttpEvent } from '../../shared/http/types.js';
import { BodyTooLargeError, normalizeResult, readBody, toEvent, writeResult } from './adapter.js';
import { lambdaContext } from './lambda-context.js';
import { repoRoot, webRoot } from './paths.js';
import { serveStatic } from './static.js';
import { edgeHeader, edgeHeaderValue } from '../../shared/config/request-url.js';

export type LambdaHandler = (event: HttpEvent, context: Context) => Promise<unknown>;
export type LoadHandler = (fn: FunctionName) => Promise<LambdaHandler>;

export interface ServerOptions {
  /** How a function's handler is found; by default its entry module is imported on first use. */
  load?: LoadHandler;
  /** Static files; by default web/dist if built, else web/public. */
  webRoot?: string;
  /** Where errors are reported; stderr by default. */
  logError?: (message: string, error: unknown) => void;
}

const apiPrefixes = ['/api', '/oauth', '/.well-known'];

export function isApiPath(path: string): boolean {
  return apiPrefixes.some((p) => path === p || path.startsWith(`${p}/`));
}

/**
 * Imports `functions[fn].entry` lazily: the handlers read configuration when their modules load,
 * so they must load after the local instance has set the environment. A failed import is not
 * cached, so a fixed file is picked up by the next request.
 */
export function importHandlers(): LoadHandler {
  const loaded = new Map<FunctionName, Promise<LambdaHandler>>();
  return (fn) => {
    let handler = loaded.get(fn);
    if (!handler) {
      handler = import(pathToFileURL(join(repoRoot, functions[fn].entry)).href).then((m: { handler?: unknown }) => {
        if (typeof m.handler !== 'function') throw new Error(`${functions[fn].entry} does not export a handler function`);
        return m.handler as LambdaHandler;
      });
      handler.catch(() => loaded.delete(fn));
      loaded.set(fn, handler);
    }
    return handler;
  };
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  writeResult(res, { statusCode: status, headers: { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers }, body: JSON.stringify(body) });
}

function allowedMethods(path: string): string {
  return [...new Set(routes.filter((r) => pathMatches(r.path, path)).map((r) => r.method))].join(', ');
}

async function handleApi(req: IncomingMessage, res: ServerResponse, path: string, options: Required<ServerOptions>) {
  const method = (req.method ?? 'GET').toUpperCase();
  const route = matchRoute(method, path);
  if (!route) {
    req.resume();
    if (pathKnown(path)) {
      sendJson(res, 405, { error: 'method_not_allowed', error_description: `${method} is not allowed on ${path}` }, { allow: allowedMethods(path) });
    } else {
      sendJson(res, 404, { error: 'not_found', error_description: `No route for ${path}` });
    }
    return;
  }
  let body: Buffer;
  try {
    body = await readBody(req);
  } catch (error) {
    if (!(error instanceof BodyTooLargeError)) throw error;
    sendJson(res, 413, { error: 'payload_too_large', error_description: 'Request body too large' }, { connection: 'close' });
    return;
  }
  const requestId = randomUUID();
  const event = toEvent(req, body, { routeKey: `${route.method} ${route.path}`, requestId });
  // Playing CloudFront, which marks what it forwards, so requests keep PUBLIC_URL (shared/config/request-url.ts).
  event.headers[edgeHeader] = edgeHeaderValue;
  const spec = functions[route.fn];
  const context = lambdaContext({
    name: route.fn,
    memoryMb: spec.memoryMb,
    timeoutSeconds: spec.timeoutSeconds,
    requestId,
    region: process.env.AWS_REGION ?? 'us-east-1',
  });
  let result: unknown;
  try {
    const handler = await options.load(route.fn);
    result = await handler(event, context);
  } catch (error) {
    // What API Gateway answers when the function fails; the details go to the terminal only.
    options.logError(`${route.fn} failed on ${method} ${path} (request ${requestId})`, error);
    sendJson(res, 500, { message: 'Internal Server Error' });
    return;
  }
  writeResult(res, normalizeResult(result), { head: method === 'HEAD' });
}

export function createLocalServer(options: ServerOptions = {}): Server {
  const resolved: Required<ServerOptions> = {
    load: options.load ?? importHandlers(),
    webRoot: options.webRoot ?? webRoot(),
    logError: options.logError ?? ((message, error) => console.error(message, error)),
  };
  return createServer((req, res) => {
    const url = req.url ?? '/';
    const path = url.split('?')[0]!.split('#')[0]!;
    const work = isApiPath(path) ? handleApi(req, res, path, resolved) : serveStatic(req, res, resolved.webRoot, path);
    work.catch((error: unknown) => {
      resolved.logError(`local server error on ${req.method} ${path}`, error);
      if (!res.headersSent) sendJson(res, 500, { message: 'Internal Server Error' });
      else res.destroy();
    });
  });
}
