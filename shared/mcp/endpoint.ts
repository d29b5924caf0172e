import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import { CallToolRequestSchema, ErrorCode, ListToolsRequestSchema, McpError, type CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { authenticateBearer } from '../auth/authenticate.js';
import { config } from '../config/index.js';
import { bodyText, header, method } from '../http/request.js';
import { json, publicCors } from '../http/response.js';
import type { HttpEvent, HttpResult } from '../http/types.js';
import { log } from '../http/log.js';
import type { OpContext } from '../ops/context.js';
import { OpError } from '../ops/errors.js';
import { runOperation } from '../ops/run.js';
import { toolList, toolOperations } from './tools.js';

export const serverInfo = { name: 'clerq', version: '0.1.0' };

const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * DNS-rebinding protection: the Host must be the public host (or, for a loopback public URL,
 * any loopback alias on the same port); an Origin, when sent, must be the public origin or listed.
 */
function hostAndOriginAllowed(event: HttpEvent): boolean {
  const { publicUrl, allowedHosts: extraHosts, allowedOrigins } = config();
  const pub = new URL(publicUrl);
  const allowedHosts = new Set([pub.host, ...extraHosts]);
  if (loopbackHosts.has(pub.hostname)) for (const h of loopbackHosts) allowedHosts.add(pub.port ? `${h}:${pub.port}` : h);
  const host = header(event, 'host');
  if (host && !allowedHosts.has(host.toLowerCase())) return false;
  const origin = header(event, 'origin');
  if (origin && origin !== pub.origin && !allowedOrigins.includes(origin)) return false;
  return true;
}

async function callTool(ctx: OpContext, name: string, args: unknown): Promise<CallToolResult> {
  const op = toolOperations.get(name);
  // An unknown tool is a protocol error (JSON-RPC invalid params), as the MCP spec asks.
  if (!op) throw new McpError(ErrorCode.InvalidParams, `Unknown tool: ${name}. Call tools/list for the available tools.`);
  const started = performance.now();
  try {
    const output = await runOperation(op, ctx, args);
    log.info('tool call', { requestId: ctx.requestId, businessId: ctx.businessId, operation: name, outcome: 'ok', ms: Math.round(performance.now() - started) });
    return {
      content: [{ type: 'text', text: op.summarize(output as never) }],
      structuredContent: output as Record<string, unknown>,
    };
  } catch (e) {
    if (e instanceof OpError) {
      log.info('tool call', { requestId: ctx.requestId, businessId: ctx.businessId, operation: name, outcome: e.code, ms: Math.round(performance.now() - started) });
      return toolError(e.code, e.message, e.details);
    }
    log.error('tool call failed', { requestId: ctx.requestId, businessId: ctx.businessId, operation: name, error: e });
    return toolError('internal', `Internal error (request ${ctx.requestId}); nothing is known to have changed. Try again later.`);
  }
}

function toolError(code: OpError['code'], message: string, details?: Record<string, unknown>): CallToolResult {
  return {
    isError: true,
    content: [{ type: 'text', text: `${code}: ${message}` }],
    _meta: { 'clerq/error': { code, message, ...(details ? { details } : {}) } },
  };
}

/** A fresh, cheap server per request over the precomputed tool list (the stateless transport cannot be reused). */
function buildServer(ctx: OpContext): Server {
  const server = new Server(serverInfo, {
    capabilities: { tools: { listChanged: false } },
    instructions:
      'Clerq is the back office of one business. Call whoami first to see which business this connection acts on and whether it may write. Money is in integer minor units; dates are business-local YYYY-MM-DD.',
  });
  server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: [...toolList] }));
  server.setRequestHandler(CallToolRequestSchema, async (req) => callTool(ctx, req.params.name, req.params.arguments));
  return server;
}

/** Clients often send only `Accept: application/json`; the SDK insists on both types. */
function normalizedAccept(event: HttpEvent): string {
  const accept = header(event, 'accept') ?? '';
  const parts = new Set(accept.split(',').map((s) => s.trim()).filter(Boolean));
  parts.add('application/json');
  parts.add('text/event-stream');
  return [...parts].join(', ');
}

export async function handleMcp(event: HttpEvent): Promise<HttpResult> {
  const verb = method(event);
  // GET would open an SSE stream that never closes (a Lambda would hang); DELETE ends sessions we do not have.
  if (verb !== 'POST') return json(405, { error: 'method_not_allowed', error_description: 'Use POST; this server is stateless and does not stream.' }, { allow: 'POST, OPTIONS', ...publicCors });
  if (!hostAndOriginAllowed(event)) return json(403, { error: 'forbidden', error_description: 'Host or Origin not allowed' });
  const requestId = event.requestContext.requestId;
  const auth = await authenticateBearer(event, requestId);
  if (!auth.ok) return { ...auth.response, headers: { ...auth.response.headers, ...publicCors } };

  let body: unknown;
  try {
    body = JSON.parse(bodyText(event));
  } catch {
    return json(400, { jsonrpc: '2.0', id: null, error: { code: -32700, message: 'Parse error: the body is not JSON' } }, publicCors);
  }
  const headers = new Headers();
  for (const [k, v] of Object.entries(event.headers ?? {})) if (v !== undefined) headers.set(k, v);
  headers.set('accept', normalizedAccept(event));
  headers.set('content-type', 'application/json');
  const request = new Request(`${config().publicUrl}/api/mcp`, { method: 'POST', headers, body: JSON.stringify(body) });

  const server = buildServer(auth.ctx);
  const transport = new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
  await server.connect(transport);
  try {
    const response = await transport.handleRequest(request, { parsedBody: body });
    const out: Record<string, string> = { ...publicCors };
    response.headers.forEach((v, k) => (out[k] = v));
    return { statusCode: response.status, headers: out, body: await response.text() };
  } finally {
    await server.close();
  }
}
