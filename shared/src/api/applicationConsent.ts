/**
 * The Microsoft Graph application permissions of the group sync (issue 17) and the link an
 * administrator grants them with.
 *
 * The server reads a tenant's groups without a signed-in user (Entra's "OAuth 2.0 client
 * credentials flow"), so it needs application permissions, which only an administrator of that
 * tenant grants, and which cannot be asked for one by one: the admin-consent endpoint grants every
 * application permission the registration lists ("Request the permissions from a directory
 * admin": `/{tenant}/adminconsent?client_id&redirect_uri&state`, no scope). Which ones:
 * - `GroupMember.Read.All`: the least privileged permission of "group: delta", "List group
 *   members" and "Get group"/"List groups" (their Permissions tables);
 * - `User.Read.All`: without a permission to read users, Graph answers a group's user members with
 *   their id only ("Limited information returned for inaccessible member objects", Microsoft Graph
 *   permissions overview: "To read the basic properties of a group's members that are users, the
 *   app needs at least the User.Read.All permission"), and a seat needs the member's address.
 */
import { ADMIN_CONSENT_REDIRECT_PATH } from './adminConsent.js';

export const GRAPH_APPLICATION_PERMISSIONS = ['GroupMember.Read.All', 'User.Read.All'] as const;
export type GraphApplicationPermission = (typeof GRAPH_APPLICATION_PERMISSIONS)[number];

/**
 * `state` the portal reads when Entra sends the administrator back: the answer is about group
 * sync, and which subscription's page to reopen (`outmerge-group-sync.<subscription id>`). It only
 * decides what the page shows, never what anyone may do.
 */
export const GROUP_CONSENT_STATE = 'outmerge-group-sync';

/** The subscription a group-sync consent was asked from, read back from `state`; null for any other state. */
export function groupConsentSubscription(state: string | null): string | null {
  const match = state === null ? null : /^outmerge-group-sync\.([0-9a-f-]{36})$/i.exec(state);
  return match?.[1] ?? null;
}

/**
 * `authority`: Microsoft's sign-in host (`https://login.microsoftonline.com`, a national cloud's
 * own), or the development identity provider. `tenant`: the subscription's organisation's tenant,
 * never `common`, so the grant lands in that tenant.
 */
export function applicationConsentUrl(options: {
  authority: string;
  tenant: string;
  clientId: string;
  publicUrl: string;
  subscriptionId: string;
}): string {
  const query = new URLSearchParams({
    client_id: options.clientId,
    redirect_uri: `${options.publicUrl}${ADMIN_CONSENT_REDIRECT_PATH}`,
    state: `${GROUP_CONSENT_STATE}.${options.subscriptionId}`,
  });
  return `${options.authority}/${encodeURIComponent(options.tenant)}/adminconsent?${query.toString()}`;
}
