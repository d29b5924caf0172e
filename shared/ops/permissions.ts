import type { OpContext, Role } from './context.js';

/**
 * THE permission matrix: which role and which scope may call which operation, which roles reach
 * only their own records, and the finer rules inside an operation. defineOperation copies each
 * entry into its operation, runOperation enforces role and scope before anything else, and the
 * handlers ask `ownRecordsOnly` and `ruleAllows` rather than testing roles themselves.
 * docs/permissions.md is rendered from this table (npm run docs:permissions).
 */

const everyone = ['owner', 'admin', 'member'] as const satisfies readonly Role[];
const adminPlus = ['owner', 'admin'] as const satisfies readonly Role[];
const ownerOnly = ['owner'] as const satisfies readonly Role[];

/** A finer rule inside an operation: who may do one particular thing with it. */
export interface Rule {
  roles: readonly Role[];
  /** What the rule governs, for docs/permissions.md: "Invite an admin". */
  what: string;
}

export interface Permission {
  /** 'read' needs the clerq:read scope (clerq:write includes it), 'write' needs clerq:write. */
  access: 'read' | 'write';
  /** 'tool': an MCP tool and a web operation; 'web': the web app only. */
  door: 'tool' | 'web';
  /** Who may call it at all. */
  roles: readonly Role[];
  /** Roles that reach only their own records (the others reach everyone's), and which records. */
  own?: { roles: readonly Role[]; records: string };
  rules?: Readonly<Record<string, Rule>>;
  /** What a caller whose role may not call it is told, when the generic sentence says too little. */
  refusal?: string;
  /** A remark for docs/permissions.md that no check reads (the operation has no other target). */
  note?: string;
}

const invoices = { access: 'write', door: 'tool', roles: adminPlus, refusal: 'Members cannot see invoices; ask an owner or admin of this business.' } as const;
const ownTime = { roles: ['member'], records: 'time entries' } as const;
const ownExpenses = { roles: ['member'], records: 'expenses' } as const;

