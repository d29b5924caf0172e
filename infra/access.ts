/**
 * What each function may touch. Records over every function name, so adding a function to the
 * route table does not type-check until its access is decided here. test/infra checks these
 * against each function's real import graph (a function that derives keys reads the secret, one
 * that sends mail may send mail) and against the IAM statements the stack writes.
 */
import type { FunctionName } from '../functions/routes.js';

/** Table access. */
export const tableAccess: Record<FunctionName, 'none' | 'read' | 'readWrite'> = {
  metadata: 'none',
  register: 'readWrite',
  authorize: 'readWrite',
  token: 'readWrite',
  mcp: 'readWrite',
  api: 'readWrite',
  // Reads the invoice and the business; the link's activity record is written by the MCP function.
  pdf: 'read',
};

/** Who reads BETTER_AUTH_SECRET: every function that derives a key from it (shared/auth/keys.ts). */
export const secretAccess: Record<FunctionName, boolean> = {
  metadata: false,
  // Client secrets are stored as plain SHA-256 digests; registration derives no key.
  register: false,
  authorize: true,
  token: true,
  mcp: true,
  api: true,
  pdf: true,
};

/** Who sends mail (invite_team_member); through SES only when a sender is configured. */
export const mailAccess: Record<FunctionName, boolean> = {
  metadata: false,
  register: false,
  authorize: false,
  token: false,
  mcp: true,
  // The web app invites people too.
  api: true,
  pdf: false,
};
