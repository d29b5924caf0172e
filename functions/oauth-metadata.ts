import { httpHandler } from '../shared/http/handler.js';
import { path } from '../shared/http/request.js';
import { json, publicCors } from '../shared/http/response.js';
import { authorizationServerMetadata, protectedResourceMetadata } from '../shared/auth/metadata.js';

/** The discovery documents (RFC 9728 at both well-known paths, RFC 8414). Cacheable for five minutes. */
const cache = { ...publicCors, 'cache-control': 'public, max-age=300' };

export const handler = httpHandler(async (event) => {
  switch (path(event)) {
    case '/.well-known/oauth-authorization-server':
      return json(200, authorizationServerMetadata(), cache);
    case '/.well-known/oauth-protected-resource':
    case '/.well-known/oauth-protected-resource/api/mcp':
      return json(200, protectedResourceMetadata(), cache);
    default:
      return json(404, { error: 'not_found' }, publicCors);
  }
});
