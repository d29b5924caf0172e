/**
 * The one route table. The CDK stack makes an HTTP API route per entry and a NodejsFunction per
 * function; the local server (infra/local) dispatches with the same table.
 */
export const functions = {
  metadata: { entry: 'functions/oauth-metadata.ts', memoryMb: 256, timeoutSeconds: 5 },
  register: { entry: 'functions/oauth-register.ts', memoryMb: 256, timeoutSeconds: 10 },
  authorize: { entry: 'functions/oauth-authorize.ts', memoryMb: 512, timeoutSeconds: 10 },
  token: { entry: 'functions/oauth-token.ts', memoryMb: 256, timeoutSeconds: 10 },
  mcp: { entry: 'functions/mcp.ts', memoryMb: 512, timeoutSeconds: 29 },
  api: { entry: 'functions/api.ts', memoryMb: 512, timeoutSeconds: 29 },
  // Rendering a long invoice is CPU-bound: more memory buys a faster CPU share in Lambda.
  pdf: { entry: 'functions/pdf.ts', memoryMb: 1024, timeoutSeconds: 29 },
} as const;

export type FunctionName = keyof typeof functions;

export interface Route {
  method: 'GET' | 'POST' | 'DELETE' | 'OPTIONS';
  path: string;
  fn: FunctionName;
}

const r = (method: Route['method'], path: string, fn: FunctionName): Route => ({ method, path, fn });

/** Endpoints of the token and registration functions; the metadata documents announce these. */
export const endpointPaths = {
  token: '/oauth/token',
  revocation: '/oauth/revoke',
  registration: '/oauth/register',
} as const;

/** The signed invoice PDF link: `GET /api/pdf/<token>` (shared/pdf/link.ts makes and checks tokens). */
export const pdfPaths = {
  link: '/api/pdf',
} as const;

/** The web app's JSON door (functions/api.ts): the session, and any operation in one of the person's businesses. */
export const apiPaths = {
  session: '/api/v1/session',
  operation: '/api/v1/businesses/{businessId}/ops/{operation}',
  signOut: '/api/v1/account/sign-out',
  signOutEverywhere: '/api/v1/account/sign-out-everywhere',
  password: '/api/v1/account/password',
} as const;

/** The web app (static files behind the default behaviour): its home opens the business used last. */
export const webPaths = { home: '/', business: '/b/{businessId}' } as const;

/** Pages of the authorize function: sign-in, sign-up, consent and the invitation accept page (forms post back to the same path). */
export const pagePaths = {
  authorize: '/oauth/authorize',
  signIn: '/oauth/sign-in',
  signUp: '/oauth/sign-up',
  consent: '/oauth/consent',
  signOut: '/oauth/sign-out',
  invitation: '/oauth/invitation',
} as const;

export const routes: Route[] = [
  r('GET', '/.well-known/oauth-protected-resource', 'metadata'),
  r('GET', '/.well-known/oauth-protected-resource/api/mcp', 'metadata'),
  r('GET', '/.well-known/oauth-authorization-server', 'metadata'),
  r('OPTIONS', '/.well-known/oauth-protected-resource', 'metadata'),
  r('OPTIONS', '/.well-known/oauth-protected-resource/api/mcp', 'metadata'),
  r('OPTIONS', '/.well-known/oauth-authorization-server', 'metadata'),
  r('POST', endpointPaths.registration, 'register'),
  r('OPTIONS', endpointPaths.registration, 'register'),
  r('GET', pagePaths.authorize, 'authorize'),
  r('GET', pagePaths.signIn, 'authorize'),
  r('POST', pagePaths.signIn, 'authorize'),
  r('GET', pagePaths.signUp, 'authorize'),
  r('POST', pagePaths.signUp, 'authorize'),
  r('POST', pagePaths.consent, 'authorize'),
  r('POST', pagePaths.signOut, 'authorize'),
  r('GET', pagePaths.invitation, 'authorize'),
  r('POST', pagePaths.invitation, 'authorize'),
  r('POST', endpointPaths.token, 'token'),
  r('OPTIONS', endpointPaths.token, 'token'),
  r('POST', endpointPaths.revocation, 'token'),
  r('OPTIONS', endpointPaths.revocation, 'token'),
  r('POST', '/api/mcp', 'mcp'),
  r('GET', '/api/mcp', 'mcp'),
  r('DELETE', '/api/mcp', 'mcp'),
  r('OPTIONS', '/api/mcp', 'mcp'),
  r('GET', `${pdfPaths.link}/{token}`, 'pdf'),
  r('GET', apiPaths.session, 'api'),
  r('POST', apiPaths.operation, 'api'),
  r('POST', apiPaths.signOut, 'api'),
  r('POST', apiPaths.signOutEverywhere, 'api'),
  r('POST', apiPaths.password, 'api'),
];

/**
 * Whether a request path fits a route path. A `{name}` segment matches one non-empty segment, as
 * in API Gateway (which hands the handler the raw path, so handlers read parameters from it).
 */
export function pathMatches(routePath: string, path: string): boolean {
  if (!routePath.includes('{')) return routePath === path;
  const want = routePath.split('/');
  const got = path.split('/');
  return want.length === got.length && want.every((w, i) => (w.startsWith('{') && w.endsWith('}') ? got[i] !== '' : w === got[i]));
}

/** The route for a method and path, or undefined (404). */
export function matchRoute(method: string, path: string): Route | undefined {
  return routes.find((x) => x.method === method.toUpperCase() && pathMatches(x.path, path));
}

/** Whether any route serves this path (so a wrong method is a 405, not a 404). */
export function pathKnown(path: string): boolean {
  return routes.some((x) => pathMatches(x.path, path));
}
