import { Service } from 'electrodb';
import { documentClient } from './client.js';
import { config } from '../config/index.js';
import { user, userEmail, session, rateLimit } from './entities/user.js';
import { business, membership, idempotency, activity } from './entities/business.js';
import { oauthClient, authCode, grant, refreshToken } from './entities/oauth.js';
import { client, clientNote } from './entities/client.js';
import { instanceMarker } from './entities/instance.js';
import { project } from './entities/project.js';
import { task } from './entities/task.js';
import { timeEntry, timer, timeRollup, timeRollupMonth, taskTime } from './entities/time.js';
import { invoice, invoiceLine, payment, invoiceCounter } from './entities/invoice.js';
import { expense, expenseRollup, expenseRollupMonth } from './entities/expense.js';
import { invitation, invitationEmail } from './entities/invitation.js';

export const entities = {
  user,
  userEmail,
  session,
  rateLimit,
  business,
  membership,
  idempotency,
  activity,
  oauthClient,
  authCode,
  grant,
  refreshToken,
  client,
  clientNote,
  instanceMarker,
  project,
  task,
  timeEntry,
  timer,
  timeRollup,
  timeRollupMonth,
  invoice,
  invoiceLine,
  payment,
  invoiceCounter,
  taskTime,
  expense,
  expenseRollup,
  expenseRollupMonth,
  invitation,
  invitationEmail,
};

/** The one ElectroDB service over the one table. */
export const db = new Service(entities, { table: config().tableName, client: documentClient() });

/** The entities as ElectroDB hands them to a transaction callback. */
export type TxEntities = Parameters<Parameters<typeof db.transaction.write>[0]>[0];
