/** `npm start`: the local Clerq instance. Everything lives in startLocalInstance; this prints and waits for Ctrl-C. */
import { startLocalInstance, type LocalInstance } from './instance.js';
import { PortInUseError } from './listen.js';
import { JavaMissingError } from './services.js';
import { quietNodeVersionWarning } from './node-version.js';
import { join } from 'node:path';
import { dataDir } from './paths.js';
import { watchOutbox } from './outbox-watch.js';
import { config } from '../../shared/config/index.js';

const nodeNote = quietNodeVersionWarning();
if (nodeNote) console.log(nodeNote);

// The outbox lives with the rest of the local data, wherever npm start was run from.
process.env.OUTBOX_PATH ||= join(dataDir(), 'outbox.jsonl');

let instance: LocalInstance;
try {
  instance = await startLocalInstance();
} catch (error) {
  if (error instanceof JavaMissingError) {
    console.error(error.message);
  } else if (error instanceof PortInUseError) {
    console.error(`${error.message} Stop the program using it, or set APP_PORT (APP_PORT=0 picks a free port).`);
  } else {
    console.error('Clerq could not start:', error);
  }
  process.exit(1);
}

const started = instance.services.started;
console.log(`Clerq is running at ${instance.url}`);
console.log(`MCP connector URL: ${instance.mcpUrl}`);
if (instance.localUrl !== instance.url) console.log(`Listening locally on ${instance.localUrl}`);
console.log(
  `Data: ${started.length ? `${started.join(' and ')} under ${instance.dataDir}` : 'external DynamoDB and S3'}` +
    ` (table ${instance.tableName}, bucket ${instance.bucket})`,
);
if (instance.secretSource === 'generated') console.log(`Generated BETTER_AUTH_SECRET, kept in ${instance.dataDir}/secret`);
console.log(`Mail (invitations) goes to ${config().outboxPath}; new messages are printed here.`);
watchOutbox(config().outboxPath);
console.log('Press Ctrl-C to stop.');

let stoppingSince: number | undefined;
async function shutdown(signal: NodeJS.Signals) {
  if (stoppingSince !== undefined) {
    // The same Ctrl-C can arrive twice (from the terminal and relayed by a wrapper): ignore that.
    // A later one means "stop waiting"; child processes are still killed by the exit hook.
    if (Date.now() - stoppingSince > 500) process.exit(1);
    return;
  }
  stoppingSince = Date.now();
  console.log(`\n${signal}: stopping Clerq…`);
  try {
    await instance.stop();
    process.exit(0);
  } catch (error) {
    console.error('Clerq did not stop cleanly:', error);
    process.exit(1);
  }
}
process.on('SIGINT', (signal) => void shutdown(signal));
process.on('SIGTERM', (signal) => void shutdown(signal));
