import { httpHandler } from '../shared/http/handler.js';
import { method, path } from '../shared/http/request.js';
import type { HttpEvent, HttpResult } from '../shared/http/types.js';
import { pagePaths } from './routes.js';
import { authorizeGet } from '../shared/auth/authorize-endpoint.js';
import { consentPost } from '../shared/auth/consent-endpoint.js';
import { signInGet, signInPost } from '../shared/auth/sign-in-endpoint.js';
import { signUpGet, signUpPost } from '../shared/auth/sign-up-endpoint.js';
import { signOutPost } from '../shared/auth/sign-out-endpoint.js';
import { invitationGet, invitationPost } from '../shared/auth/invitation-endpoint.js';
import { problemPage } from '../shared/auth/page-responses.js';

/** The authorization endpoint and the pages around it: sign-in, sign-up, consent, sign-out, the invitation accept page. */
const pages: Record<string, (event: HttpEvent) => Promise<HttpResult>> = {
  [`GET ${pagePaths.authorize}`]: authorizeGet,
  [`GET ${pagePaths.signIn}`]: signInGet,
  [`POST ${pagePaths.signIn}`]: signInPost,
  [`GET ${pagePaths.signUp}`]: signUpGet,
  [`POST ${pagePaths.signUp}`]: signUpPost,
  [`POST ${pagePaths.consent}`]: consentPost,
  [`POST ${pagePaths.signOut}`]: signOutPost,
  [`GET ${pagePaths.invitation}`]: invitationGet,
  [`POST ${pagePaths.invitation}`]: invitationPost,
};

export const handler = httpHandler(async (event) => {
  const page = pages[`${method(event)} ${path(event)}`];
  return page ? page(event) : problemPage(404, 'Not found', 'There is no page here.');
});
