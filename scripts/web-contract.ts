/**
 * Writes the web app's contract of every operation into web/src/generated/ (gitignored, rewritten
 * by every `npm run build:web` and `npm run typecheck`). The browser must not import shared/ops
 * (it pulls the DynamoDB code), so it reads this instead:
 * - operations.json: name, title, door, access, roles, own and rules from the permission matrix,
 *   small, in the first bundle so the UI can hide what a role cannot do;
 * - input-schemas.json: each operation's input JSON Schema, made with the same conversion the MCP
 *   tool list uses, loaded with the forms and turned back into zod for client-side validation;
 * - outputs.ts: each operation's output as a TypeScript type, from the same output JSON Schema the
 *   MCP tool list carries, so the screens read exactly what the server answers (types only: no code).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { operations } from '../shared/ops/registry.js';

const outDir = fileURLToPath(new URL('../web/src/generated/', import.meta.url));

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io, target: 'draft-7', unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
}

interface JsonSchema {
  type?: string | string[];
  anyOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
}

/** The TypeScript type of the JSON Schema subset z.toJSONSchema writes for the outputs. */
function tsType(s: JsonSchema, indent = ''): string {
  if (s.anyOf) return s.anyOf.map((o) => tsType(o, indent)).join(' | ');
  if (s.const !== undefined) return JSON.stringify(s.const);
  if (s.enum) return s.enum.map((v) => JSON.stringify(v)).join(' | ');
  if (Array.isArray(s.type)) return s.type.map((type) => tsType({ ...s, type }, indent)).join(' | ');
  switch (s.type) {
    case 'string':
    case 'boolean':
    case 'null':
      return s.type;
    case 'number':
    case 'integer':
      return 'number';
    case 'array':
      return `Array<${s.items ? tsType(s.items, indent) : 'unknown'}>`;
    case 'object': {
      const inner = `${indent}  `;
      const required = new Set(s.required ?? []);
      const fields = Object.entries(s.properties ?? {}).map(([k, v]) => `${inner}${JSON.stringify(k)}${required.has(k) ? '' : '?'}: ${tsType(v, inner)};\n`);
      const extra = s.additionalProperties;
      if (extra && typeof extra === 'object') fields.push(`${inner}[key: string]: ${tsType(extra, inner)};\n`);
      return fields.length ? `{\n${fields.join('')}${indent}}` : extra === false ? 'Record<string, never>' : 'Record<string, unknown>';
    }
    default:
      return 'unknown';
  }
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
const schemas = Object.fromEntries(operations.map((op) => [op.name, jsonSchema(op.input, 'input')]));
const outputs = operations.map((op) => `  ${op.name}: ${tsType(jsonSchema(op.output, 'output'), '  ')};\n`).join('');

/** Writes only when the text changed, so an unchanged contract does not make the web build look stale. */
function write(name: string, value: unknown): void {
  const path = join(outDir, name);
  const text = typeof value === 'string' ? value : `${JSON.stringify(value, null, 1)}\n`;
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
write('outputs.ts', `// Written by scripts/web-contract.ts from the operations' output schemas; do not edit.\nexport interface Outputs {\n${outputs}}\n`);
console.log(`web contract: ${summary.length} operations -> web/src/generated`);
