import { pagePaths } from '../../functions/routes.js';
import { config } from '../config/index.js';
import { keyedHash } from './keys.js';
import { randomToken } from './random.js';

/** An invitation link works for 7 days (TOOLS.md). */
export const invitationLifetimeMs = 7 * 24 * 60 * 60 * 1000;


/** Only the keyed hash is stored: the token itself exists only in the link. */
export function invitationTokenHash(token: string): string {
  return keyedHash('invitation', token);
}

export function newInvitationToken(): { token: string; tokenHash: string } {
  const token = randomToken();
  return { token, tokenHash: invitationTokenHash(token) };
}

export function invitationLink(token: string): string {
  return `${config().publicUrl}${pagePaths.invitation}?token=${encodeURIComponent(token)}`;
}
