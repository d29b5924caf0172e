import { header } from '../http/request.js';
import type { HttpEvent } from '../http/types.js';
import { OAuthError } from './errors.js';
import { isOurResource } from './resource.js';
import { mcpResource } from '../config/index.js';

/** Parameters that may appear once in a token or revocation request (RFC 6749 §3.2); `resource` may repeat (RFC 8707) but Clerq serves one. */
const single = ['grant_type', 'code', 'code_verifier', 'redirect_uri', 'refresh_token', 'scope', 'client_id', 'client_secret', 'token', 'token_type_hint'];

/** The form body of a token or revocation request, checked for its media type and repeated parameters. */
export function tokenRequestParams(event: HttpEvent, params: URLSearchParams): URLSearchParams {
  const type = header(event, 'content-type');
  if (type && !type.toLowerCase().startsWith('application/x-www-form-urlencoded')) {
    throw new OAuthError('invalid_request', 'The body must be application/x-www-form-urlencoded.');
  }
  const dup = single.find((name) => params.getAll(name).length > 1);
  if (dup) throw new OAuthError('invalid_request', `The parameter ${dup} was sent more than once.`);
  return params;
}

/** The requested resource (canonical form), undefined when none was named; invalid_target for anything else. */
export function requestedResource(params: URLSearchParams): string | undefined {
  const all = params.getAll('resource');
  if (all.length === 0) return undefined;
  if (all.length > 1) throw new OAuthError('invalid_target', 'Only one resource can be requested.');
  if (!isOurResource(all[0] ?? '')) throw new OAuthError('invalid_target', `This server issues tokens only for ${mcpResource()}.`);
  return mcpResource();
}
