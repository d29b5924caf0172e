/** The shapes of the operations' outputs the screens read (see the tools' output schemas). */

export interface Address {
  line1?: string;
  line2?: string;
  city?: string;
  region?: string;
  postal_code?: string;
  country?: string;
}

export interface Client {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  address: Address | null;
  currency: string;
  hourly_rate: number | null;
  tax_id: string | null;
  status: 'active' | 'archived';
  created_at: string;
  updated_at: string;
}

export interface Note {
  id: string;
  body: string;
  author_name: string;
  via: 'mcp' | 'web';
  created_at: string;
}

export interface Project {
  id: string;
  client_id: string;
  name: string;
  hourly_rate: number | null;
  billable: boolean;
  budget_minutes: number | null;
  status: 'active' | 'archived';
}

export type TaskStatus = 'todo' | 'in_progress' | 'done';

export interface Task {
  id: string;
  project_id: string;
  client_id: string;
  name: string;
  description: string | null;
  hourly_rate: number | null;
  billable: boolean;
  assignee_id: string | null;
  due_date: string | null;
  status: TaskStatus;
}

export interface Timer {
  member_id: string;
  entry_id: string;
  task_id: string;
  task_name: string;
  project_id: string;
  client_id: string;
  started_at: string;
  elapsed_minutes: number;
  note: string | null;
}

export interface TimeEntry {
  id: string;
  task_id: string;
  project_id: string;
  client_id: string;
  member_id: string;
  date: string;
  started_at: string | null;
  ended_at: string | null;
  duration_minutes: number;
  note: string | null;
  billable: boolean;
  billed: boolean;
  invoice_id: string | null;
  source: 'timer' | 'manual';
}

export interface Totals {
  subtotal_amount: number;
  tax_amount: number;
  total_amount: number;
  paid_amount: number;
  balance_amount: number;
  total_formatted: string;
  balance_formatted: string;
}

export type InvoiceStatus = 'draft' | 'issued' | 'paid' | 'void';

export interface InvoiceSummary {
  id: string;
  number: string | null;
  status: InvoiceStatus;
  overdue: boolean;
  days_overdue: number | null;
  client_id: string;
  client_name: string;
  currency: string;
  issue_date: string | null;
  due_date: string | null;
  payment_terms_days: number | null;
  notes: string | null;
  po_number: string | null;
  totals: Totals;
  line_count: number;
  revision: number;
  void_reason: string | null;
}

export interface InvoiceLine {
  id: string;
  position: number;
  kind: 'time' | 'manual';
  description: string;
  quantity: number;
  unit_amount: number;
  amount: number;
  tax_rate_bps: number;
  minutes: number | null;
  hourly_rate: number | null;
  rate_source: string | null;
  entry_count: number;
}

export interface Payment {
  id: string;
  amount: number;
  paid_on: string;
  method: string | null;
  reference: string | null;
}

export interface Invoice extends InvoiceSummary {
  bill_to: { name: string; email: string | null };
  lines: InvoiceLine[];
  tax_groups: { rate_bps: number; net_amount: number; tax_amount: number }[];
  payments: Payment[];
  linked_time: { entries: number; minutes: number };
}

export interface PlannedLine {
  line_id: string | null;
  extends_line: boolean;
  description: string;
  minutes: number;
  added_minutes: number;
  quantity: number;
  hourly_rate: number;
  rate_source: 'task' | 'project' | 'client' | 'business';
  amount: number;
  tax_rate_bps: number;
  entry_ids: string[];
}

export interface GeneratePlan {
  dry_run: boolean;
  lines: PlannedLine[];
  totals: { subtotal_amount: number; tax_amount: number; total_amount: number };
  entry_count: number;
  minutes: number;
  plan_token: string | null;
}

export interface Expense {
  id: string;
  date: string;
  amount: number;
  currency: string;
  category: string;
  vendor: string | null;
  description: string | null;
  client_id: string | null;
  project_id: string | null;
  billable: boolean;
  status: 'unpaid' | 'paid';
  paid_on: string | null;
  member_id: string;
}

export interface Member {
  user_id: string;
  name: string;
  email: string;
  role: 'owner' | 'admin' | 'member';
  joined_at: string;
}

export interface Invitation {
  id: string;
  email: string;
  role: 'admin' | 'member';
  status: string;
  expires_at: string;
  invited_by: { user_id: string; name: string };
  created_at: string;
}

export interface Connection {
  id: string;
  client_name: string;
  member: { user_id: string; name: string | null };
  access: 'read_only' | 'read_write';
  status: 'active' | 'revoked';
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
  revoked_reason: string | null;
}

export interface Activity {
  id: string;
  at: string;
  actor_id: string;
  via: 'mcp' | 'web';
  connection_id: string | null;
  client_name: string | null;
  operation: string;
  target_id: string | null;
  summary: string;
}
