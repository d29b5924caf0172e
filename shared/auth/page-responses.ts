import { html } from '../http/response.js';
import type { HttpResult } from '../http/types.js';
import { messagePage } from './pages.js';

/** A page answer with the cookies collected while building it (CSRF cookie, session cookie). */
export function page(status: number, body: string, cookies: (string | undefined)[] = []): HttpResult {
  return html(status, body, cookies.filter((c): c is string => !!c));
}

export function problemPage(status: number, title: string, message: string): HttpResult {
  return page(status, messagePage(title, message));
}

export const expiredFormPage = () =>
  problemPage(403, 'This form has expired', 'The form was open too long, or was not sent from this Clerq page. Go back, reload the page and try again.');
