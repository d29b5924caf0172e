import type { SESv2Client } from '@aws-sdk/client-sesv2';
import type { OutgoingMail } from './outbox.js';

let client: SESv2Client | undefined;

/**
 * Sends one plain-text message through Amazon SES (API v2) from a verified sender. The region is
 * the function's own; SES must have the sender (address or its domain) verified there, and while
 * the account is in the SES sandbox, the recipients too (docs/deploy.md).
 */
export async function sendWithSes(from: string, mail: OutgoingMail): Promise<string | undefined> {
  // Loaded on first use: most requests send no mail, and the local instance never does this way.
  const { SESv2Client, SendEmailCommand } = await import('@aws-sdk/client-sesv2');
  client ??= new SESv2Client({});
  const out = await client.send(
    new SendEmailCommand({
      FromEmailAddress: from,
      Destination: { ToAddresses: [mail.to] },
      Content: { Simple: { Subject: { Data: mail.subject, Charset: 'UTF-8' }, Body: { Text: { Data: mail.text, Charset: 'UTF-8' } } } },
    }),
  );
  return out.MessageId;
}
