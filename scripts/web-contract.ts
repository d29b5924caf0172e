/**
 * Writes the web app's contract of every operation into web/src/generated/ (gitignored, rewritten
 * by every `npm run build:web` and `npm run typecheck`). The browser must not import shared/ops
 * (it pulls the DynamoDB code), so it reads this instead:
 * - operations.json: name, title, door, access, roles, own and rules from the permission matrix,
 *   small, in the first bundle so the UI can hide what a role cannot do;
 * - input-schemas.json: each operation's input JSON Schema, made with the same conversion the MCP
 *   tool list uses, loaded with the forms and turned back into zod for client-side validation.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { operations } from '../shared/ops/registry.js';

const outDir = fileURLToPath(new URL('../web/src/generated/', import.meta.url));

function inputSchema(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io: 'input', target: 'draft-7', unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
}

const summary = operations.map((op) => ({
  name: op.name,
  title: op.title,
  door: op.door,
  access: op.access,
  roles: [...op.roles],
  ...(op.own ? { own: { roles: [...op.own.roles], records: op.own.records } } : {}),
  ...(op.rules ? { rules: Object.fromEntries(Object.entries(op.rules).map(([k, r]) => [k, { roles: [...r.roles], what: r.what }])) } : {}),
}));
const schemas = Object.fromEntries(operations.map((op) => [op.name, inputSchema(op.input)]));

/** Writes only when the text changed, so an unchanged contract does not make the web build look stale. */
function write(name: string, value: unknown): void {
  const path = join(outDir, name);
  const text = `${JSON.stringify(value, null, 1)}\n`;
  let old = '';
  try {
    old = readFileSync(path, 'utf8');
  } catch {
    // first run
  }
  if (old !== text) writeFileSync(path, text);
}

mkdirSync(outDir, { recursive: true });
write('operations.json', summary);
write('input-schemas.json', schemas);
console.log(`web contract: ${summary.length} operations -> web/src/generated`);
