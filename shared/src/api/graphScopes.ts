/**
 * The delegated Microsoft Graph permissions Outmerge uses, each with the operations that need it
 * (Microsoft's "Permissions" section of each API page). The pane asks for a set only when the
 * feature that needs it is used; the README's app registration lists them all; the development
 * identity provider grants them (or, for a test, fewer).
 */
export const GRAPH_RESOURCE = 'https://graph.microsoft.com';

export type GraphScope = 'User.Read' | 'Mail.ReadWrite' | 'Mail.Send' | 'Mail.Send.Shared' | 'Contacts.Read' | 'Contacts.Read.Shared';

/** Every delegated permission the app registration declares, in the order the README lists them. */
export const GRAPH_PERMISSIONS: readonly GraphScope[] = ['User.Read', 'Mail.ReadWrite', 'Mail.Send', 'Mail.Send.Shared', 'Contacts.Read', 'Contacts.Read.Shared'];

/** What each Graph operation of the pane needs. */
export const GRAPH_SCOPES_FOR = {
  /** Drafts: create, add attachments, upload sessions, delete, find by marker in Drafts/Sent Items, read Sent Items and the Inbox. */
  mailbox: ['Mail.ReadWrite'],
  /** Sending a message or a draft from the signed-in user's own address. */
  send: ['Mail.Send'],
  /** Sending with `from` set to another mailbox (shared mailbox, Send As or Send on Behalf). */
  sendShared: ['Mail.Send.Shared'],
  contacts: ['Contacts.Read'],
  contactsShared: ['Contacts.Read.Shared'],
} as const satisfies Record<string, readonly GraphScope[]>;

/** The full scope URI MSAL asks Entra for. */
export function graphScopeUri(scope: GraphScope): string {
  return `${GRAPH_RESOURCE}/${scope}`;
}
