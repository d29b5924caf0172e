import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { authSecret, loadAuthSecret, resetAuthSecret, retryAfterMs, secretMaxAgeMs } from '../../shared/auth/secret.js';
import { deriveKey } from '../../shared/auth/keys.js';
import { httpHandler } from '../../shared/http/handler.js';
import { json } from '../../shared/http/response.js';
import { httpEvent, resultJson } from '../support/events.js';
import { startFakeAws, type FakeAws } from './fake-aws.js';

const arn = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:clerq-auth-AbCdEf';
const first = 'a'.repeat(64);
const rotated = 'b'.repeat(64);

describe('BETTER_AUTH_SECRET from Secrets Manager', () => {
  let fake: FakeAws;
  const reads = () => fake.received.filter((r) => r.target === 'secretsmanager.GetSecretValue').length;

  beforeAll(async () => {
    fake = await startFakeAws(first);
    process.env.AWS_ENDPOINT_URL_SECRETS_MANAGER = fake.url;
  });
  afterEach(() => {
    delete process.env.BETTER_AUTH_SECRET_ARN;
    resetAuthSecret();
    fake.secret = first;
    fake.failing = false;
    fake.received.length = 0;
  });
  afterAll(async () => {
    delete process.env.AWS_ENDPOINT_URL_SECRETS_MANAGER;
    await fake.close();
  });

  it('locally, reads the environment as before and never calls Secrets Manager', async () => {
    await loadAuthSecret();
    expect(authSecret()).toBe(process.env.BETTER_AUTH_SECRET);
    expect(reads()).toBe(0);
  });

  it('reads the secret once at cold start and keeps it for its maximum age', async () => {
    process.env.BETTER_AUTH_SECRET_ARN = arn;
    expect(() => authSecret()).toThrow(/not been read/);
    const t0 = 1_000_000;
    await loadAuthSecret(t0);
    expect(authSecret()).toBe(first);
    expect(fake.received[0]!.body).toEqual({ SecretId: arn });
    await loadAuthSecret(t0 + secretMaxAgeMs - 1);
    expect(reads()).toBe(1);
  });

  it('takes a rotated secret within the maximum age, without a redeploy, and every derived key changes with it', async () => {
    process.env.BETTER_AUTH_SECRET_ARN = arn;
    const t0 = 2_000_000;
    await loadAuthSecret(t0);
    const before = deriveKey('access-token');
    fake.secret = rotated;
    await loadAuthSecret(t0 + 1000);
    expect(authSecret()).toBe(first);
    await loadAuthSecret(t0 + secretMaxAgeMs);
    expect(authSecret()).toBe(rotated);
    expect(deriveKey('access-token').equals(before)).toBe(false);
    expect(reads()).toBe(2);
  });

  it('keeps the held secret when a refresh fails, and tries again soon rather than at the next maximum age', async () => {
    process.env.BETTER_AUTH_SECRET_ARN = arn;
    const t0 = 3_000_000;
    await loadAuthSecret(t0);
    fake.failing = true;
    await loadAuthSecret(t0 + secretMaxAgeMs);
    expect(authSecret()).toBe(first);
    const failedAt = reads();
    await loadAuthSecret(t0 + secretMaxAgeMs + retryAfterMs - 1);
    expect(reads()).toBe(failedAt);
    fake.failing = false;
    fake.secret = rotated;
    await loadAuthSecret(t0 + secretMaxAgeMs + retryAfterMs);
    expect(authSecret()).toBe(rotated);
  }, 30_000);

  it('fails the request when no secret could ever be read, and reads again on the next one', async () => {
    process.env.BETTER_AUTH_SECRET_ARN = arn;
    fake.failing = true;
    const handler = httpHandler(async () => json(200, { key: deriveKey('csrf').length }));
    const failed = await handler(httpEvent({ path: '/oauth/token' }), {} as never);
    expect(failed.statusCode).toBe(500);
    expect(resultJson(failed)).toMatchObject({ error: 'server_error' });
    expect(JSON.stringify(failed)).not.toContain('down');
    fake.failing = false;
    const ok = await handler(httpEvent({ path: '/oauth/token' }), {} as never);
    expect(resultJson(ok)).toEqual({ key: 32 });
  }, 30_000);

  it('refuses a secret too short to derive keys from', async () => {
    process.env.BETTER_AUTH_SECRET_ARN = arn;
    fake.secret = 'short';
    await expect(loadAuthSecret()).rejects.toThrow(/shorter than 32/);
  });
});
