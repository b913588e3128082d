/**
 * The sign-in page the pane opens in the Office dialog where Outlook has no nested app
 * authentication. The README registers it as a single-page-application redirect URI, and the
 * server serves it without `Cross-Origin-Opener-Policy: same-origin` (Office's "Handle errors and
 * events in the Office dialog box": that header makes the dialog fail with 12006).
 */
export const AUTH_DIALOG_PATH = '/auth-dialog.html';
