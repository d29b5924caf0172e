import { header } from '../http/request.js';
import type { HttpEvent } from '../http/types.js';
import { findClient, type OAuthClient } from './clients.js';
import { clientSecretMatches } from './client-secrets.js';
import { OAuthError } from './errors.js';

/**
 * Client authentication at the token and revocation endpoints (RFC 6749 §2.3, §3.2.1):
 * a public client names itself with client_id; a confidential one proves its secret by the one
 * method it registered (client_secret_basic or client_secret_post). Using a method other than
 * the registered one, or more than one, fails.
 */
interface Presented {
  clientId: string;
  secret?: string;
  method: 'none' | 'client_secret_basic' | 'client_secret_post';
}

/** RFC 6749 §2.3.1: id and secret are form-urlencoded before base64; decode both. */
function basicCredentials(event: HttpEvent): { id: string; secret: string } | undefined {
  const value = header(event, 'authorization');
  const m = value ? /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(value) : null;
  if (!m?.[1]) return undefined;
  const decoded = Buffer.from(m[1], 'base64').toString('utf8');
  const i = decoded.indexOf(':');
  if (i < 0) return undefined;
  try {
    const plus = (s: string) => decodeURIComponent(s.replace(/\+/g, ' '));
    return { id: plus(decoded.slice(0, i)), secret: plus(decoded.slice(i + 1)) };
  } catch {
    return undefined;
  }
}

const basicChallenge = { 'www-authenticate': 'Basic realm="clerq", charset="UTF-8"' };

function presented(event: HttpEvent, params: URLSearchParams): Presented {
  const triedBasic = /^Basic\b/i.test(header(event, 'authorization') ?? '');
  const basic = basicCredentials(event);
  if (triedBasic && !basic) throw new OAuthError('invalid_client', 'The Authorization header is not valid Basic credentials.', basicChallenge);
  const postId = params.get('client_id');
  const postSecret = params.get('client_secret');
  if (basic) {
    if (postSecret !== null) throw new OAuthError('invalid_request', 'Use one client authentication method, not two.');
    if (postId !== null && postId !== basic.id) throw new OAuthError('invalid_request', 'client_id does not match the Authorization header.');
    return { clientId: basic.id, secret: basic.secret, method: 'client_secret_basic' };
  }
  if (!postId) throw new OAuthError('invalid_client', 'Client authentication is required (client_id).');
  return postSecret !== null ? { clientId: postId, secret: postSecret, method: 'client_secret_post' } : { clientId: postId, method: 'none' };
}

export async function authenticateClient(event: HttpEvent, params: URLSearchParams): Promise<OAuthClient> {
  const p = presented(event, params);
  const challenge = p.method === 'client_secret_basic' ? basicChallenge : {};
  const fail = () => new OAuthError('invalid_client', 'Client authentication failed.', challenge);
  let client: OAuthClient;
  try {
    client = await findClient(p.clientId, 'cached');
  } catch (e) {
    if (e instanceof OAuthError) throw fail();
    throw e;
  }
  if (client.tokenEndpointAuthMethod !== p.method) throw fail();
  if (p.method !== 'none' && !(client.clientSecretHash && p.secret !== undefined && clientSecretMatches(p.secret, client.clientSecretHash))) throw fail();
  return client;
}
