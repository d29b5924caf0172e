import { describe, it, expect } from '@jest/globals';
import { idPrefixes } from '../../shared/ids.js';
import { addMember, connectAgain, createBusiness, structured } from '../support/tenant.js';
import { createWork } from '../support/time.js';
import { webCall, webOut } from '../support/web-door.js';

interface Connection {
  id: string;
  client_name: string;
  member: { user_id: string; name: string | null };
  access: string;
  status: string;
  last_used_at: string | null;
}

interface Activity {
  actor_id: string;
  via: string;
  connection_id: string | null;
  client_name: string | null;
  operation: string;
  summary: string;
}

describe('connected assistants (web only)', () => {
  it('lists each connection with whose it is and its access; revoking stops the assistant at once', async () => {
    const owner = await createBusiness('Connections Co');
    const readOnly = await connectAgain(owner, 'clerq:read');
    const member = await addMember(owner, 'member');
    structured(await readOnly.call('whoami'));
    const all = webOut<{ items: Connection[] }>(await webCall(owner, 'list_connections')).items;
    expect(all.map((c) => [c.id, c.member.user_id, c.access]).sort()).toEqual(
      [
        [owner.grantId, owner.userId, 'read_write'],
        [readOnly.grantId, owner.userId, 'read_only'],
        [member.grantId, member.userId, 'read_write'],
      ].sort(),
    );
    expect(all.find((c) => c.id === readOnly.grantId)?.last_used_at).not.toBeNull();

    const revoked = webOut<{ connection: Connection }>(await webCall(owner, 'revoke_connection', { connection_id: readOnly.grantId }));
    expect(revoked.connection).toMatchObject({ status: 'revoked' });
    expect((await readOnly.rpc('tools/call', { name: 'whoami', arguments: {} })).status).toBe(401);
    structured(await owner.call('whoami'));
    expect(webOut<{ items: Connection[] }>(await webCall(owner, 'list_connections')).items.map((c) => c.id)).not.toContain(readOnly.grantId);
    expect(webOut<{ items: Connection[] }>(await webCall(owner, 'list_connections', { status: 'revoked' })).items.map((c) => c.id)).toEqual([readOnly.grantId]);
    expect(await webCall(owner, 'revoke_connection', { connection_id: readOnly.grantId })).toMatchObject({ ok: false, code: 'conflict' });
  });

  it('pages newest first, filtered by status and, for a member, to their own, without repeats', async () => {
    const owner = await createBusiness('Many Connections Co');
    const member = await addMember(owner, 'member');
    const again: string[] = [];
    for (let i = 0; i < 4; i++) again.push((await connectAgain(owner, 'clerq:read')).grantId);
    webOut(await webCall(owner, 'revoke_connection', { connection_id: again[0] }));
    const pages: string[][] = [];
    let cursor: string | null = null;
    do {
      const out: { items: Connection[]; next_cursor: string | null } = webOut(await webCall(owner, 'list_connections', { status: 'active', limit: 2, ...(cursor ? { cursor } : {}) }));
      pages.push(out.items.map((c) => c.id));
      cursor = out.next_cursor;
    } while (cursor);
    // Six connections, one revoked: the five active ones, newest first, two to a page.
    expect(pages.flat()).toEqual([again[3], again[2], again[1], member.grantId, owner.grantId]);
    expect(pages.slice(0, 2).map((p) => p.length)).toEqual([2, 2]);
    const first = webOut<{ next_cursor: string }>(await webCall(owner, 'list_connections', { limit: 2 }));
    // A cursor belongs to its list: reusing it under another filter, or as a member, is refused.
    expect(await webCall(owner, 'list_connections', { status: 'all', limit: 2, cursor: first.next_cursor })).toMatchObject({ ok: false, code: 'invalid_input' });
    expect(await webCall(member, 'list_connections', { limit: 2, cursor: first.next_cursor })).toMatchObject({ ok: false, code: 'invalid_input' });
    expect(webOut<{ items: Connection[] }>(await webCall(member, 'list_connections', { status: 'all' })).items.map((c) => c.id)).toEqual([member.grantId]);
  });

  it('a member sees and revokes only their own; another business’s connection is not found', async () => {
    const owner = await createBusiness('Own Connections Co');
    const member = await addMember(owner, 'member');
    const elsewhere = await createBusiness('Far Away Ltd');
    expect(webOut<{ items: Connection[] }>(await webCall(member, 'list_connections')).items.map((c) => c.id)).toEqual([member.grantId]);
    expect(await webCall(member, 'revoke_connection', { connection_id: owner.grantId })).toMatchObject({ ok: false, code: 'forbidden' });
    const foreign = await webCall(owner, 'revoke_connection', { connection_id: elsewhere.grantId });
    expect(foreign).toMatchObject({ ok: false, code: 'not_found', message: `connection ${elsewhere.grantId} is not in this business` });
    structured(await elsewhere.call('whoami'));
  });
});

