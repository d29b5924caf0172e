import { httpHandler } from '../shared/http/handler.js';
import { path } from '../shared/http/request.js';
import { json, publicCors } from '../shared/http/response.js';
import { revokePost, tokenPost } from '../shared/auth/token-endpoint.js';
import { endpointPaths } from './routes.js';

/** POST /oauth/token and POST /oauth/revoke. */
export const handler = httpHandler(async (event) => {
  switch (path(event)) {
    case endpointPaths.token:
      return tokenPost(event);
    case endpointPaths.revocation:
      return revokePost(event);
    default:
      return json(404, { error: 'not_found' }, publicCors);
  }
});
