import { mcpResource } from '../config/index.js';

/**
 * RFC 8707 resource indicators. Clerq protects one resource, the MCP endpoint. A requested
 * resource names it when it is the same URL after the normalization URL parsing does (scheme and
 * host case, default port), which MCP 2025-11-25 asks servers to accept; a fragment never matches.
 */
export function isOurResource(resource: string): boolean {
  if (resource.includes('#')) return false;
  try {
    return new URL(resource).href === new URL(mcpResource()).href;
  } catch {
    return false;
  }
}
