import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { auth } from '@modelcontextprotocol/sdk/client/auth.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { Browser } from '../oauth/helpers/browser.js';
import { decide } from '../oauth/helpers/flow.js';
import { formWithAction } from '../oauth/helpers/html.js';
import { startInstance } from '../oauth/helpers/instance.js';
import { MemoryProvider, openToolSession } from '../oauth/helpers/sdk.js';

/**
 * The whole invitation on a real local instance (sign-up by invitation, the default): the owner's
 * assistant invites by tool, the invitee follows the link from the tool result in a fresh browser,
 * creates an account there and joins, then connects an assistant of their own and sees the
 * business and the member role in whoami.
 */
let inst: Awaited<ReturnType<typeof startInstance>>;
beforeAll(async () => {
  inst = await startInstance();
}, 60_000);
afterAll(() => inst?.stop());

interface WhoAmI {
  user: { id: string; email?: string };
  business: { id: string; name: string };
  role: string;
}

describe('inviting a team member end to end', () => {
  it('invite by tool → link → sign-up → join → the new member connects and is a member in whoami', async () => {
    const owner = await openToolSession(inst.url, inst.mcpUrl, { clientName: 'Owner Assistant' });
    const ownerMe = await owner.call<WhoAmI>('whoami');
    const email = `new.member.${Date.now()}@example.test`;
    const invited = await owner.call<{ invitation: { id: string; email: string; role: string }; accept_link: string }>('invite_team_member', { email, role: 'member' });
    expect(invited.invitation).toMatchObject({ email, role: 'member' });
    const link = new URL(invited.accept_link);
    expect(link.origin).toBe(new URL(inst.url).origin);
    expect(link.pathname).toBe('/oauth/invitation');

    // The instance wrote the mail to its outbox.
    const outbox = readFileSync(join(inst.dataDir, 'outbox.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { to: string; link: string });
    expect(outbox.at(-1)).toMatchObject({ to: email, link: invited.accept_link });
    // …and npm start printed it (the watcher polls every half second).
    for (let i = 0; i < 40 && !inst.output().includes(`Mail to ${email}`); i++) await new Promise((r) => setTimeout(r, 100));
    expect(inst.output()).toContain(`Mail to ${email}`);
    expect(inst.output()).toContain(invited.accept_link);

    const browser = new Browser(inst.url);
    const page = await browser.go(link.pathname + link.search);
    expect(page.status).toBe(200);
    const form = formWithAction(page.text, '/oauth/invitation');
    form.fields.set('name', 'Nora Newcomer');
    form.fields.set('password', 'correct horse battery');
    const joined = await browser.request(form.action, { form: form.fields });
    expect(joined.status).toBe(200);
    expect(joined.text).toContain('You joined');

    const team = await owner.call<{ members: { name: string; role: string }[]; pending_invitation_count: number }>('list_team_members');
    expect(team.members.map((m) => [m.name, m.role])).toContainEqual(['Nora Newcomer', 'member']);
    expect(team.pending_invitation_count).toBe(0);

    // The new member's own assistant: the SDK sends the signed-in browser to consent.
    const provider = new MemoryProvider('Member Assistant');
    const serverUrl = new URL(inst.mcpUrl);
    expect(await auth(provider, { serverUrl })).toBe('REDIRECT');
    const url = provider.authorizationUrl!;
    const { redirect } = await decide(browser, url.pathname + url.search, { access: 'write', business: ownerMe.business.id });
    expect(await auth(provider, { serverUrl, authorizationCode: redirect.searchParams.get('code') ?? '' })).toBe('AUTHORIZED');
    const client = new Client({ name: 'member-e2e', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(serverUrl, { authProvider: provider }));
    try {
      const r = (await client.callTool({ name: 'whoami', arguments: {} })) as CallToolResult;
      expect(r.isError).toBeFalsy();
      const me = r.structuredContent as unknown as WhoAmI;
      expect(me.business).toMatchObject({ id: ownerMe.business.id, name: ownerMe.business.name });
      expect(me.role).toBe('member');
      expect(me.user.id).not.toBe(ownerMe.user.id);
    } finally {
      await client.close();
      await owner.client.close();
    }
  });
});
