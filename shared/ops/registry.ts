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

/** Every operation, in catalogue order (TOOLS.md). The MCP tool list and the web API are computed from it. */
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
] as unknown as readonly Operation[];

export const operationsByName: ReadonlyMap<string, Operation> = new Map(operations.map((op) => [op.name, op]));
