/**
 * Names for the shapes the screens read, taken from the operations' own output schemas
 * (web/src/generated/outputs.ts, written by scripts/web-contract.ts): one definition, the server's.
 */
import type { Outputs } from '../generated/outputs';

/** What an operation answers. */
export type Output<N extends keyof Outputs> = Outputs[N];
import type { PageItem as Item } from './hooks';

export type Client = Outputs['get_client']['client'];
export type Note = Outputs['get_client']['recent_notes'][number];
export type Project = Item<'list_projects'>;
export type Task = Item<'list_tasks'>;
export type TaskStatus = Task['status'];
export type Timer = NonNullable<Outputs['get_running_timer']['timer']>;
export type TimeEntry = Item<'list_time_entries'>;
export type InvoiceSummary = Item<'list_invoices'>;
export type Invoice = Outputs['get_invoice']['invoice'];
export type GeneratePlan = Outputs['generate_invoice_from_time'];
export type Expense = Item<'list_expenses'>;
export type Member = Outputs['list_team_members']['members'][number];
export type Invitation = NonNullable<Outputs['list_team_members']['pending_invitations']>[number];
export type Connection = Item<'list_connections'>;
export type Activity = Item<'list_activity'>;
