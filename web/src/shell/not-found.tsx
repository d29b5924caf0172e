import { Link, isRouteErrorResponse, useRouteError } from 'react-router';
import { usePageTitle } from './page-title';

export function NotFound() {
  usePageTitle('Not found');
  return (
    <main id="main" className="page">
      <h1>Page not found</h1>
      <p>
        There is nothing at this address. <Link to="/">Go to your dashboard</Link>.
      </p>
    </main>
  );
}

/** A screen that failed to load or render (a new version was deployed, the network dropped). */
export function RouteError() {
  const error = useRouteError();
  const message = isRouteErrorResponse(error) ? `${error.status} ${error.statusText}` : error instanceof Error ? error.message : String(error);
  return (
    <main id="main" className="page">
      <h1>Something went wrong</h1>
      <p className="error" role="alert">
        {message}
      </p>
      <p>
        <button type="button" onClick={() => window.location.reload()}>
          Reload
        </button>
      </p>
    </main>
  );
}
