import { issuer, mcpResource } from '../config/index.js';
import { findClient, displayName, type OAuthClient } from './clients.js';
import { OAuthError } from './errors.js';
import { isValidChallenge } from './pkce.js';
import { redirectUriMatches, withParams } from './redirect-uris.js';
import { isOurResource } from './resource.js';
import { defaultScope, formatScope, isSupportedScope, parseScope } from './scopes.js';

/** A validated authorization request (RFC 6749 §4.1.1 with PKCE and RFC 8707). */
export interface AuthorizeRequest {
  clientId: string;
  redirectUri: string;
  state?: string;
  scope: string;
  codeChallenge: string;
  resource: string;
}

export type AuthorizeValidation =
  /** The client or redirect URI cannot be trusted: show a page, never redirect. */
  | { kind: 'page'; message: string }
  /** A problem the client must hear about, at its (validated) redirect URI. */
  | { kind: 'redirect'; location: string }
  | { kind: 'ok'; request: AuthorizeRequest; client: OAuthClient; clientName: string };

const stateMaxLength = 2000;

/** Parameters the request may not repeat (RFC 6749 §3.1); `resource` may repeat (RFC 8707) but Clerq serves one. */
const singleParams = ['client_id', 'redirect_uri', 'response_type', 'state', 'scope', 'code_challenge', 'code_challenge_method'];

/** The authorization response to an error (RFC 6749 §4.1.2.1, with `iss` per RFC 9207). */
export function errorRedirect(redirectUri: string, error: string, description: string, state: string | undefined): string {
  return withParams(redirectUri, { error, error_description: description, state, iss: issuer() });
}

export async function validateAuthorizeRequest(q: URLSearchParams): Promise<AuthorizeValidation> {
  const repeated = (name: string) => q.getAll(name).length > 1;
  const clientId = q.get('client_id');
  if (!clientId || repeated('client_id')) return { kind: 'page', message: 'The request does not name exactly one client (client_id).' };
  let client: OAuthClient;
  try {
    client = await findClient(clientId, 'current');
  } catch (e) {
    if (e instanceof OAuthError) return { kind: 'page', message: `The application asking to connect is not known to this Clerq instance. ${e.description}` };
    throw e;
  }
  const redirectUri = q.get('redirect_uri');
  if (!redirectUri || repeated('redirect_uri')) return { kind: 'page', message: 'The request does not name exactly one redirect URI (redirect_uri).' };
  if (!redirectUriMatches(client.redirectUris, redirectUri)) {
    return { kind: 'page', message: 'The redirect URI in the request is not one the application registered, so Clerq will not send you there.' };
  }

  // From here the redirect URI is trusted, so problems go back to the client.
  const state = q.get('state') ?? undefined;
  const fail = (error: string, description: string): AuthorizeValidation => ({
    kind: 'redirect',
    location: errorRedirect(redirectUri, error, description, state !== undefined && state.length <= stateMaxLength ? state : undefined),
  });
  const dup = singleParams.find(repeated);
  if (dup) return fail('invalid_request', `The parameter ${dup} was sent more than once.`);
  if (state !== undefined && state.length > stateMaxLength) return fail('invalid_request', `state is longer than ${stateMaxLength} characters.`);

  const responseType = q.get('response_type');
  if (!responseType) return fail('invalid_request', 'response_type is required.');
  if (responseType !== 'code') return fail('unsupported_response_type', 'Only response_type=code is supported.');

  const challenge = q.get('code_challenge');
  const method = q.get('code_challenge_method');
  if (!challenge) return fail('invalid_request', 'PKCE is required: send code_challenge with code_challenge_method=S256.');
  if (method !== 'S256') return fail('invalid_request', 'code_challenge_method must be S256 (plain is not accepted).');
  if (!isValidChallenge(challenge)) return fail('invalid_request', 'code_challenge must be 43 base64url characters.');

  const requested = parseScope(q.get('scope') ?? '');
  const unknown = requested.filter((s) => !isSupportedScope(s));
  if (unknown.length) return fail('invalid_scope', `Unknown scope: ${unknown.join(' ')}.`);
  const scope = requested.length ? formatScope(requested) : defaultScope;

  const resources = q.getAll('resource');
  if (resources.length > 1) return fail('invalid_target', 'Only one resource can be requested.');
  const resource = resources[0];
  if (resource !== undefined && !isOurResource(resource)) return fail('invalid_target', `This server issues tokens only for ${mcpResource()}.`);

  return {
    kind: 'ok',
    request: { clientId, redirectUri, ...(state !== undefined ? { state } : {}), scope, codeChallenge: challenge, resource: mcpResource() },
    client,
    clientName: displayName(client),
  };
}