export const permissions = {
  whoami: { access: 'read', door: 'tool', roles: everyone },

  list_clients: { access: 'read', door: 'tool', roles: everyone },
  get_client: { access: 'read', door: 'tool', roles: everyone },
  create_client: { access: 'write', door: 'tool', roles: adminPlus },
  update_client: { access: 'write', door: 'tool', roles: adminPlus },
  add_client_note: { access: 'write', door: 'tool', roles: everyone },
  archive_client: { access: 'write', door: 'tool', roles: adminPlus },

  list_projects: { access: 'read', door: 'tool', roles: everyone },
  get_project: { access: 'read', door: 'tool', roles: everyone },
  create_project: { access: 'write', door: 'tool', roles: adminPlus },
  update_project: { access: 'write', door: 'tool', roles: adminPlus },

  list_tasks: { access: 'read', door: 'tool', roles: everyone },
  create_task: { access: 'write', door: 'tool', roles: everyone },
  update_task: { access: 'write', door: 'tool', roles: everyone },
  set_task_status: { access: 'write', door: 'tool', roles: everyone },

  start_timer: { access: 'write', door: 'tool', roles: everyone, note: "Always the caller's own timer." },
  stop_timer: { access: 'write', door: 'tool', roles: everyone, note: "Always the caller's own timer." },
  get_running_timer: { access: 'read', door: 'tool', roles: everyone, own: { roles: ['member'], records: 'running timer' } },
  log_time: { access: 'write', door: 'tool', roles: everyone, own: ownTime },
  list_task_time: { access: 'read', door: 'tool', roles: everyone, own: ownTime },
  list_time_entries: { access: 'read', door: 'tool', roles: everyone, own: ownTime },
  update_time_entry: { access: 'write', door: 'tool', roles: everyone, own: ownTime },
  delete_time_entry: { access: 'write', door: 'tool', roles: everyone, own: ownTime },

  list_invoices: { ...invoices, access: 'read' },
  get_invoice: { ...invoices, access: 'read' },
  create_draft_invoice: invoices,
  update_draft_invoice: invoices,
  generate_invoice_from_time: invoices,
  add_invoice_line: invoices,
  remove_invoice_line: invoices,
  delete_draft_invoice: invoices,
  issue_invoice: invoices,
  mark_invoice_paid: invoices,
  void_invoice: invoices,
  get_invoice_pdf_link: { ...invoices, access: 'read' },

  list_expenses: { access: 'read', door: 'tool', roles: everyone, own: ownExpenses },
  create_expense: { access: 'write', door: 'tool', roles: everyone, note: 'The expense is recorded as the caller’s own.' },
  update_expense: {
    access: 'write',
    door: 'tool',
    roles: everyone,
    own: ownExpenses,
    rules: { change_paid_amount: { roles: adminPlus, what: 'Change the amount or currency of a paid expense' } },
  },
  mark_expense_paid: {
    access: 'write',
    door: 'tool',
    roles: adminPlus,
    refusal: 'Only an owner or admin can mark expenses paid; a member records expenses and an owner or admin settles them.',
  },
  delete_expense: {
    access: 'write',
    door: 'tool',
    roles: everyone,
    own: ownExpenses,
    rules: { delete_paid: { roles: adminPlus, what: 'Delete a paid expense' } },
  },

  list_team_members: {
    access: 'read',
    door: 'tool',
    roles: everyone,
    rules: { see_invitations: { roles: adminPlus, what: 'See each pending invitation (others see only the count)' } },
  },
  invite_team_member: { access: 'write', door: 'tool', roles: adminPlus, rules: { invite_admin: { roles: ownerOnly, what: 'Invite an admin' } } },
  revoke_invitation: { access: 'write', door: 'tool', roles: adminPlus },

  change_member_role: { access: 'write', door: 'web', roles: ownerOnly, refusal: 'Only an owner can change roles in this business.' },
  remove_member: {
    access: 'write',
    door: 'web',
    roles: adminPlus,
    rules: { remove_owner_or_admin: { roles: ownerOnly, what: 'Remove an owner or an admin' } },
  },
  leave_business: { access: 'write', door: 'web', roles: everyone, note: 'The last owner cannot leave; they transfer ownership first.' },
  transfer_ownership: { access: 'write', door: 'web', roles: ownerOnly, refusal: 'Only an owner can transfer ownership.' },

  get_business_settings: {
    access: 'read',
    door: 'web',
    roles: everyone,
    rules: { see_next_invoice_number: { roles: adminPlus, what: 'See the number the next issued invoice gets (members see no invoices)' } },
  },
  update_business_settings: { access: 'write', door: 'web', roles: adminPlus, refusal: 'Only an owner or admin can change the business settings.' },
  list_connections: { access: 'read', door: 'web', roles: everyone, own: { roles: ['member'], records: 'connections' } },
  revoke_connection: { access: 'write', door: 'web', roles: everyone, own: { roles: ['member'], records: 'connections' } },
  list_activity: { access: 'read', door: 'web', roles: everyone, own: { roles: ['member'], records: 'activity' } },
} as const satisfies Record<string, Permission>;

export type OperationName = keyof typeof permissions;

/** Rule names of one operation, so a handler cannot ask for a rule the matrix does not have. */
type RuleName<N extends OperationName> = (typeof permissions)[N] extends { rules: infer R } ? keyof R & string : never;

/** Whether the caller reaches only their own records in this operation. */
export function ownRecordsOnly(ctx: Pick<OpContext, 'role'>, name: OperationName): boolean {
  const own = (permissions[name] as Permission).own;
  return own !== undefined && own.roles.includes(ctx.role);
}

/** Whether the caller's role may do what the named rule of this operation governs. */
export function ruleAllows<N extends OperationName>(ctx: Pick<OpContext, 'role'>, name: N, rule: RuleName<N>): boolean {
  const found = (permissions[name] as Permission).rules?.[rule];
  if (!found) throw new Error(`${name} has no permission rule ${rule}`);
  return found.roles.includes(ctx.role);
}
