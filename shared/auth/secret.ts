/**
 * BETTER_AUTH_SECRET: the root of every signing key. Locally it is generated on first start
 * and kept under .data/; in AWS it is read from Secrets Manager at cold start.
 */
export function authSecret(): string {
  const secret = process.env.BETTER_AUTH_SECRET;
  if (!secret || secret.length < 32) throw new Error('BETTER_AUTH_SECRET is missing or shorter than 32 characters');
  return secret;
}
