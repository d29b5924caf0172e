import { httpHandler } from '../shared/http/handler.js';
import { handlePdfLink } from '../shared/pdf/endpoint.js';

/** GET /api/pdf/<token>: the signed invoice PDF link. Its own function, so the MCP function never loads the renderer. */
export const handler = httpHandler(handlePdfLink);
