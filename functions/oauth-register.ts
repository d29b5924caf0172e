import { httpHandler } from '../shared/http/handler.js';
import { bodyText, sourceIp } from '../shared/http/request.js';
import { json, publicCors } from '../shared/http/response.js';
import { answeringOAuthErrors } from '../shared/auth/errors.js';
import { registerClient } from '../shared/auth/client-registration.js';

/** POST /oauth/register (RFC 7591): JSON in, JSON out, errors as JSON too. */
export const handler = httpHandler((event) =>
  answeringOAuthErrors(async () => json(201, await registerClient(bodyText(event), sourceIp(event)), publicCors)),
);
