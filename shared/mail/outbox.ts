import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { config } from '../config/index.js';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  link: string;
}

/**
 * Mail is appended to the outbox as one JSON line per message; `npm start` prints each new line.
 * The tool result always carries the link too, so a message that is never read loses nothing.
 */
export async function sendMail(mail: OutgoingMail, at = new Date()): Promise<void> {
  const path = config().outboxPath;
  await mkdir(dirname(path), { recursive: true });
  await appendFile(path, `${JSON.stringify({ ...mail, at: at.toISOString() })}\n`);
}
