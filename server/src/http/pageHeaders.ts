/**
 * Which browser isolation headers each built file gets, beyond helmet's defaults for everything
 * (frame-ancestors 'self', Cross-Origin-Opener-Policy: same-origin-allow-popups,
 * Cross-Origin-Resource-Policy: same-origin). One table, decided by the file's path:
 *
 * - The task pane is framed by Outlook on the web and the new Outlook, on the origins Microsoft
 *   lists for Outlook in its frame-ancestors table (MicrosoftDocs/msteams-docs
 *   `includes/tabs/content-security-policy-headers.md`: outlook.office.com, outlook.office365.com,
 *   their -sdf test rings, outlook.live.com, and `*.cloud.microsoft`, where Microsoft 365 apps are
 *   moving — microsoft-365-docs `enterprise/cloud-microsoft-domain.md`). `*.microsoft.com` does not
 *   match `outlook.cloud.microsoft`. Every other page, the portal included, is framed by itself only
 *   (clickjacking; its own sign-in iframe returns to it).
 * - Files Outlook loads from its own origin (the ribbon icons, and the pane's page, scripts and
 *   styles when the host isolates itself) carry CORP cross-origin: Chromium-based hosts refuse a
 *   cross-origin `same-origin` resource.
 * - A page that a popup returns to must not carry COOP, or the browser moves it to another browsing
 *   context group and its opener never hears back (MSAL `docs/redirect-bridge.md`; tested in
 *   Chromium by tests/e2e/outlookFraming.test.ts). MSAL's popup returns to the page that opened it
 *   (no `redirectUri` is configured, so it is the portal itself): the portal is such a page.
 *   The pane gets no COOP either: it runs in Outlook's frame or webview, where COOP has nothing to
 *   protect and a browsing-context-group switch could only cut the host's bridge.
 * - Caching: a file whose name carries its content hash (webpack's `js/[name].[contenthash:8].js`)
 *   never changes under that name, so browsers keep it a year without asking again
 *   (`immutable`); everything else, the pages first (Outlook caches add-in pages hard), is asked
 *   again every time (`max-age=0`, answered 304 when unchanged), so a deployment shows at once.
 * - The server sends a built file's precompressed copy (`.br`, `.gz`, scripts/precompress.ts) in
 *   its place: the copy gets the headers of the file it stands for (`builtFilePath`).
 */

/** frame-ancestors sources of the pages Outlook frames. */
export const OUTLOOK_FRAME_ANCESTORS = [
  'https://outlook.office.com',
  'https://outlook.office365.com',
  'https://outlook-sdf.office.com',
  'https://outlook-sdf.office365.com',
  'https://outlook.live.com',
  'https://*.cloud.microsoft',
] as const;

/**
 * Pages Outlook shows in its own frame: the pane, and the sign-in page of the Office dialog
 * (branch auth; Office on the web opens it as a window by default, but a host may frame dialogs).
 */
const OUTLOOK_FRAMED_PAGES = new Set(['taskpane.html', 'auth-dialog.html']);
/**
 * Pages served without COOP: the portal (MSAL's sign-in popup returns to it), the pane (in
 * Outlook's frame or webview) and the Office dialog's sign-in page (Office talks to the dialog
 * through its opener; with COOP the dialog reports 12006, office-js-docs-pr
 * `docs/develop/dialog-handle-errors-events.md`). Any page a popup or a dialog returns to goes here.
 */
const PAGES_WITHOUT_OPENER_POLICY = new Set(['portal.html', 'taskpane.html', 'auth-dialog.html']);
/**
 * Pages that take card details: with PAYMENT_PROVIDER=stripe they load Stripe.js, which must
 * come from js.stripe.com ("Including Stripe.js": never bundled or self-hosted), frames its card
 * fields and 3-D Secure pages from js.stripe.com and hooks.stripe.com, and calls api.stripe.com.
 * The sources are Stripe's own list ("Security at Stripe", docs.stripe.com/security/guide,
 * Content Security Policy), less maps.googleapis.com, which only its Address Element needs.
 * Only the portal pays; the pane and every other page keep their policy.
 */
const PAYMENT_PAGES = new Set(['portal.html']);
export const STRIPE_CSP_SOURCES = {
  'script-src': ['https://js.stripe.com', 'https://*.js.stripe.com'],
  'frame-src': ['https://js.stripe.com', 'https://*.js.stripe.com', 'https://hooks.stripe.com'],
  'connect-src': ['https://api.stripe.com'],
} as const;
/** Folders of public files other origins may load (no credentials, nothing private). */
const CROSS_ORIGIN_FOLDERS = ['assets/', 'js/'];
/** webpack's output names (webpack.config.js): a name, a content hash of 8 hex digits, `.js` (or its source map). */
const CONTENT_HASHED = /^js\/[^/]+\.[0-9a-f]{8}\.js(?:\.map)?$/;
export const CACHE_IMMUTABLE = 'public, max-age=31536000, immutable';
export const CACHE_REVALIDATE = 'public, max-age=0';

export interface StaticFileHeaders {
  /** Replaces frame-ancestors 'self' when set. */
  frameAncestors: readonly string[] | null;
  /** false: send no Cross-Origin-Opener-Policy at all. */
  openerPolicy: boolean;
  resourcePolicy: 'same-origin' | 'cross-origin';
  cacheControl: typeof CACHE_IMMUTABLE | typeof CACHE_REVALIDATE;
  /** The page takes card details: it may load the payment provider's script (STRIPE_CSP_SOURCES with Stripe). */
  payments: boolean;
}

/** The built file a served file stands for: itself, or the file a precompressed copy (`.br`, `.gz`) was made of. */
export function builtFilePath(relativePath: string): string {
  return relativePath.replace(/\.(?:br|gz)$/, '');
}

/** `relativePath`: the file's path below the static root, with forward slashes. */
export function staticFileHeaders(relativePath: string): StaticFileHeaders {
  const file = relativePath.replace(/^\/+/, '');
  const framed = OUTLOOK_FRAMED_PAGES.has(file);
  return {
    frameAncestors: framed ? ["'self'", ...OUTLOOK_FRAME_ANCESTORS] : null,
    openerPolicy: !PAGES_WITHOUT_OPENER_POLICY.has(file),
    resourcePolicy:
      framed || CROSS_ORIGIN_FOLDERS.some((folder) => file.startsWith(folder)) ? 'cross-origin' : 'same-origin',
    cacheControl: CONTENT_HASHED.test(file) ? CACHE_IMMUTABLE : CACHE_REVALIDATE,
    payments: PAYMENT_PAGES.has(file),
  };
}

/** The policy `csp` with `sources` added to each named directive (kept in its place). */
export function withAddedSources(csp: string, sources: Readonly<Record<string, readonly string[]>>): string {
  return csp
    .split(';')
    .map((directive) => directive.trim())
    .filter((directive) => directive !== '')
    .map((directive) => {
      const [name = ''] = directive.split(/\s+/, 1);
      const extra = sources[name.toLowerCase()];
      return extra ? `${directive} ${extra.join(' ')}` : directive;
    })
    .join(';');
}

/** The policy `csp` with its frame-ancestors directive replaced by `sources`. */
export function withFrameAncestors(csp: string, sources: readonly string[]): string {
  const directives = csp
    .split(';')
    .map((directive) => directive.trim())
    .filter((directive) => directive !== '' && !/^frame-ancestors(\s|$)/i.test(directive));
  return [...directives, `frame-ancestors ${sources.join(' ')}`].join(';');
}
