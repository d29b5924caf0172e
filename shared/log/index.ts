/**
 * Structured JSON logs. In Lambda they go through Powertools Logger (JSON on stdout, which Lambda
 * sends to the function's CloudWatch log group, with the function name, cold start and request
 * fields); elsewhere they are JSON lines on stderr, as the local instance has always written them.
 * `CLERQ_LOG=silent` silences both. Values under names that hold credentials are never written.
 */
import { Logger } from '@aws-lambda-powertools/logger';

export type Fields = Record<string, unknown>;

/** Field names whose values are credentials; their values are replaced, whatever a caller passes. */
const secretName = /token|secret|password|authorization|cookie|verifier|^code$/i;

/** Fields as written: credentials redacted, errors reduced to name, message and stack. */
export function safeFields(fields: Fields): Fields {
  const out: Fields = {};
  for (const [k, v] of Object.entries(fields)) {
    if (secretName.test(k)) out[k] = '[redacted]';
    else if (v instanceof Error) out[k] = { name: v.name, message: v.message, stack: v.stack };
    else out[k] = v;
  }
  return out;
}

/** Whether this process is a Lambda function (the runtime sets these). */
export function inLambda(): boolean {
  return Boolean(process.env.AWS_LAMBDA_FUNCTION_NAME && process.env.AWS_EXECUTION_ENV);
}

let powertools: Logger | undefined;
function lambdaLogger(): Logger {
  powertools ??= new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'clerq' });
  return powertools;
}

type Level = 'info' | 'warn' | 'error';

function write(level: Level, message: string, fields: Fields): void {
  if (process.env.CLERQ_LOG === 'silent') return;
  const safe = safeFields(fields);
  if (inLambda()) {
    lambdaLogger()[level](message, safe);
    return;
  }
  process.stderr.write(`${JSON.stringify({ level, message, time: new Date().toISOString(), ...safe })}\n`);
}

export const log = {
  info: (message: string, fields: Fields = {}) => write('info', message, fields),
  warn: (message: string, fields: Fields = {}) => write('warn', message, fields),
  error: (message: string, fields: Fields = {}) => write('error', message, fields),
};
