/**
 * One log line per request in Lambda: request id, route (the route key, never the raw path, which
 * can carry a signed link's token), status, outcome, duration and whether it paid the cold start.
 * Tool calls log their business and operation on lines of their own (shared/mcp/endpoint.ts). The
 * local instance does not write these, so `npm start` prints what it always printed.
 */
import type { HttpEvent, HttpResult } from '../http/types.js';
import { inLambda, log } from './index.js';

export function outcomeOf(status: number): 'ok' | 'client_error' | 'server_error' {
  return status < 400 ? 'ok' : status < 500 ? 'client_error' : 'server_error';
}

/** True until this process has answered its first request: that one paid for the cold start. */
let cold = true;

export async function logRequest(event: HttpEvent, run: () => Promise<HttpResult>): Promise<HttpResult> {
  if (!inLambda()) return run();
  const started = performance.now();
  const result = await run();
  const coldStart = cold;
  cold = false;
  const status = result.statusCode ?? 200;
  log.info('request', {
    requestId: event.requestContext?.requestId,
    route: event.routeKey,
    status,
    outcome: outcomeOf(status),
    ms: Math.round(performance.now() - started),
    coldStart,
  });
  return result;
}
