import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { config } from '../config/index.js';
import { inLambda } from '../log/index.js';
import { sendWithSes } from './ses.js';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  link: string;
}

/**
 * Sends a message: through Amazon SES when a verified sender is configured (MAIL_FROM, set by the
 * stack from the `mailFrom` context), otherwise appended to the local outbox. The tool result
 * always carries the link too, so a message that is never read loses nothing.
 */
export async function sendMail(mail: OutgoingMail, at = new Date()): Promise<void> {
  const from = config().mailFrom;
  if (from) {
    await sendWithSes(from, mail);
    return;
  }
  // A Lambda function has no outbox anyone reads (and a read-only disk): say so, and the caller logs it.
  if (inLambda()) throw new Error('no mail sender is configured (deploy with -c mailFrom=…); the link is in the tool result');
  await writeToOutbox(mail, at);
}

/** The outbox: one JSON line per message; `npm start` prints each new line. */
export async function writeToOutbox(mail: OutgoingMail, at = new Date()): Promise<void> {
  const path = config().outboxPath;
  await mkdir(dirname(path), { recursive: true });
  await appendFile(path, `${JSON.stringify({ ...mail, at: at.toISOString() })}\n`);
}
