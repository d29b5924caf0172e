import { describe, expect, it } from '@jest/globals';
import { appendFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { watchOutbox } from '../../infra/local/outbox-watch.js';

const until = async (ok: () => boolean) => {
  for (let i = 0; i < 60 && !ok(); i++) await new Promise((r) => setTimeout(r, 100));
};

describe('npm start prints the outbox', () => {
  it('prints only mail appended after it started, once each, even when a line arrives in two writes', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'clerq-outbox-')), 'outbox.jsonl');
    appendFileSync(path, `${JSON.stringify({ to: 'old@example.test', subject: 'Old', link: 'http://x/old' })}\n`);
    const printed: string[] = [];
    const stop = watchOutbox(path, (l) => printed.push(l));
    try {
      const line = JSON.stringify({ to: 'ada@example.test', subject: 'Join Team Co', text: '…', link: 'http://x/oauth/invitation?token=t' });
      appendFileSync(path, line.slice(0, 20));
      await new Promise((r) => setTimeout(r, 700));
      appendFileSync(path, `${line.slice(20)}\n`);
      await until(() => printed.length > 0);
      await new Promise((r) => setTimeout(r, 700));
      expect(printed).toEqual(['Mail to ada@example.test: Join Team Co\n  http://x/oauth/invitation?token=t']);
    } finally {
      stop();
    }
  });
});
