import { httpHandler } from '../shared/http/handler.js';
import { handleMcp } from '../shared/mcp/endpoint.js';

/** POST /api/mcp: the MCP endpoint (Streamable HTTP, stateless, JSON responses). */
export const handler = httpHandler(handleMcp);
