import { entities } from '../db/service.js';
import { OAuthError } from './errors.js';
import { validateClientMetadata, type ClientMetadata } from './client-metadata.js';
import { FetchRefused, safeFetch, type SafeFetchOptions } from './safe-fetch.js';

/**
 * Client ID metadata documents (draft-ietf-oauth-client-id-metadata-document, MCP 2025-11-25):
 * a client whose client_id is an https URL publishes its metadata there. Clerq fetches it with
 * SSRF guards, validates it like a registration, and caches the valid result in the oauthClient
 * item of kind 'metadata_document' until `refreshAfter` (from Cache-Control max-age, clamped to
 * 5 minutes – 24 hours). Errors and invalid documents are never cached.
 */
export const documentFetchLimits: SafeFetchOptions = { timeoutMs: 5000, maxBytes: 64 * 1024 };
const minCacheSeconds = 5 * 60;
const maxCacheSeconds = 24 * 60 * 60;
const defaultCacheSeconds = 60 * 60;
/** How long a cached document outlives its refreshAfter, for the token endpoint of a client whose site is briefly down. */
const staleKeepSeconds = 7 * 24 * 60 * 60;

/**
 * Whether a client_id is a Client Identifier URL: https, a path other than "/", no user info,
 * fragment, or dot segments. It must also be in normalized form (what `new URL` prints), since
 * identifiers are compared as plain strings and the document's client_id must equal it.
 */
export function isClientIdUrl(clientId: string): boolean {
  if (!clientId.startsWith('https://') || clientId.length > 1000) return false;
  let url: URL;
  try {
    url = new URL(clientId);
  } catch {
    return false;
  }
  if (url.href !== clientId || url.username || url.password || clientId.includes('#')) return false;
  if (url.pathname === '/' || url.pathname === '') return false;
  return !url.pathname.split('/').some((seg) => ['.', '..', '%2e', '%2e%2e', '.%2e', '%2e.'].includes(seg.toLowerCase()));
}

function cacheSeconds(cacheControl: string | undefined): number {
  const cc = (cacheControl ?? '').toLowerCase();
  if (/\bno-(store|cache)\b/.test(cc)) return minCacheSeconds;
  const maxAge = /\bmax-age=(\d+)/.exec(cc)?.[1];
  const seconds = maxAge === undefined ? defaultCacheSeconds : Number(maxAge);
  return Math.min(maxCacheSeconds, Math.max(minCacheSeconds, seconds));
}

/** Fetches, validates and caches the document. Throws OAuthError(invalid_client) with a reason a person can read. */
export async function fetchClientIdDocument(clientId: string, fetchOptions: SafeFetchOptions = documentFetchLimits, now = Date.now()): Promise<ClientMetadata> {
  let response: { status: number; body: string; cacheControl?: string };
  try {
    response = await safeFetch(clientId, fetchOptions);
  } catch (e) {
    if (e instanceof FetchRefused) throw new OAuthError('invalid_client', `The client's metadata document could not be fetched: ${e.message}.`);
    throw e;
  }
  let doc: unknown;
  try {
    doc = JSON.parse(response.body);
  } catch {
    throw new OAuthError('invalid_client', "The client's metadata document is not JSON.");
  }
  if (typeof doc !== 'object' || doc === null || (doc as { client_id?: unknown }).client_id !== clientId) {
    throw new OAuthError('invalid_client', "The client's metadata document does not name this URL as its client_id.");
  }
  let metadata: ClientMetadata;
  try {
    metadata = validateClientMetadata(doc, 'document');
  } catch (e) {
    if (e instanceof OAuthError) throw new OAuthError('invalid_client', `The client's metadata document is invalid: ${e.description}.`);
    throw e;
  }
  const refreshAfter = Math.floor(now / 1000) + cacheSeconds(response.cacheControl);
  await entities.oauthClient
    .put({
      clientId,
      kind: 'metadata_document',
      ...metadata,
      createdAt: new Date(now).toISOString(),
      refreshAfter,
      ttl: refreshAfter + staleKeepSeconds,
    })
    .go();
  return metadata;
}
