import { describe, it, expect, beforeAll } from '@jest/globals';
import { SignJWT } from 'jose';
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { db } from '../../shared/db/service.js';
import { createBusiness, invokeMcp, mcpEvent, errorCode, type Member } from '../support/tenant.js';

const initialize = { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'jest', version: '1' } } };

describe('MCP endpoint', () => {
  let owner: Member;
  beforeAll(async () => {
    owner = await createBusiness('Endpoint Co');
  });

  it('without a token answers 401 pointing at the protected resource metadata', async () => {
    const r = await invokeMcp(mcpEvent(undefined, initialize));
    expect(r.statusCode).toBe(401);
    const challenge = r.headers?.['www-authenticate'] as string;
    expect(challenge).toContain('Bearer resource_metadata="http://localhost:3000/.well-known/oauth-protected-resource/api/mcp"');
    expect(challenge).not.toContain('invalid_token');
  });

  it('with a bad token answers 401 with error="invalid_token"', async () => {
    for (const token of ['garbage', `${owner.token.slice(0, -2)}xx`]) {
      const r = await invokeMcp(mcpEvent(token, initialize));
      expect(r.statusCode).toBe(401);
      expect(r.headers?.['www-authenticate']).toContain('error="invalid_token"');
    }
  });

  it('refuses a token signed with another key or alg none', async () => {
    const claims = { biz: owner.businessId, gid: owner.grantId, client_id: 'ocl_test', scope: 'clerq:read clerq:write' };
    const forged = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt' })
      .setIssuer('http://localhost:3000')
      .setAudience('http://localhost:3000/api/mcp')
      .setSubject(owner.userId)
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('another-secret-another-secret-1234'));
    const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const none = `${b64({ alg: 'none', typ: 'at+jwt' })}.${b64({ ...claims, sub: owner.userId, iss: 'http://localhost:3000', aud: 'http://localhost:3000/api/mcp', exp: Math.floor(Date.now() / 1000) + 3600 })}.`;
    for (const token of [forged, none]) expect((await invokeMcp(mcpEvent(token, initialize))).statusCode).toBe(401);
  });

  it('answers GET and DELETE with 405', async () => {
    for (const method of ['GET', 'DELETE']) {
      const ev = mcpEvent(owner.token, '');
      ev.requestContext.http.method = method;
      const r = await invokeMcp(ev);
      expect(r.statusCode).toBe(405);
      expect(r.headers?.allow).toContain('POST');
    }
  });

  it('refuses a foreign Host or Origin (DNS rebinding)', async () => {
    expect((await invokeMcp(mcpEvent(owner.token, initialize, { host: 'evil.example:3000' }))).statusCode).toBe(403);
    expect((await invokeMcp(mcpEvent(owner.token, initialize, { origin: 'http://evil.example' }))).statusCode).toBe(403);
    expect((await invokeMcp(mcpEvent(owner.token, initialize, { host: '127.0.0.1:3000', origin: 'http://localhost:3000' }))).statusCode).toBe(200);
  });

  it('initializes without a session and lists every tool with schemas and annotations', async () => {
    const init = await owner.rpc('initialize', initialize.params);
    expect(init.status).toBe(200);
    expect(init.result.headers?.['mcp-session-id']).toBeUndefined();
    const { body } = await owner.rpc('tools/list');
    const tools = (body.result as { tools: Tool[] }).tools;
    expect(tools.map((t) => t.name)).toEqual([
      'whoami',
      'list_clients',
      'get_client',
      'create_client',
      'update_client',
      'add_client_note',
      'archive_client',
      'list_projects',
      'get_project',
      'create_project',
      'update_project',
      'list_tasks',
      'create_task',
      'update_task',
      'set_task_status',
      'start_timer',
      'stop_timer',
      'get_running_timer',
      'log_time',
      'list_task_time',
      'list_time_entries',
      'update_time_entry',
      'delete_time_entry',
      'list_invoices',
      'get_invoice',
      'create_draft_invoice',
      'update_draft_invoice',
      'generate_invoice_from_time',
      'add_invoice_line',
      'remove_invoice_line',
      'delete_draft_invoice',
      'issue_invoice',
      'mark_invoice_paid',
      'void_invoice',
      'get_invoice_pdf_link',
      'list_expenses',
      'create_expense',
      'update_expense',
      'mark_expense_paid',
      'delete_expense',
      'list_team_members',
      'invite_team_member',
      'revoke_invitation',
    ]);
    for (const t of tools) {
      expect(t.inputSchema.type).toBe('object');
      expect(t.outputSchema?.type).toBe('object');
      expect(t.annotations).toMatchObject({ title: expect.any(String), openWorldHint: false });
      expect(typeof t.annotations?.readOnlyHint).toBe('boolean');
      expect(typeof t.annotations?.destructiveHint).toBe('boolean');
      expect(typeof t.annotations?.idempotentHint).toBe('boolean');
      expect(t.description!.length).toBeGreaterThan(20);
    }
  });

  it('an unknown tool is a JSON-RPC invalid-params error', async () => {
    const { body } = await owner.rpc('tools/call', { name: 'delete_everything', arguments: {} });
    expect(body.error).toMatchObject({ code: -32602, message: expect.stringContaining('Unknown tool: delete_everything') });
  });

  it('stops at once when the grant is revoked or the membership removed', async () => {
    const other = await createBusiness('Revoked Co');
    expect((await other.rpc('tools/list')).status).toBe(200);
    await db.entities.grant.patch({ businessId: other.businessId, grantId: other.grantId }).set({ status: 'revoked' }).go();
    const revoked = await other.rpc('tools/list');
    expect(revoked.status).toBe(401);
    expect(revoked.result.headers?.['www-authenticate']).toContain('error="invalid_token"');

    const third = await createBusiness('Removed Co');
    await db.entities.membership.delete({ businessId: third.businessId, userId: third.userId }).go();
    expect((await third.rpc('tools/list')).status).toBe(401);
  });

  it('a role change takes effect on the next request', async () => {
    const biz = await createBusiness('Demoted Co');
    await db.entities.membership.patch({ businessId: biz.businessId, userId: biz.userId }).set({ role: 'member' }).go();
    expect(errorCode(await biz.call('create_client', { name: 'After demotion' }))).toBe('forbidden');
  });
});
