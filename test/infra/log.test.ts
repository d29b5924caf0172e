import { describe, expect, it } from '@jest/globals';
import { inLambda, safeFields } from '../../shared/log/index.js';
import { outcomeOf } from '../../shared/log/request.js';

describe('structured logs', () => {
  it('never writes values under names that hold credentials, whoever passes them', () => {
    const out = safeFields({ requestId: 'r1', businessId: 'biz_1', token: 'eyJ…', accessToken: 'x', refresh_token: 'y', clientSecret: 'z', password: 'p', authorization: 'Bearer q', cookie: 'sid=1', code_verifier: 'v', code: 'c', operation: 'whoami' });
    expect(out).toEqual({
      requestId: 'r1',
      businessId: 'biz_1',
      token: '[redacted]',
      accessToken: '[redacted]',
      refresh_token: '[redacted]',
      clientSecret: '[redacted]',
      password: '[redacted]',
      authorization: '[redacted]',
      cookie: '[redacted]',
      code_verifier: '[redacted]',
      code: '[redacted]',
      operation: 'whoami',
    });
  });

  it('writes errors as name, message and stack', () => {
    const error = new TypeError('boom');
    expect(safeFields({ error })).toEqual({ error: { name: 'TypeError', message: 'boom', stack: error.stack } });
  });

  it('knows the Lambda runtime by its variables, so the local instance keeps its own output', () => {
    expect(inLambda()).toBe(false);
  });

  it('names outcomes by status class', () => {
    expect([200, 302, 400, 401, 404, 500, 503].map(outcomeOf)).toEqual(['ok', 'ok', 'client_error', 'client_error', 'client_error', 'server_error', 'server_error']);
  });
});
