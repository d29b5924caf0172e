import { useEffect } from 'react';
import { Link, NavLink, Outlet, useLocation, useNavigate, useNavigationType, useParams } from 'react-router';
import { can } from '../lib/contract';
import { useBusinessQuery, useSession } from '../lib/hooks';
import type { Role } from '../lib/api';
import { ErrorNote, Loading } from '../ui/feedback';
import { rememberBusiness } from './last-business';
import { SignedOut } from './signed-out';

/** The sections, each shown only to roles that may call the operation behind it. */
const sections: { path: string; label: string; needs: string }[] = [
  { path: '', label: 'Dashboard', needs: 'list_clients' },
  { path: 'clients', label: 'Clients', needs: 'list_clients' },
  { path: 'projects', label: 'Projects', needs: 'list_projects' },
  { path: 'time', label: 'Time', needs: 'list_time_entries' },
  { path: 'invoices', label: 'Invoices', needs: 'list_invoices' },
  { path: 'expenses', label: 'Expenses', needs: 'list_expenses' },
  { path: 'team', label: 'Team', needs: 'list_team_members' },
  { path: 'assistants', label: 'Assistants', needs: 'list_connections' },
  { path: 'activity', label: 'Activity', needs: 'list_activity' },
  { path: 'settings', label: 'Settings', needs: 'get_business_settings' },
];

export function visibleSections(role: Role) {
  return sections.filter((s) => can(role, s.needs));
}

function BusinessSwitcher({ current, businesses }: { current: string; businesses: { id: string; name: string }[] }) {
  const navigate = useNavigate();
  const location = useLocation();
  if (businesses.length < 2) return <span className="business-name">{businesses.find((b) => b.id === current)?.name}</span>;
  // Switching keeps the section (ids of one business mean nothing in another).
  const section = location.pathname.split('/')[3] ?? '';
  return (
    <label className="switcher">
      <span className="visually-hidden">Business</span>
      <select value={current} onChange={(e) => navigate(`/b/${e.target.value}${section ? `/${section}` : ''}`)}>
        {businesses.map((b) => (
          <option key={b.id} value={b.id}>
            {b.name}
          </option>
        ))}
      </select>
    </label>
  );
}

export function BusinessShell() {
  const { businessId = '' } = useParams();
  const session = useSession();
  const membership = session.data?.businesses.find((b) => b.id === businessId);
  const settings = useBusinessQuery(businessId, !!membership);
  useEffect(() => {
    if (membership) rememberBusiness(businessId);
  }, [membership, businessId]);
  // After moving to another screen, focus goes to its content, so keyboard and screen reader users
  // start there instead of on the link they left (not on a load, a redirect or the back button).
  const { pathname } = useLocation();
  const navigationType = useNavigationType();
  useEffect(() => {
    if (navigationType === 'PUSH') document.getElementById('main')?.focus();
  }, [pathname, navigationType]);

  if (session.isPending) return <Loading what="Clerq" />;
  if (session.error) return <ErrorNote error={session.error} title="Clerq could not load" />;
  if (!session.data) return <SignedOut />;
  if (!membership) {
    return (
      <main id="main" className="page">
        <h1>Not one of your businesses</h1>
        <p>
          You are not a member of this business (or it does not exist). <Link to="/">Go to your businesses</Link>.
        </p>
      </main>
    );
  }
  const base = `/b/${businessId}`;
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <Link to={base} className="brand">
          Clerq
        </Link>
        <BusinessSwitcher current={businessId} businesses={session.data.businesses} />
        <span className="role muted">{membership.role}</span>
        <NavLink to={`${base}/account`} className="account-link">
          {session.data.user.name}
        </NavLink>
      </header>
      <nav className="sections" aria-label="Sections">
        <ul>
          {visibleSections(membership.role).map((s) => (
            <li key={s.path}>
              <NavLink to={s.path ? `${base}/${s.path}` : base} end={s.path === ''}>
                {s.label}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" className="page" tabIndex={-1}>
        {settings.isPending ? <Loading what="the business" /> : settings.error ? <ErrorNote error={settings.error} title="The business could not load" /> : <Outlet />}
      </main>
    </div>
  );
}
