import { entities } from '../db/service.js';
import { newId } from '../ids.js';
import { OAuthError } from './errors.js';
import { validateClientMetadata } from './client-metadata.js';
import { newClientSecret } from './client-secrets.js';
import { hit, registrationsPerIp } from './throttle.js';

/**
 * Dynamic client registration (RFC 7591 §3). Open (no initial access token), as MCP clients
 * register themselves; throttled per source address. Public clients register with `none`;
 * confidential ones get a secret, returned once and stored only as a hash.
 */
export async function registerClient(body: string, sourceIp: string, now = Date.now()): Promise<Record<string, unknown>> {
  const limited = await hit(registrationsPerIp, sourceIp, now);
  if (limited.blocked) {
    throw new OAuthError('too_many_requests', 'Too many registrations from this address; try again later.', {
      'retry-after': String(limited.retryAfterSeconds),
    });
  }
  let input: unknown;
  try {
    input = JSON.parse(body);
  } catch {
    throw new OAuthError('invalid_client_metadata', 'The body must be a JSON object.');
  }
  const metadata = validateClientMetadata(input, 'registration');
  const clientId = newId('oauthClient');
  const secret = metadata.tokenEndpointAuthMethod === 'none' ? undefined : newClientSecret();
  const createdAt = new Date(now);
  await entities.oauthClient
    .create({
      clientId,
      kind: 'registered',
      ...metadata,
      ...(secret ? { clientSecretHash: secret.hash } : {}),
      createdAt: createdAt.toISOString(),
    })
    .go();

  // RFC 7591 §3.2.1: the response carries every registered value, including any the server replaced.
  return {
    client_id: clientId,
    client_id_issued_at: Math.floor(now / 1000),
    ...(secret ? { client_secret: secret.secret, client_secret_expires_at: 0 } : {}),
    ...(metadata.clientName ? { client_name: metadata.clientName } : {}),
    redirect_uris: metadata.redirectUris,
    token_endpoint_auth_method: metadata.tokenEndpointAuthMethod,
    grant_types: metadata.grantTypes,
    response_types: ['code'],
    ...(metadata.scope ? { scope: metadata.scope } : {}),
    ...(metadata.clientUri ? { client_uri: metadata.clientUri } : {}),
    ...(metadata.logoUri ? { logo_uri: metadata.logoUri } : {}),
  };
}
