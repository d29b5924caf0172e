/** The stable error codes of the tool contract (TOOLS.md). */
export type ErrorCode = 'not_found' | 'forbidden' | 'read_only' | 'conflict' | 'invalid_input' | 'internal';

/** A failure an assistant or a person can act on: a stable code and a plain message. */
export class OpError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'OpError';
  }
}

export const notFound = (what: string, id: string) => new OpError('not_found', `${what} ${id} is not in this business`);
export const conflict = (message: string, details?: Record<string, unknown>) => new OpError('conflict', message, details);
export const forbidden = (message: string) => new OpError('forbidden', message);
export const invalidInput = (message: string, details?: Record<string, unknown>) => new OpError('invalid_input', message, details);
