import { entities } from '../db/service.js';
import type { AuthorizeRequest } from './authorize-request.js';
import { keyedHash } from './keys.js';
import { randomToken } from './random.js';

/** Codes live 60 seconds (checked in code); the item stays a day longer so a late replay is still recognised and punished. */
export const codeLifetimeSeconds = 60;
const replayMemorySeconds = 24 * 60 * 60;

export function codeHashOf(code: string): string {
  return keyedHash('auth-code-hash', code);
}

/** Issues a code for an approved request: 32 random bytes to the client, only the keyed hash stored. */
export async function issueAuthorizationCode(
  r: AuthorizeRequest,
  grantTo: { userId: string; businessId: string; scope: string },
  now = Date.now(),
): Promise<string> {
  const code = randomToken();
  const expiresAt = Math.floor(now / 1000) + codeLifetimeSeconds;
  await entities.authCode
    .create({
      codeHash: codeHashOf(code),
      clientId: r.clientId,
      userId: grantTo.userId,
      businessId: grantTo.businessId,
      scope: grantTo.scope,
      redirectUri: r.redirectUri,
      codeChallenge: r.codeChallenge,
      resource: r.resource,
      expiresAt,
      ttl: expiresAt + replayMemorySeconds,
    })
    .go();
  return code;
}
