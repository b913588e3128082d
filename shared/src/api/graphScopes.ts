/**
 * The delegated Microsoft Graph permissions Outmerge uses, each with the operations that need it
 * (Microsoft's "Permissions" section of each API page; the `.Shared` variants from "Send Outlook
 * messages from another user" and "Get Outlook messages in a shared or delegated folder").
 *
 * Messages are always drafted in the signed-in user's own mailbox, also when they go out from a
 * shared mailbox: Microsoft's recipe sets `from` on the draft and needs Mail.Send.Shared plus Send As
 * or Send on Behalf in Exchange — not Mail.ReadWrite.Shared nor Full Access, and upload sessions
 * (refused on shared mailboxes with delegated permissions) keep working. The pane
 * asks for a set only when the feature that needs it is used; the README's app registration and the
 * admin-consent link list them all; the development identity provider grants them (or, for a test,
 * fewer).
 */
export const GRAPH_RESOURCE = 'https://graph.microsoft.com';

export type GraphScope =
  'User.Read' | 'Mail.ReadWrite' | 'Mail.Send' | 'Mail.Send.Shared' | 'Contacts.Read' | 'Contacts.Read.Shared';

/** Every delegated permission the app registration declares, in the order the README lists them. */
export const GRAPH_PERMISSIONS: readonly GraphScope[] = [
  'User.Read',
  'Mail.ReadWrite',
  'Mail.Send',
  'Mail.Send.Shared',
  'Contacts.Read',
  'Contacts.Read.Shared',
];

/**
 * OpenID Connect scopes MSAL adds to every request (sign-in, ID token, refresh token). They are
 * Microsoft Graph permissions too, so the admin-consent link names them (Office's "Publish an
 * add-in that requires admin consent": "always include the openid, profile, and offline_access scopes").
 */
export const OIDC_SCOPES = ['openid', 'profile', 'offline_access'] as const;

/** What each Graph operation of the pane needs. */
export const GRAPH_SCOPES_FOR = {
  /**
   * Sign-in: Entra's "Sign in and read user profile". An app asking for a token for its own API
   * needs it consented (AADSTS90008); Entra adds it to the first consent, and the standard client
   * names it (`extraScopesToConsent`) so the consent screen says so.
   */
  signIn: ['User.Read'],
  /** Drafts in the user's own mailbox (also those `from` a shared mailbox): create, add attachments, upload sessions, delete, find by marker in Drafts/Sent Items, read Sent Items and the Inbox. */
  mailbox: ['Mail.ReadWrite'],
  /** Sending a message or a draft from the signed-in user's own address. */
  send: ['Mail.Send'],
  /** Sending as or on behalf of another mailbox (Exchange's Send As / Send on Behalf rights decide whether it works). */
  sendShared: ['Mail.Send.Shared'],
  contacts: ['Contacts.Read'],
  contactsShared: ['Contacts.Read.Shared'],
  /**
   * Bounces, unsubscribes and follow-ups: reading the Inbox and Sent Items (bodies, the message
   * class, the row marker: more than Mail.ReadBasic) and keeping the suppression list in a hidden
   * folder (user-post-mailfolders needs Mail.ReadWrite). Mail.ReadWrite includes Mail.Read, and
   * campaigns hold it already: asking for Mail.Read as well would add a line to the consent
   * screen and nothing to what the token allows. Asked for when the sender turns the features on.
   */
  inbox: ['Mail.ReadWrite'],
} as const satisfies Record<string, readonly GraphScope[]>;

export type GraphOperation = 'mailbox' | 'send' | 'contacts';

/**
 * The permissions an operation needs for the user's own mailbox (`mailbox` null) or another one: drafts
 * stay in the user's own mailbox either way; sending `from` another mailbox adds Mail.Send.Shared;
 * another mailbox's contacts are read there (`/users/{id}/contacts`).
 */
export function graphScopesFor(operation: GraphOperation, mailbox: string | null | undefined): readonly GraphScope[] {
  const shared = Boolean(mailbox);
  if (operation === 'mailbox') return GRAPH_SCOPES_FOR.mailbox;
  if (operation === 'send')
    return shared ? [...GRAPH_SCOPES_FOR.send, ...GRAPH_SCOPES_FOR.sendShared] : GRAPH_SCOPES_FOR.send;
  return shared ? GRAPH_SCOPES_FOR.contactsShared : GRAPH_SCOPES_FOR.contacts;
}

/** Everything a campaign does (drafts, then sending them), asked for once when the campaign starts. */
export function campaignScopes(mailbox: string | null | undefined): GraphScope[] {
  return [...graphScopesFor('mailbox', mailbox), ...graphScopesFor('send', mailbox)];
}

/** The full scope URI MSAL asks Entra for. */
export function graphScopeUri(scope: GraphScope): string {
  return `${GRAPH_RESOURCE}/${scope}`;
}

/**
 * A granted scope as Entra writes it (`Mail.Send`, `https://graph.microsoft.com/Mail.Send`,
 * `api://…/access_as_user`) in one comparable form: Graph's short name, lower case (scope values are
 * case-insensitive).
 */
export function normalizeScope(scope: string): string {
  const lower = scope.trim().toLowerCase();
  const graphPrefix = `${GRAPH_RESOURCE.toLowerCase()}/`;
  return lower.startsWith(graphPrefix) ? lower.slice(graphPrefix.length) : lower;
}

/** Whether a token granted `granted` covers every scope in `requested`. */
export function scopesCover(granted: readonly string[], requested: readonly string[]): boolean {
  const have = new Set(granted.map(normalizeScope));
  return requested.every((scope) => have.has(normalizeScope(scope)));
}
