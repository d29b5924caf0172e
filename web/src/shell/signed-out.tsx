import { useLocation } from 'react-router';
import { signInHref } from '../lib/api';
import { usePageTitle } from './page-title';

/** Signed out: sign in (and come back here) or create an account, on the instance's own pages. */
export function SignedOut() {
  const location = useLocation();
  const here = `${location.pathname}${location.search}`;
  usePageTitle('Sign in');
  const connector = `${window.location.origin}/api/mcp`;
  return (
    <main id="main" className="signed-out">
      <h1>Clerq</h1>
      <p className="lead">Clients, projects, time, invoices and expenses for a small business, and an assistant that can run them for you.</p>
      <p>You are not signed in.</p>
      <div className="actions">
        <a className="button primary" href={signInHref(here)}>
          Sign in
        </a>
        <a className="button secondary" href={`/oauth/sign-up?return_to=${encodeURIComponent(here)}`}>
          Create an account
        </a>
      </div>
      <p className="muted">The first person to sign up on a new Clerq owns its first business; after that, people join through an invitation.</p>
      <h2>Connect an assistant</h2>
      <p>Add Clerq as a custom connector (a remote MCP server) in your assistant with this URL, then sign in and choose a business when it asks:</p>
      <code className="url">{connector}</code>
    </main>
  );
}
