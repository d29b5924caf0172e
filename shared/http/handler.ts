import middy from '@middy/core';
import type { HttpEvent, HttpResult } from './types.js';
import { json, preflight } from './response.js';
import { method } from './request.js';
import { log } from './log.js';

/**
 * Wraps a function's handler: answers CORS preflight without authentication, and turns any
 * unexpected error into a 500 that carries a request id and nothing else.
 */
export function httpHandler(fn: (event: HttpEvent) => Promise<HttpResult>) {
  return middy<HttpEvent, HttpResult>()
    .before((request) => {
      if (method(request.event) === 'OPTIONS') return preflight();
      return undefined;
    })
    .onError((request) => {
      const requestId = request.event.requestContext?.requestId ?? 'unknown';
      log.error('unhandled error', { requestId, error: request.error });
      request.response = json(500, { error: 'server_error', error_description: 'Internal error', request_id: requestId });
    })
    .handler(fn);
}
