/**
 * The routes anyone may call without signing in: the explicit list. Every other route under
 * `/api/v1` needs a valid access token (./authentication.ts), so a new route is protected unless
 * it is added here; `tests/api/routeContract.test.ts` checks every registered route against this.
 *
 * Entries are `METHOD path` with the route's pattern (never the raw URL, so no encoding or query
 * string can make a protected route look public); HEAD follows GET.
 */
export const PUBLIC_ROUTES: ReadonlySet<string> = new Set([
  // Liveness, readiness (load balancers ask without a user) and the API's own description.
  'GET /healthz',
  'GET /readyz',
  'GET /api/docs',
  // What the pages need before anyone signs in: the deployment's configuration and the keys license tokens are verified with.
  'GET /app-config.json',
  'GET /.well-known/jwks.json',
  // The add-in's manifests: Outlook and the Microsoft 365 admin center fetch them without a user.
  'GET /manifest.xml',
  'GET /manifest.json',
  'GET /manifest.zip',
  // Prices, and what an offer link offers, are shown before sign-in.
  'GET /api/v1/plans',
  'POST /api/v1/offers/view',
  // The payment provider's webhook proves itself with its signature, not a user's token.
  'POST /api/v1/payments/webhook',
]);

/**
 * Whole prefixes that are not the API's: the development stand-ins (identity provider, Graph,
 * DNS, outbox: each checks what the real service checks, and none runs in production), and the
 * built pages (static files).
 */
export const PUBLIC_PREFIXES: readonly string[] = ['/dev/'];

/** The built pages: @fastify/static's catch-all route. */
export const STATIC_ROUTE = '/*';

export function isPublicRoute(method: string, url: string): boolean {
  const verb = method === 'HEAD' ? 'GET' : method;
  return (
    PUBLIC_ROUTES.has(`${verb} ${url}`) ||
    url === STATIC_ROUTE ||
    PUBLIC_PREFIXES.some((prefix) => url.startsWith(prefix))
  );
}
