import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { seedBusiness, seedGrant, seedMember, type BusinessSettings, type SeededMember } from './seed.js';
import type { Role } from '../../shared/ops/context.js';
import { handler } from '../../functions/mcp.js';
import type { HttpEvent, HttpResult } from '../../shared/http/types.js';

/** A seeded member whose MCP calls go through the real MCP function in process. */
export interface Member extends SeededMember {
  rpc(method: string, params?: unknown): Promise<{ status: number; body: Record<string, unknown>; result: HttpResult }>;
  call(name: string, args?: Record<string, unknown>): Promise<CallToolResult>;
}

let requestCounter = 0;

export function mcpEvent(token: string | undefined, body: unknown, extraHeaders: Record<string, string> = {}): HttpEvent {
  const headers: Record<string, string> = { host: 'localhost:3000', 'content-type': 'application/json', accept: 'application/json', ...extraHeaders };
  if (token) headers.authorization = `Bearer ${token}`;
  return {
    version: '2.0',
    routeKey: 'POST /api/mcp',
    rawPath: '/api/mcp',
    rawQueryString: '',
    headers,
    requestContext: {
      accountId: 'local',
      apiId: 'local',
      domainName: 'localhost',
      domainPrefix: 'localhost',
      http: { method: 'POST', path: '/api/mcp', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'jest' },
      requestId: `test-${++requestCounter}`,
      routeKey: 'POST /api/mcp',
      stage: '$default',
      time: new Date().toISOString(),
      timeEpoch: Date.now(),
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    isBase64Encoded: false,
  };
}

export async function invokeMcp(event: HttpEvent): Promise<HttpResult> {
  return (await handler(event, {} as never)) as HttpResult;
}

async function connect(businessId: string, businessName: string, role: Role, scope: string, userName: string): Promise<Member> {
  return asMember(await seedMember(businessId, businessName, role, scope, userName));
}

/** The same member connected a second time, with another scope. */
export async function connectAgain(m: Member, scope: string): Promise<Member> {
  return asMember(await seedGrant(m, scope));
}

function asMember(seeded: SeededMember): Member {
  let id = 0;
  const rpc: Member['rpc'] = async (method, params) => {
    const result = await invokeMcp(mcpEvent(seeded.token, { jsonrpc: '2.0', id: ++id, method, params }));
    return { status: result.statusCode ?? 0, body: JSON.parse(result.body ?? '{}') as Record<string, unknown>, result };
  };
  const call: Member['call'] = async (name, args = {}) => {
    const { body } = await rpc('tools/call', { name, arguments: args });
    if (!body.result) throw new Error(`no result: ${JSON.stringify(body)}`);
    return body.result as CallToolResult;
  };
  return { ...seeded, rpc, call };
}

/** A new business with an owner connected read-and-write. */
export async function createBusiness(name = `Business ${Math.random().toString(36).slice(2, 8)}`, settings: BusinessSettings | string = {}): Promise<Member> {
  const biz = await seedBusiness(name, typeof settings === 'string' ? { currency: settings } : settings);
  return connect(biz.businessId, name, 'owner', 'clerq:read clerq:write', `Owner of ${name}`);
}

/** Another member of the same business, with the given role and scope. */
export async function addMember(owner: Member, role: Role, scope = 'clerq:read clerq:write'): Promise<Member> {
  return connect(owner.businessId, owner.businessName, role, scope, `${role} of ${owner.businessName}`);
}

/** The stable error code of a failed tool result. */
export function errorCode(r: CallToolResult): string | undefined {
  if (!r.isError) return undefined;
  return (r._meta?.['clerq/error'] as { code?: string } | undefined)?.code;
}

export function structured<T = Record<string, unknown>>(r: CallToolResult): T {
  if (r.isError) throw new Error(`tool failed: ${JSON.stringify(r.content)}`);
  return r.structuredContent as T;
}
