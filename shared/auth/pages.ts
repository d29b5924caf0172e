import { createHash } from 'node:crypto';
import { mcpResource } from '../config/index.js';
import { pageSecurityHeaders } from '../http/response.js';
import { pagePaths, webPaths } from '../../functions/routes.js';
import { h, layout, Markup } from './page-layout.js';
import { passwordMinLength, passwordMaxLength } from './passwords.js';
import { clientNameMaxLength } from './client-metadata.js';
import { currencyChoices, timeZoneChoices } from './business-defaults.js';

/** The HTML pages of the authorization server. Every dynamic value goes through `h`, which escapes it. */

const hidden = (name: string, value: string | undefined) => (value === undefined ? '' : h`<input type="hidden" name="${name}" value="${value}">`);
const withReturnTo = (path: string, returnTo: string | undefined) => (returnTo ? `${path}?return_to=${encodeURIComponent(returnTo)}` : path);

export function messagePage(title: string, message: string, extra: Markup | string = ''): string {
  return layout(title, h`<h1>${title}</h1><p>${message}</p>${extra}`);
}

export function signInPage(o: { csrf: string; email?: string; error?: string; returnTo?: string; canSignUp: boolean }): string {
  return layout(
    'Sign in',
    h`<h1>Sign in</h1>
${o.error ? h`<p class="error" role="alert">${o.error}</p>` : ''}
<form method="post" action="${pagePaths.signIn}">
${hidden('csrf', o.csrf)}${hidden('return_to', o.returnTo)}
<label for="email">Email</label>
<input id="email" name="email" type="email" autocomplete="username" required maxlength="254" value="${o.email ?? ''}">
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required maxlength="${passwordMaxLength}">
<div class="actions"><button type="submit">Sign in</button></div>
</form>
${o.canSignUp ? h`<p class="muted">No account yet? <a href="${withReturnTo(pagePaths.signUp, o.returnTo)}">Create one</a>.</p>` : ''}`,
  );
}

export interface SignUpValues {
  name?: string;
  email?: string;
  businessName?: string;
  currency?: string;
  timeZone?: string;
}

/**
 * Preselects the browser's own time zone on a fresh sign-up form (the server cannot know it), when
 * the list has it; the person can still change it. The page's CSP allows exactly this script by its hash.
 */
const timeZoneGuess =
  "(function(){var s=document.getElementById('time_zone');if(!s||!s.hasAttribute('data-guess'))return;try{var z=Intl.DateTimeFormat().resolvedOptions().timeZone;for(var i=0;i<s.options.length;i++)if(s.options[i].value===z){s.value=z;break}}catch(e){}})();";

/** The sign-up page's CSP: the general page policy plus the time zone guess. */
export const signUpSecurityHeaders = {
  'content-security-policy': `${pageSecurityHeaders['content-security-policy']}; script-src 'sha256-${createHash('sha256').update(timeZoneGuess).digest('base64')}'`,
};

export function signUpPage(o: { csrf: string; values: SignUpValues; error?: string; returnTo?: string; first: boolean }): string {
  const v = o.values;
  const currency = v.currency ?? 'USD';
  const timeZone = v.timeZone ?? 'UTC';
  return layout(
    'Create your account',
    h`<h1>Create your account</h1>
${o.first ? h`<p class="muted">You are the first person on this Clerq instance: you will own its first business.</p>` : ''}
${o.error ? h`<p class="error" role="alert">${o.error}</p>` : ''}
<form method="post" action="${pagePaths.signUp}">
${hidden('csrf', o.csrf)}${hidden('return_to', o.returnTo)}
<label for="name">Your name</label>
<input id="name" name="name" type="text" autocomplete="name" required maxlength="${clientNameMaxLength}" value="${v.name ?? ''}">
<label for="email">Email</label>
<input id="email" name="email" type="email" autocomplete="username" required maxlength="254" value="${v.email ?? ''}">
<label for="password">Password <span class="muted">(at least ${passwordMinLength} characters)</span></label>
<input id="password" name="password" type="password" autocomplete="new-password" required minlength="${passwordMinLength}" maxlength="${passwordMaxLength}">
<label for="business_name">Business name</label>
<input id="business_name" name="business_name" type="text" autocomplete="organization" required maxlength="${clientNameMaxLength}" value="${v.businessName ?? ''}">
<label for="currency">Currency</label>
<select id="currency" name="currency">${currencyChoices().map((c) => h`<option value="${c}"${c === currency ? h` selected` : ''}>${c}</option>`)}</select>
<label for="time_zone">Time zone</label>
<select id="time_zone" name="time_zone"${v.timeZone ? '' : h` data-guess`}>${timeZoneChoices().map((z) => h`<option value="${z}"${z === timeZone ? h` selected` : ''}>${z}</option>`)}</select>
<div class="actions"><button type="submit">Create account</button></div>
</form>
<script>${new Markup(timeZoneGuess)}</script>
<p class="muted">Already have an account? <a href="${withReturnTo(pagePaths.signIn, o.returnTo)}">Sign in</a>.</p>`,
  );
}

