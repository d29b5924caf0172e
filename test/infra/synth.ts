/**
 * `npx cdk synth` exactly as CI and `npm run deploy` run it (the CLI, cdk.json's app command, real
 * esbuild bundling, pdfkit installed beside the PDF function), with no AWS credentials and no
 * network: the bundle smoke tests load what it writes.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FunctionName } from '../../functions/routes.js';
import { functions } from '../../functions/routes.js';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

export interface Synthesized {
  outdir: string;
  template: { Resources: Record<string, { Type: string; Properties: Record<string, unknown>; Metadata?: Record<string, string> }> };
  /** Each Clerq function's asset directory. */
  assets: Record<FunctionName, string>;
}

/** An environment with nothing that could reach AWS: no credentials, no profile, no region lookups. */
function offlineEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^(AWS_|CDK_DEFAULT_)/.test(k) && k !== 'NODE_OPTIONS') env[k] = v;
  // The PDF function's pdfkit is installed with npm ci from the lock file: from npm's cache when it is there.
  return { ...env, CDK_DISABLE_CLI_TELEMETRY: 'true', AWS_EC2_METADATA_DISABLED: 'true', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', npm_config_prefer_offline: 'true' };
}

export async function cdkSynth(stackName = 'Clerq'): Promise<Synthesized> {
  const outdir = mkdtempSync(join(tmpdir(), 'clerq-cdk-out-'));
  const args = ['cdk', 'synth', '--quiet', '--no-notices', '-o', outdir, '-c', `stackName=${stackName}`];
  await new Promise<void>((resolve, reject) => {
    const child = spawn('npx', args, { cwd: repoRoot, env: offlineEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`npx ${args.join(' ')} failed (${code}):\n${output}`))));
  });
  const template = JSON.parse(readFileSync(join(outdir, `${stackName}.template.json`), 'utf8')) as Synthesized['template'];
  const assets = {} as Record<FunctionName, string>;
  for (const name of Object.keys(functions) as FunctionName[]) {
    const fn = Object.values(template.Resources).find((r) => r.Type === 'AWS::Lambda::Function' && r.Properties.Description === `Clerq ${name} (${functions[name].entry})`);
    const path = fn?.Metadata?.['aws:asset:path'];
    if (!path) throw new Error(`no asset for the ${name} function in the synthesized template`);
    assets[name] = join(outdir, path);
  }
  return { outdir, template, assets };
}
