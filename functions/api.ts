import { httpHandler } from '../shared/http/handler.js';
import { handleApi } from '../shared/api/door.js';

/** /api/v1/…: the web app's JSON door (session cookie + CSRF header). */
export const handler = httpHandler(handleApi);