export function signedInPage(o: { csrf: string; name: string; email: string }): string {
  return layout(
    'Signed in',
    h`<h1>You are signed in</h1>
<p>${o.name} <span class="muted">(${o.email})</span></p>
<div class="actions"><a class="button" href="${webPaths.home}">Open Clerq</a></div>
<p>To connect an assistant, add Clerq as a custom connector (a remote MCP server) with this URL; the assistant brings you back here to approve:</p>
<p class="dest">${mcpResource()}</p>
${signOutForm(o.csrf)}`,
  );
}

export function signOutForm(csrf: string): Markup {
  return h`<form method="post" action="${pagePaths.signOut}">${hidden('csrf', csrf)}<div class="actions"><button type="submit" class="secondary">Sign out</button></div></form>`;
}

export interface ConsentView {
  csrf: string;
  request: string;
  clientName: string;
  /** For a metadata-document client: the host of its client_id URL, which (unlike the name) is not self-asserted. */
  clientHost?: string;
  destination: { kind: 'web' | 'loopback' | 'app'; label: string };
  businesses: { businessId: string; businessName: string; role: string }[];
  canWrite: boolean;
  offline: boolean;
  userName: string;
  userEmail: string;
}

export function consentPage(v: ConsentView): string {
  const destinationNote =
    v.destination.kind === 'loopback'
      ? h`<p class="notice">This address is a program on your own computer. Approve only if you just started connecting from an app on this device.</p>`
      : v.destination.kind === 'app'
        ? h`<p class="notice">This address opens an app installed on your device.</p>`
        : '';
  const single = v.businesses.length === 1 ? v.businesses[0] : undefined;
  return layout(
    'Connect an application',
    h`<h1>Connect ${v.clientName} to Clerq?</h1>
<p class="muted">The name above is chosen by the application itself. Check where you will be sent:</p>
<p>After you decide, you will be sent to</p>
<p class="dest">${v.destination.label}</p>
${v.clientHost ? h`<p class="muted">The application is published at <strong>${v.clientHost}</strong>.</p>` : ''}
${destinationNote}
<form method="post" action="${pagePaths.consent}">
${hidden('csrf', v.csrf)}${hidden('request', v.request)}
${
  single
    ? h`<p>Business: <strong>${single.businessName}</strong></p>${hidden('business', single.businessId)}`
    : h`<fieldset><legend>Business</legend>${v.businesses.map(
        (b, i) =>
          h`<label class="choice"><input type="radio" name="business" value="${b.businessId}"${i === 0 ? h` checked` : ''}> <span>${b.businessName} <span class="muted">(${b.role})</span></span></label>`,
      )}</fieldset>`
}
<fieldset><legend>Access</legend>
${
  v.canWrite
    ? h`<label class="choice"><input type="radio" name="access" value="write" checked> <span><strong>Read and write</strong>: see and change your business data</span></label>
<label class="choice"><input type="radio" name="access" value="read"> <span><strong>Read only</strong>: see, never change</span></label>`
    : h`<p>Read only</p>${hidden('access', 'read')}`
}
</fieldset>
${v.offline ? h`<p class="muted">The application will stay connected until you disconnect it.</p>` : ''}
<p class="muted">Signed in as ${v.userName} (${v.userEmail}).</p>
<div class="actions">
<button type="submit" name="action" value="approve">Approve</button>
<button type="submit" name="action" value="deny" class="secondary">Deny</button>
</div>
</form>`,
  );
}
