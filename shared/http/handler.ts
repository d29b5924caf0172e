import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import type { HttpEvent, HttpResult } from './types.js';
import { json, preflight } from './response.js';
import { method } from './request.js';
import { log } from './log.js';
import { loadAuthSecret } from '../auth/secret.js';
import { config } from '../config/index.js';
import { directBaseUrl, withBaseUrl } from '../config/request-url.js';
import { logRequest } from '../log/request.js';

/**
 * Wraps a function's handler: answers CORS preflight without authentication, makes sure the auth
 * secret is loaded (Secrets Manager in AWS), runs the handler with the base URL the request was
 * addressed to (shared/config/request-url.ts), turns any unexpected error into a 500 that carries
 * a request id and nothing else, and in Lambda logs one line per request.
 */
export function httpHandler(fn: (event: HttpEvent) => Promise<HttpResult>) {
  const inner = middy<HttpEvent, HttpResult>()
    .before((request) => {
      if (method(request.event) === 'OPTIONS') return preflight();
      return undefined;
    })
    .before(async () => {
      await loadAuthSecret();
    })
    .onError((request) => {
      const requestId = request.event.requestContext?.requestId ?? 'unknown';
      log.error('unhandled error', { requestId, error: request.error });
      request.response = json(500, { error: 'server_error', error_description: 'Internal error', request_id: requestId });
    })
    .handler(fn);
  return (event: HttpEvent, context: Context): Promise<HttpResult> => {
    const { allowedHosts, publicUrl } = config();
    return withBaseUrl(directBaseUrl(event, allowedHosts, publicUrl), () => logRequest(event, () => inner(event, context)));
  };
}
