import { mcpResource } from '../config/index.js';
import { pagePaths, webPaths } from '../../functions/routes.js';
import { h, layout } from './page-layout.js';
import { signOutForm } from './pages.js';
import { passwordMaxLength, passwordMinLength } from './passwords.js';
import { clientNameMaxLength } from './client-metadata.js';

/** The accept page's views. Every dynamic value goes through `h`, which escapes it. */

export interface InvitationView {
  token: string;
  csrf: string;
  businessName: string;
  role: string;
  email: string;
}

const tokenField = (v: InvitationView) => h`<input type="hidden" name="csrf" value="${v.csrf}"><input type="hidden" name="token" value="${v.token}">`;
const intro = (v: InvitationView) => h`<h1>Join ${v.businessName}</h1><p>You are invited to join <strong>${v.businessName}</strong> on Clerq as <strong>${v.role}</strong>.</p>`;

/** Signed in as the invited address: one button. */
export function joinPage(v: InvitationView): string {
  return layout(
    `Join ${v.businessName}`,
    h`${intro(v)}
<form method="post" action="${pagePaths.invitation}">${tokenField(v)}<input type="hidden" name="action" value="join">
<div class="actions"><button type="submit">Join ${v.businessName}</button></div></form>`,
  );
}

/** Signed in as someone else: say so, and offer to sign out (the link then works for the right account). */
export function wrongAccountPage(v: InvitationView & { signedInAs: string }): string {
  return layout(
    'Another account is signed in',
    h`${intro(v)}
<p class="error" role="alert">This invitation is for ${v.email}, but you are signed in as ${v.signedInAs}. Sign out, then open the invitation link again.</p>
${signOutForm(v.csrf)}`,
  );
}

/** Not signed in: sign in (back to this page afterwards) or create the account right here. */
export function signInOrUpPage(v: InvitationView & { error?: string; name?: string }): string {
  const back = `${pagePaths.invitation}?token=${encodeURIComponent(v.token)}`;
  return layout(
    `Join ${v.businessName}`,
    h`${intro(v)}
<p>Already have a Clerq account for ${v.email}? <a href="${pagePaths.signIn}?return_to=${encodeURIComponent(back)}">Sign in</a> and come back here.</p>
<h2>Or create your account</h2>
${v.error ? h`<p class="error" role="alert">${v.error}</p>` : ''}
<form method="post" action="${pagePaths.invitation}">${tokenField(v)}<input type="hidden" name="action" value="sign_up">
<label for="email">Email</label>
<input id="email" type="email" value="${v.email}" disabled>
<label for="name">Your name</label>
<input id="name" name="name" type="text" autocomplete="name" required maxlength="${clientNameMaxLength}" value="${v.name ?? ''}">
<label for="password">Password <span class="muted">(at least ${passwordMinLength} characters)</span></label>
<input id="password" name="password" type="password" autocomplete="new-password" required minlength="${passwordMinLength}" maxlength="${passwordMaxLength}">
<div class="actions"><button type="submit">Create account and join ${v.businessName}</button></div>
</form>`,
  );
}

export function joinedPage(o: { businessId: string; businessName: string; role: string }): string {
  return layout(
    `You joined ${o.businessName}`,
    h`<h1>You joined ${o.businessName}</h1><p>You are now a ${o.role} of ${o.businessName}.</p>
<div class="actions"><a class="button" href="${webPaths.business.replace('{businessId}', encodeURIComponent(o.businessId))}">Open ${o.businessName}</a></div>
<p>To connect an assistant, add Clerq as a custom connector (a remote MCP server) with this URL and choose ${o.businessName} when asked:</p>
<p class="dest">${mcpResource()}</p>`,
  );
}
