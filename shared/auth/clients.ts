import { entities } from '../db/service.js';
import { hasPrefix } from '../ids.js';
import { OAuthError } from './errors.js';
import type { ClientMetadata } from './client-metadata.js';
import { fetchClientIdDocument, isClientIdUrl } from './client-id-document.js';

/** A client as the authorize and token endpoints see it, however it became known. */
export interface OAuthClient extends ClientMetadata {
  clientId: string;
  kind: 'registered' | 'metadata_document';
  clientSecretHash?: string;
}

/**
 * Finds a client: a registered one by its `ocl_` id, or a metadata-document client by its URL.
 * `freshness` 'current' (the authorize endpoint) refetches a document whose cache is due;
 * 'cached' (the token and revocation endpoints) uses the stored copy while it exists, because
 * the document was validated when the person consented.
 * Throws OAuthError(invalid_client) with a reason a person can read.
 */
export async function findClient(clientId: string, freshness: 'current' | 'cached', now = Date.now()): Promise<OAuthClient> {
  if (isClientIdUrl(clientId)) {
    const { data } = await entities.oauthClient.get({ clientId }).go();
    const due = !data || data.kind !== 'metadata_document' || (freshness === 'current' && (data.refreshAfter ?? 0) <= Math.floor(now / 1000));
    if (!due && data) return toClient(data);
    const metadata = await fetchClientIdDocument(clientId, undefined, now);
    return { clientId, kind: 'metadata_document', ...metadata };
  }
  if (!hasPrefix(clientId, 'oauthClient')) throw new OAuthError('invalid_client', 'Unknown client.');
  const { data } = await entities.oauthClient.get({ clientId }).go();
  if (!data || data.kind !== 'registered') throw new OAuthError('invalid_client', 'Unknown client.');
  return toClient(data);
}

type Stored = NonNullable<Awaited<ReturnType<ReturnType<typeof entities.oauthClient.get>['go']>>['data']>;

function toClient(d: Stored): OAuthClient {
  return {
    clientId: d.clientId,
    kind: d.kind,
    clientName: d.clientName,
    redirectUris: d.redirectUris,
    tokenEndpointAuthMethod: d.tokenEndpointAuthMethod,
    grantTypes: d.grantTypes,
    ...(d.clientSecretHash ? { clientSecretHash: d.clientSecretHash } : {}),
    ...(d.scope ? { scope: d.scope } : {}),
    ...(d.clientUri ? { clientUri: d.clientUri } : {}),
    ...(d.logoUri ? { logoUri: d.logoUri } : {}),
  };
}

/** The name shown to people: the self-asserted client_name, or a plain fallback. */
export function displayName(client: Pick<OAuthClient, 'clientName' | 'clientId' | 'kind'>): string {
  if (client.clientName) return client.clientName;
  return client.kind === 'metadata_document' ? new URL(client.clientId).host : 'An unnamed application';
}
