import { z } from 'zod';
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { operations } from '../ops/registry.js';
import type { Operation } from '../ops/operation.js';

type JsonObjectSchema = Tool['inputSchema'];

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonObjectSchema {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io, target: 'draft-7', unrepresentable: 'any' }) as Record<string, unknown>;
  return rest as JsonObjectSchema;
}

export function toolOf(op: Operation): Tool {
  return {
    name: op.name,
    title: op.title,
    description: op.description,
    inputSchema: jsonSchema(op.input, 'input'),
    outputSchema: jsonSchema(op.output, 'output'),
    annotations: {
      title: op.title,
      readOnlyHint: op.access === 'read',
      destructiveHint: op.access === 'write' ? (op.destructive ?? false) : false,
      idempotentHint: op.idempotent ?? op.access === 'read',
      openWorldHint: false,
    },
  };
}

/** The MCP tools, computed once per process (converting ~86 schemas per request would cost milliseconds). */
export const toolOperations: ReadonlyMap<string, Operation> = new Map(operations.filter((op) => op.door === 'tool').map((op) => [op.name, op]));
export const toolList: readonly Tool[] = [...toolOperations.values()].map(toolOf);
