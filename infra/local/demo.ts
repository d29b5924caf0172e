/**
 * `npm run demo`: writes a realistic demo business into the local instance's data (the same
 * `.data/` as `npm start`, or CLERQ_DATA_DIR), then stops again and says how to try the headline
 * flow. It starts the local services only while it writes; run it while Clerq is stopped.
 */
import { startLocalInstance, type LocalInstance } from './instance.js';
import { PortInUseError } from './listen.js';
import { JavaMissingError } from './services.js';

process.env.CLERQ_LOG = 'silent';
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

// Where the person will reach Clerq once they run `npm start`, decided before the instance below
// (which listens on a free port only for the seeding) changes the environment.
const port = process.env.APP_PORT || '3000';
const publicUrl = (process.env.PUBLIC_URL || `http://localhost:${port}`).replace(/\/+$/, '');

/** A running Clerq holds the DynamoDB Local database file; a second process must not write it too. */
async function clerqIsRunning(): Promise<boolean> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/.well-known/oauth-authorization-server`, { signal: AbortSignal.timeout(1000) });
    await res.arrayBuffer();
    return true;
  } catch {
    return false;
  }
}

if (await clerqIsRunning()) {
  console.error(`Clerq is running on port ${port}. Stop it (Ctrl-C in its terminal), run npm run demo, then npm start again.`);
  process.exit(1);
}

let instance: LocalInstance;
try {
  instance = await startLocalInstance({ port: 0 });
} catch (error) {
  if (error instanceof JavaMissingError) console.error(error.message);
  else if (error instanceof PortInUseError) console.error(error.message);
  else console.error('The local services could not start:', error);
  process.exit(1);
}

let exitCode = 0;
try {
  const { seedDemo, DemoRefused } = await import('./demo-seed.js');
  try {
    const outcome = await seedDemo(instance.dataDir);
    const { account } = outcome;
    console.log(outcome.seeded ? `Demo data written to ${instance.dataDir}:` : `The demo business is already in ${instance.dataDir}; nothing was changed.`);
    if (outcome.seeded) for (const line of outcome.summary) console.log(`  ${line}`);
    console.log(`
Business: ${account.businessName} (${account.currency}, time zone ${account.timeZone})
Sign in:  ${account.email}
Password: ${account.password}

Try it:
  1. ${process.env.CLERQ_DATA_DIR ? `CLERQ_DATA_DIR=${process.env.CLERQ_DATA_DIR} ` : ''}npm start
  2. Open ${publicUrl} and sign in with the email and password above.
  3. Connect your assistant to ${publicUrl}/api/mcp, for example:
       claude mcp add --transport http clerq ${publicUrl}/api/mcp
     It opens the sign-in page; sign in and choose "Read and write" on the consent page.
  4. Ask it:
       Draft an invoice to Northwind for this month's unbilled time, one line per task
     Review the draft, then ask it to issue the invoice.`);
  } catch (error) {
    if (!(error instanceof DemoRefused)) throw error;
    console.error(error.message);
    exitCode = 1;
  }
} catch (error) {
  console.error('The demo could not be written:', error);
  exitCode = 1;
} finally {
  await instance.stop();
}
process.exit(exitCode);