describe('activity (web only)', () => {
  it('shows what an assistant did and what was done in the web app, filterable, newest first', async () => {
    const owner = await createBusiness('Activity Co');
    const member = await addMember(owner, 'member');
    const work = await createWork(owner);
    structured(await member.call('log_time', { task_id: work.taskId, date: '2025-06-02', duration_minutes: 30 }));
    webOut(await webCall(owner, 'update_business_settings', { payment_terms_days: 10 }));

    const all = webOut<{ items: Activity[] }>(await webCall(owner, 'list_activity', { limit: 100 })).items;
    expect(all.map((a) => a.operation)).toEqual(['update_business_settings', 'log_time', 'create_task', 'create_project', 'create_client']);
    expect(all[0]).toMatchObject({ via: 'web', connection_id: null, actor_id: owner.userId });
    expect(all[1]).toMatchObject({ via: 'mcp', connection_id: member.grantId, client_name: 'Seeded assistant', actor_id: member.userId });

    const byConnection = webOut<{ items: Activity[] }>(await webCall(owner, 'list_activity', { connection_id: member.grantId })).items;
    expect(byConnection.map((a) => a.operation)).toEqual(['log_time']);
    const viaWeb = webOut<{ items: Activity[] }>(await webCall(owner, 'list_activity', { via: 'web' })).items;
    expect(viaWeb.map((a) => a.operation)).toEqual(['update_business_settings']);
    const mine = webOut<{ items: Activity[] }>(await webCall(member, 'list_activity')).items;
    expect(mine.map((a) => a.actor_id)).toEqual([member.userId]);
    expect(await webCall(member, 'list_activity', { member_id: owner.userId })).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await webCall(member, 'list_activity', { connection_id: owner.grantId })).toMatchObject({ ok: false, code: 'forbidden' });
    const stranger = await createBusiness('Stranger Activity Ltd');
    expect(await webCall(owner, 'list_activity', { member_id: stranger.userId })).toMatchObject({ ok: false, code: 'not_found', message: `member ${stranger.userId} is not in this business` });
    expect(await webCall(owner, 'list_activity', { connection_id: stranger.grantId })).toMatchObject({ ok: false, code: 'not_found' });
  });

  it('says in plain words what happened: names, not ids; money in its currency; hours and minutes; settings in words', async () => {
    const owner = await createBusiness('Plain Words Co', { currency: 'EUR' });
    const member = await addMember(owner, 'member');
    const client = structured<{ client: { id: string } }>(await owner.call('create_client', { name: 'Harbor Books' })).client;
    const project = structured<{ project: { id: string } }>(await owner.call('create_project', { client_id: client.id, name: 'Year-end accounts' })).project;
    const task = structured<{ task: { id: string } }>(await owner.call('create_task', { project_id: project.id, name: 'Bookkeeping' })).task;
    structured(await owner.call('log_time', { task_id: task.id, date: '2025-06-02', duration_minutes: 135 }));
    structured(await owner.call('log_time', { task_id: task.id, date: '2025-06-03', duration_minutes: 45, member_id: member.userId }));
    const draft = structured<{ invoice: { id: string } }>(await owner.call('create_draft_invoice', { client_id: client.id })).invoice;
    structured(await owner.call('add_invoice_line', { invoice_id: draft.id, description: 'Workshop', quantity: 1, unit_amount: 12050 }));
    structured(await owner.call('get_invoice_pdf_link', { invoice_id: draft.id }));
    const issued = structured<{ invoice: { number: string } }>(await owner.call('issue_invoice', { invoice_id: draft.id })).invoice;
    structured(await owner.call('get_invoice_pdf_link', { invoice_id: draft.id }));
    webOut(await webCall(owner, 'update_business_settings', { payment_terms_days: 14, default_tax_rate_bps: 2000 }));

    const summaries = webOut<{ items: Activity[] }>(await webCall(owner, 'list_activity', { limit: 100 })).items.map((a) => a.summary);
    const anyId = new RegExp(`\\b(${Object.values(idPrefixes).join('|')})_[0-9A-Z]{10,}`);
    for (const s of summaries) {
      expect(s).not.toMatch(anyId);
      expect(s).not.toMatch(/minor units/);
    }
    expect(summaries).toEqual([
      'Changed the business settings: payment terms and default tax rate',
      `Made a 15-minute PDF link to invoice ${issued.number}`,
      `Issued invoice ${issued.number} to Harbor Books for €120.50`,
      'Made a 15-minute PDF link to the draft for Harbor Books',
      'Added the line "Workshop" (€120.50) to the draft for Harbor Books',
      'Created a draft invoice for Harbor Books',
      "Logged 45 min of member of Plain Words Co's time on task Bookkeeping for 2025-06-03",
      'Logged 2 h 15 min on task Bookkeeping for 2025-06-02',
      'Created task Bookkeeping in project Year-end accounts',
      'Created project Year-end accounts for Harbor Books',
      'Created client Harbor Books',
    ]);
  });

  it('an update names what it changed, not every field a form sent', async () => {
    const owner = await createBusiness('Edits Co', { currency: 'EUR' });
    const fields = { name: 'Quay Books', email: 'hello@quay.example', phone: '+49 30 1234', address: { line1: 'Kai 1', city: 'Berlin', country: 'DE' }, currency: 'EUR', tax_id: 'DE123' };
    const client = structured<{ client: { id: string } }>(await owner.call('create_client', { ...fields, hourly_rate: 8000 })).client;
    // The form sends everything again; only the rate differs, then nothing does.
    structured(await owner.call('update_client', { client_id: client.id, ...fields, hourly_rate: 8550 }));
    structured(await owner.call('update_client', { client_id: client.id, ...fields, hourly_rate: 8550 }));
    structured(await owner.call('update_client', { client_id: client.id, address: { city: 'Hamburg' }, email: null }));
    structured(await owner.call('add_client_note', { client_id: client.id, body: 'Prefers invoices by post.' }));
    const summaries = webOut<{ items: Activity[] }>(await webCall(owner, 'list_activity', { limit: 10 })).items.map((a) => a.summary);
    expect(summaries.slice(0, 4)).toEqual(['Added a note to client Quay Books', 'Updated client Quay Books: email and address', 'Updated client Quay Books: nothing', 'Updated client Quay Books: hourly rate']);
  });

  it('pages with a cursor and filters by business-local dates', async () => {
    const owner = await createBusiness('Paging Co', { timeZone: 'Pacific/Auckland' });
    for (let i = 0; i < 5; i++) structured(await owner.call('create_client', { name: `Client ${i}` }));
    const first = webOut<{ items: Activity[]; next_cursor: string | null }>(await webCall(owner, 'list_activity', { limit: 3 }));
    expect(first.items).toHaveLength(3);
    const second = webOut<{ items: Activity[]; next_cursor: string | null }>(await webCall(owner, 'list_activity', { limit: 3, cursor: first.next_cursor }));
    expect([...first.items, ...second.items].map((a) => a.summary)).toHaveLength(5);
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Pacific/Auckland' }).format(new Date());
    expect(webOut<{ items: Activity[] }>(await webCall(owner, 'list_activity', { from: today, to: today })).items).toHaveLength(5);
    expect(webOut<{ items: Activity[] }>(await webCall(owner, 'list_activity', { to: '2020-01-01' })).items).toHaveLength(0);
    expect(await webCall(owner, 'list_activity', { from: '2025-02-01', to: '2025-01-01' })).toMatchObject({ ok: false, code: 'invalid_input' });
  });
});
