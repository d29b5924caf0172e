import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sendMail } from '../../shared/mail/outbox.js';
import { startFakeAws, type FakeAws } from './fake-aws.js';

const mail = { to: 'grace@example.org', subject: 'Join Northwind on Clerq', text: 'Follow the link: https://x/oauth/invitation?token=t', link: 'https://x/oauth/invitation?token=t' };

describe('mail: SES when a sender is configured, the local outbox otherwise', () => {
  let fake: FakeAws;
  let outbox: string;
  beforeAll(async () => {
    fake = await startFakeAws();
    process.env.AWS_ENDPOINT_URL_SESV2 = fake.url;
    outbox = join(mkdtempSync(join(tmpdir(), 'clerq-outbox-')), 'outbox.jsonl');
    process.env.OUTBOX_PATH = outbox;
  });
  afterAll(async () => {
    delete process.env.AWS_ENDPOINT_URL_SESV2;
    delete process.env.OUTBOX_PATH;
    delete process.env.MAIL_FROM;
    await fake.close();
  });

  it('writes to the outbox when no sender is configured, and calls no AWS service', async () => {
    delete process.env.MAIL_FROM;
    await sendMail(mail, new Date('2026-12-01T10:00:00Z'));
    expect(JSON.parse(readFileSync(outbox, 'utf8').trim())).toEqual({ ...mail, at: '2026-12-01T10:00:00.000Z' });
    expect(fake.received).toEqual([]);
  });

  it('sends through SES v2 from the configured sender, as plain UTF-8 text, and writes no outbox line', async () => {
    process.env.MAIL_FROM = 'Clerq <no-reply@example.com>';
    const before = readFileSync(outbox, 'utf8');
    await sendMail({ ...mail, subject: 'Rejoignez Société Générale' });
    expect(fake.received).toEqual([
      {
        target: undefined,
        path: '/v2/email/outbound-emails',
        body: {
          FromEmailAddress: 'Clerq <no-reply@example.com>',
          Destination: { ToAddresses: ['grace@example.org'] },
          Content: { Simple: { Subject: { Data: 'Rejoignez Société Générale', Charset: 'UTF-8' }, Body: { Text: { Data: mail.text, Charset: 'UTF-8' } } } },
        },
      },
    ]);
    expect(readFileSync(outbox, 'utf8')).toBe(before);
    expect(existsSync(outbox)).toBe(true);
  });

  it('in Lambda without a sender, refuses rather than writing an outbox nobody reads', async () => {
    delete process.env.MAIL_FROM;
    Object.assign(process.env, { AWS_LAMBDA_FUNCTION_NAME: 'Clerq-mcp', AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x' });
    const before = readFileSync(outbox, 'utf8');
    const sent = fake.received.length;
    try {
      await expect(sendMail(mail)).rejects.toThrow(/no mail sender is configured/);
    } finally {
      delete process.env.AWS_LAMBDA_FUNCTION_NAME;
      delete process.env.AWS_EXECUTION_ENV;
    }
    expect(readFileSync(outbox, 'utf8')).toBe(before);
    expect(fake.received.length).toBe(sent);
  });
});
