/**
 * Stack settings from CDK context (`-c key=value` or cdk.json), checked here so a typo fails the
 * synth with a message instead of deploying something else. docs/deploy.md lists them.
 */
import { RemovalPolicy } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ClerqStackProps } from './stack.js';

export type Context = (key: string) => unknown;

const removalPolicies: Record<string, RemovalPolicy> = {
  retain: RemovalPolicy.RETAIN,
  snapshot: RemovalPolicy.SNAPSHOT,
  destroy: RemovalPolicy.DESTROY,
};

function text(ctx: Context, key: string): string | undefined {
  const v = ctx(key);
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') throw new Error(`context ${key}: expected a value, got ${JSON.stringify(v)}`);
  return String(v).trim();
}

function bool(ctx: Context, key: string): boolean | undefined {
  const v = text(ctx, key);
  if (v === undefined) return undefined;
  if (v !== 'true' && v !== 'false') throw new Error(`context ${key}: expected true or false, got ${v}`);
  return v === 'true';
}

/** The stack name and props the context asks for. */
export function stackSettings(ctx: Context): { stackName: string; props: ClerqStackProps } {
  const props: ClerqStackProps = {};
  const protection = bool(ctx, 'tableDeletionProtection');
  if (protection !== undefined) props.tableDeletionProtection = protection;

  const removal = text(ctx, 'tableRemovalPolicy');
  if (removal !== undefined) {
    const policy = removalPolicies[removal.toLowerCase()];
    if (!policy) throw new Error(`context tableRemovalPolicy: expected retain, snapshot or destroy, got ${removal}`);
    props.tableRemovalPolicy = policy;
  }

  const domainName = text(ctx, 'domainName');
  const certificateArn = text(ctx, 'certificateArn');
  if (Boolean(domainName) !== Boolean(certificateArn)) throw new Error('context domainName and certificateArn go together (an ACM certificate in us-east-1 for that name)');
  if (domainName && certificateArn) {
    if (!/^arn:aws[\w-]*:acm:us-east-1:/.test(certificateArn)) throw new Error('context certificateArn: CloudFront needs an ACM certificate in us-east-1');
    props.domain = { name: domainName.toLowerCase(), certificateArn };
  }

  const mailFrom = text(ctx, 'mailFrom');
  if (mailFrom !== undefined) {
    if (!/^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$|<[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+>$/.test(mailFrom)) throw new Error(`context mailFrom: expected an email address, got ${mailFrom}`);
    props.mailFrom = mailFrom;
  }

  const signupMode = text(ctx, 'signupMode');
  if (signupMode !== undefined) {
    if (signupMode !== 'open' && signupMode !== 'invite') throw new Error(`context signupMode: expected open or invite, got ${signupMode}`);
    props.signupMode = signupMode;
  }

  const days = text(ctx, 'logRetentionDays');
  if (days !== undefined) {
    const valid = Object.values(RetentionDays).filter((x): x is RetentionDays => typeof x === 'number');
    if (!valid.includes(Number(days) as RetentionDays)) throw new Error(`context logRetentionDays: one of ${valid.join(', ')}`);
    props.logRetention = Number(days) as RetentionDays;
  }

  return { stackName: text(ctx, 'stackName') ?? 'Clerq', props };
}
