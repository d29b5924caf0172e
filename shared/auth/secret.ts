/**
 * BETTER_AUTH_SECRET: the root of every signing key.
 *
 * Locally (and wherever BETTER_AUTH_SECRET is in the environment) it is read from the
 * environment on each call, exactly as before. In AWS the stack sets BETTER_AUTH_SECRET_ARN
 * instead: `loadAuthSecret()`, which every handler awaits before it runs (shared/http/handler.ts),
 * reads the secret from Secrets Manager at cold start and keeps it for `secretMaxAgeMs`, then reads
 * it again, so a rotated secret takes effect in every warm function within that time, without a
 * redeploy. A failed read is never cached: the next request tries again (a function that already
 * holds a secret keeps using it meanwhile, and tries again after `retryAfterMs`).
 */
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { log } from '../log/index.js';

/** How long a secret read from Secrets Manager is used before it is read again. */
export const secretMaxAgeMs = 5 * 60_000;
/** After a failed refresh, how long the held secret is used before the next attempt. */
export const retryAfterMs = 10_000;

interface Held {
  arn: string;
  value: string;
  /** When it must be read again (epoch ms). */
  refreshAt: number;
}

let held: Held | undefined;
let client: SecretsManagerClient | undefined;

function checked(secret: string | undefined, source: string): string {
  if (!secret || secret.length < 32) throw new Error(`BETTER_AUTH_SECRET (${source}) is missing or shorter than 32 characters`);
  return secret;
}

/** The current secret. Synchronous, because key derivation is; in AWS it is what `loadAuthSecret` last read. */
export function authSecret(): string {
  const arn = process.env.BETTER_AUTH_SECRET_ARN;
  if (!arn) return checked(process.env.BETTER_AUTH_SECRET, 'environment');
  if (held?.arn !== arn) throw new Error('BETTER_AUTH_SECRET has not been read from Secrets Manager yet (loadAuthSecret)');
  return held.value;
}

async function readSecret(arn: string): Promise<string> {
  // Loaded on first use: functions that never read the secret (and the local instance) skip its initialisation.
  const { GetSecretValueCommand, SecretsManagerClient } = await import('@aws-sdk/client-secrets-manager');
  client ??= new SecretsManagerClient({});
  const out = await client.send(new GetSecretValueCommand({ SecretId: arn }));
  return checked(out.SecretString, 'Secrets Manager');
}

/** Reads the secret from Secrets Manager when BETTER_AUTH_SECRET_ARN is set and the held one is due; otherwise does nothing. */
export async function loadAuthSecret(now = Date.now()): Promise<void> {
  const arn = process.env.BETTER_AUTH_SECRET_ARN;
  if (!arn) return;
  if (held?.arn === arn && now < held.refreshAt) return;
  try {
    const value = await readSecret(arn);
    held = { arn, value, refreshAt: now + secretMaxAgeMs };
  } catch (error) {
    // Without a secret nothing can be signed or checked: the request fails (500) and the next one reads again.
    if (held?.arn !== arn) throw error;
    log.warn('could not refresh BETTER_AUTH_SECRET; using the one read before', { error });
    held = { ...held, refreshAt: now + retryAfterMs };
  }
}

/** Tests only: forget the held secret and client. */
export function resetAuthSecret(): void {
  held = undefined;
  client = undefined;
}
