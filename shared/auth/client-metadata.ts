import { OAuthError } from './errors.js';
import { redirectUriProblem } from './redirect-uris.js';
import { formatScope, isSupportedScope, parseScope } from './scopes.js';

/**
 * Client metadata (RFC 7591 §2) as Clerq keeps it, validated the same way whether it came from a
 * registration request or a client ID metadata document. Unknown members are ignored (§2).
 */
export type TokenEndpointAuthMethod = 'none' | 'client_secret_basic' | 'client_secret_post';
export const tokenEndpointAuthMethods: readonly TokenEndpointAuthMethod[] = ['none', 'client_secret_basic', 'client_secret_post'];

/** Every client may use both grants: Clerq always issues refresh tokens, so it registers both (RFC 7591 §3.2.1 lets the server replace values). */
export const clientGrantTypes = ['authorization_code', 'refresh_token'];

export interface ClientMetadata {
  clientName: string;
  redirectUris: string[];
  tokenEndpointAuthMethod: TokenEndpointAuthMethod;
  grantTypes: string[];
  scope?: string;
  clientUri?: string;
  logoUri?: string;
}

export const clientNameMaxLength = 200;
const maxRedirectUris = 20;

const bad = (d: string) => new OAuthError('invalid_client_metadata', d);

function optionalString(doc: Record<string, unknown>, key: string): string | undefined {
  const v = doc[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw bad(`${key} must be a string`);
  return v;
}

function optionalHttpsUrl(doc: Record<string, unknown>, key: string): string | undefined {
  const v = optionalString(doc, key);
  if (v === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(v);
  } catch {
    throw bad(`${key} must be an https URL`);
  }
  if (url.protocol !== 'https:' || v.length > 2000) throw bad(`${key} must be an https URL`);
  return v;
}

export function validateClientMetadata(input: unknown, source: 'registration' | 'document'): ClientMetadata {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw bad('the body must be a JSON object');
  const doc = input as Record<string, unknown>;

  const uris = doc.redirect_uris;
  if (!Array.isArray(uris) || uris.length === 0) throw new OAuthError('invalid_redirect_uri', 'redirect_uris must be a non-empty array');
  if (uris.length > maxRedirectUris) throw new OAuthError('invalid_redirect_uri', `at most ${maxRedirectUris} redirect_uris`);
  for (const u of uris) {
    if (typeof u !== 'string') throw new OAuthError('invalid_redirect_uri', 'each redirect URI must be a string');
    const problem = redirectUriProblem(u);
    if (problem) throw new OAuthError('invalid_redirect_uri', `redirect URI ${JSON.stringify(u.slice(0, 200))} ${problem}`);
  }

  const name = optionalString(doc, 'client_name');
  if (name !== undefined && name.length > clientNameMaxLength) throw bad(`client_name is longer than ${clientNameMaxLength} characters`);
  // Control characters have no business in a name shown to a person deciding whom to trust.
  // eslint-disable-next-line no-control-regex
  if (name !== undefined && /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(name)) throw bad('client_name contains control characters');
  if (source === 'document' && !name?.trim()) throw bad('the document must have a client_name');

  // RFC 7591 §2: the default method is client_secret_basic. A metadata document can hold no
  // shared secret (the draft forbids every secret-based method there), so it must be `none`.
  const method = optionalString(doc, 'token_endpoint_auth_method') ?? (source === 'document' ? 'none' : 'client_secret_basic');
  if (!(tokenEndpointAuthMethods as readonly string[]).includes(method)) {
    throw bad(`token_endpoint_auth_method must be one of ${tokenEndpointAuthMethods.join(', ')}`);
  }
  if (source === 'document' && (method !== 'none' || 'client_secret' in doc)) {
    throw bad('a client ID metadata document cannot use a client secret; use token_endpoint_auth_method none');
  }

  const grantTypes = doc.grant_types;
  if (grantTypes !== undefined) {
    if (!Array.isArray(grantTypes) || !grantTypes.every((g) => typeof g === 'string')) throw bad('grant_types must be an array of strings');
    const unsupported = grantTypes.filter((g) => !clientGrantTypes.includes(g));
    if (unsupported.length) throw bad(`unsupported grant_types: ${unsupported.join(', ')}`);
  }
  const responseTypes = doc.response_types;
  if (responseTypes !== undefined) {
    if (!Array.isArray(responseTypes) || responseTypes.some((r) => r !== 'code')) throw bad('response_types may only contain code');
  }

  // Unknown scopes are dropped rather than refused (RFC 7591 §2 lets the server replace the
  // value): clients copy scope lists between servers, and the authorization request is where a
  // scope is actually asked for and checked.
  const scopeValue = optionalString(doc, 'scope');
  const scope = scopeValue === undefined ? undefined : formatScope(parseScope(scopeValue).filter(isSupportedScope)) || undefined;

  return {
    clientName: name?.trim() ?? '',
    redirectUris: uris as string[],
    tokenEndpointAuthMethod: method as TokenEndpointAuthMethod,
    grantTypes: clientGrantTypes,
    scope,
    clientUri: optionalHttpsUrl(doc, 'client_uri'),
    logoUri: optionalHttpsUrl(doc, 'logo_uri'),
  };
}
