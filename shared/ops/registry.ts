import type { Operation } from './operation.js';
import { whoami } from './whoami.js';
import { clientOperations } from './clients.js';
import { projectOperations } from './projects.js';
import { taskOperations } from './tasks.js';
import { timeOperations } from './time.js';
import { invoiceOperations } from './invoices.js';
import { getInvoicePdfLinkOp } from './invoice-pdf-link.js';
import { expenseOperations } from './expenses.js';
import { teamOperations } from './team.js';
import { changeMemberRoleOp, transferOwnershipOp } from './team-roles.js';
import { leaveBusinessOp, removeMemberOp } from './team-departures.js';
import { getBusinessSettingsOp, updateBusinessSettingsOp } from './business-settings.js';
import { listConnectionsOp, revokeConnectionOp } from './connections.js';
import { listActivityOp } from './activity-log.js';

/** Every operation: the tools in catalogue order (TOOLS.md), then the web-only ones. The MCP tool list and the web API are computed from it. */
export const operations: readonly Operation[] = [
  whoami,
  ...clientOperations,
  ...projectOperations,
  ...taskOperations,
  ...timeOperations,
  ...invoiceOperations,
  // Last of the invoicing tools in the catalogue; kept beside rather than inside invoiceOperations.
  getInvoicePdfLinkOp,
  ...expenseOperations,
  ...teamOperations,
  // Web only (not MCP tools): the team's administration stays with people.
  changeMemberRoleOp,
  removeMemberOp,
  leaveBusinessOp,
  transferOwnershipOp,
  getBusinessSettingsOp,
  updateBusinessSettingsOp,
  listConnectionsOp,
  revokeConnectionOp,
  listActivityOp,
] as unknown as readonly Operation[];

export const operationsByName: ReadonlyMap<string, Operation> = new Map(operations.map((op) => [op.name, op]));
