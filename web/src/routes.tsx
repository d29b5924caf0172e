import { createBrowserRouter } from 'react-router';
import { Home } from './shell/home';
import { BusinessShell } from './shell/business-shell';
import { NotFound, RouteError } from './shell/not-found';
import Dashboard from './screens/dashboard';

// The dashboard ships with the first bundle (it is the first screen); every other screen is its own chunk.
export const router = createBrowserRouter([
  { path: '/', element: <Home />, errorElement: <RouteError /> },
  {
    path: '/b/:businessId',
    element: <BusinessShell />,
    errorElement: <RouteError />,
    children: [
      { index: true, element: <Dashboard /> },
      { path: 'clients', lazy: () => import('./screens/clients') },
      { path: 'clients/:clientId', lazy: () => import('./screens/client-detail') },
      { path: 'projects', lazy: () => import('./screens/projects') },
      { path: 'projects/:projectId', lazy: () => import('./screens/project-detail') },
      { path: 'time', lazy: () => import('./screens/time') },
      { path: 'invoices', lazy: () => import('./screens/invoices') },
      { path: 'invoices/:invoiceId', lazy: () => import('./screens/invoice-detail') },
      { path: 'expenses', lazy: () => import('./screens/expenses') },
      { path: 'team', lazy: () => import('./screens/team') },
      { path: 'assistants', lazy: () => import('./screens/assistants') },
      { path: 'activity', lazy: () => import('./screens/activity') },
      { path: 'settings', lazy: () => import('./screens/settings') },
      { path: 'account', lazy: () => import('./screens/account') },
      { path: '*', element: <NotFound /> },
    ],
  },
  { path: '*', element: <NotFound /> },
]);
