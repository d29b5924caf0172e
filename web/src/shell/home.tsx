import { Navigate } from 'react-router';
import { useSession } from '../lib/hooks';
import { ErrorNote, Loading } from '../ui/feedback';
import { SignedOut } from './signed-out';
import { lastBusiness } from './last-business';

/** `/`: the last business used (or the first), or the signed-out page. */
export function Home() {
  const session = useSession();
  if (session.isPending) return <Loading what="Clerq" />;
  if (session.error) return <ErrorNote error={session.error} title="Clerq could not load" />;
  if (!session.data) return <SignedOut />;
  const businesses = session.data.businesses;
  if (businesses.length === 0) {
    return (
      <main id="main" className="signed-out">
        <h1>No business yet</h1>
        <p>You are signed in as {session.data.user.email} but belong to no business. Ask an owner or admin for an invitation link.</p>
      </main>
    );
  }
  const last = lastBusiness();
  const target = businesses.find((b) => b.id === last) ?? businesses[0]!;
  return <Navigate to={`/b/${target.id}`} replace />;
}
