import { beforeAll, describe, expect, it } from '@jest/globals';
import { build } from 'esbuild';
import { functions, type FunctionName } from '../../functions/routes.js';
import { mailAccess, secretAccess, tableAccess } from '../../infra/access.js';
import { esbuildOptions } from '../../infra/bundling.js';

/**
 * The grants in infra/access.ts against what each function's code really imports (esbuild's
 * metafile with the stack's own settings): a function that derives keys must be able to read the
 * secret and one that does not must not; the same for sending mail and for the table.
 */
const names = Object.keys(functions) as FunctionName[];
let inputs: Record<FunctionName, Set<string>>;

beforeAll(async () => {
  inputs = {} as typeof inputs;
  for (const name of names) {
    const result = await build({ ...esbuildOptions(name, functions[name].entry, `/tmp/clerq-access-${name}.mjs`), write: false, metafile: true, minify: false, sourcemap: false });
    inputs[name] = new Set(Object.keys(result.metafile.inputs));
  }
}, 120_000);

describe('least privilege follows the code', () => {
  it('lets exactly the functions that derive keys from BETTER_AUTH_SECRET read it', () => {
    for (const name of names) expect([name, inputs[name].has('shared/auth/keys.ts')]).toEqual([name, secretAccess[name]]);
  });

  it('lets exactly the functions that can send mail use SES', () => {
    for (const name of names) expect([name, inputs[name].has('shared/mail/outbox.ts')]).toEqual([name, mailAccess[name]]);
  });

  it('gives table access exactly to the functions that use the database', () => {
    for (const name of names) expect([name, inputs[name].has('shared/db/client.ts')]).toEqual([name, tableAccess[name] !== 'none']);
  });
});
