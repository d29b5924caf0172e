import type { Operation } from './operation.js';
import { whoami } from './whoami.js';
import { clientOperations } from './clients.js';

/** Every operation, in catalogue order. The MCP tool list and the web API are computed from it. */
export const operations: readonly Operation[] = [whoami, ...clientOperations] as unknown as readonly Operation[];

export const operationsByName: ReadonlyMap<string, Operation> = new Map(operations.map((op) => [op.name, op]));
