/**
 * The permission side of the generated contract (scripts/web-contract.ts): what each role may
 * call, so the UI hides what it cannot do. The server still decides every request.
 */
import operations from '../generated/operations.json';
import type { Role } from './api';

export interface OperationInfo {
  name: string;
  title: string;
  door: 'tool' | 'web';
  access: 'read' | 'write';
  roles: Role[];
  own?: { roles: Role[]; records: string };
  rules?: Record<string, { roles: Role[]; what: string }>;
}

const byName = new Map((operations as OperationInfo[]).map((op) => [op.name, op]));

export function operationInfo(name: string): OperationInfo {
  const op = byName.get(name);
  if (!op) throw new Error(`unknown operation ${name}`);
  return op;
}

/** Whether this role may call the operation at all. */
export function can(role: Role, operation: string): boolean {
  return operationInfo(operation).roles.includes(role);
}

/** Whether this role may do what one finer rule of the operation governs. */
export function ruleAllows(role: Role, operation: string, rule: string): boolean {
  return operationInfo(operation).rules?.[rule]?.roles.includes(role) ?? true;
}

/** Whether this role sees only its own records in the operation. */
export function ownOnly(role: Role, operation: string): boolean {
  return operationInfo(operation).own?.roles.includes(role) ?? false;
}
