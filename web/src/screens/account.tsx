import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { accountCall, ApiError } from '../lib/api';
import { sessionKey, useSession } from '../lib/hooks';
import { usePageTitle } from '../shell/page-title';
import { ErrorNote, Notice } from '../ui/feedback';

/** Ends the session; if this instance has no JSON sign-out yet, the sign-in page's own form does it. */
function useSignOut(action: 'sign-out' | 'sign-out-everywhere') {
  const client = useQueryClient();
  const [error, setError] = useState<unknown>(null);
  const [pending, setPending] = useState(false);
  const run = async () => {
    setPending(true);
    setError(null);
    try {
      await accountCall(action);
      client.setQueryData(sessionKey, null);
      window.location.assign('/');
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) window.location.assign('/oauth/sign-in');
      else setError(e);
    } finally {
      setPending(false);
    }
  };
  return { run, error, pending };
}

function PasswordForm() {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  return (
    <form
      className="form"
      onSubmit={async (e) => {
        e.preventDefault();
        setPending(true);
        setError(null);
        setDone(null);
        try {
          const r = await accountCall<{ other_sessions_ended?: number }>('password', { current_password: current, new_password: next });
          setDone(`Password changed.${r.other_sessions_ended ? ` ${r.other_sessions_ended} other sessions were signed out.` : ''}`);
          setCurrent('');
          setNext('');
        } catch (err) {
          setError(err);
        } finally {
          setPending(false);
        }
      }}
    >
      <label htmlFor="current-password">Current password</label>
      <input id="current-password" type="password" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} required />
      <label htmlFor="new-password">New password</label>
      <input id="new-password" type="password" autoComplete="new-password" value={next} onChange={(e) => setNext(e.target.value)} required minLength={8} />
      <ErrorNote error={error} title="The password was not changed" />
      {done ? <Notice>{done}</Notice> : null}
      <div className="actions">
        <button type="submit" disabled={pending || !current || !next}>
          Change password
        </button>
      </div>
    </form>
  );
}

export function Component() {
  usePageTitle('Your account');
  const session = useSession().data;
  const signOut = useSignOut('sign-out');
  const everywhere = useSignOut('sign-out-everywhere');
  return (
    <>
      <h1>Your account</h1>
      {session ? (
        <dl className="details">
          <div>
            <dt>Name</dt>
            <dd>{session.user.name}</dd>
          </div>
          <div>
            <dt>Email</dt>
            <dd>{session.user.email}</dd>
          </div>
          <div>
            <dt>Businesses</dt>
            <dd>{session.businesses.map((b) => `${b.name} (${b.role})`).join(', ')}</dd>
          </div>
        </dl>
      ) : null}
      <section className="card" aria-labelledby="signout-title">
        <h2 id="signout-title">Sign out</h2>
        <div className="actions">
          <button type="button" className="secondary" onClick={() => void signOut.run()} disabled={signOut.pending}>
            Sign out
          </button>
          <button type="button" className="secondary danger" onClick={() => void everywhere.run()} disabled={everywhere.pending}>
            Sign out everywhere
          </button>
        </div>
        <p className="muted">Signing out everywhere ends your sessions in every browser. Connected assistants stay connected; revoke them under Assistants.</p>
        <ErrorNote error={signOut.error ?? everywhere.error} title="Not signed out" />
      </section>
      <section className="card" aria-labelledby="password-title">
        <h2 id="password-title">Change your password</h2>
        <PasswordForm />
      </section>
    </>
  );
}
