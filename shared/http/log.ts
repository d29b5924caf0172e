/** Structured JSON logs on stderr. Never pass tokens, secrets or passwords. */
type Fields = Record<string, unknown>;

function write(level: string, message: string, fields: Fields) {
  if (process.env.CLERQ_LOG === 'silent') return;
  const out: Fields = { level, message, time: new Date().toISOString() };
  for (const [k, v] of Object.entries(fields)) out[k] = v instanceof Error ? { name: v.name, message: v.message, stack: v.stack } : v;
  process.stderr.write(`${JSON.stringify(out)}\n`);
}

export const log = {
  info: (message: string, fields: Fields = {}) => write('info', message, fields),
  warn: (message: string, fields: Fields = {}) => write('warn', message, fields),
  error: (message: string, fields: Fields = {}) => write('error', message, fields),
};
