/**
 * The portal is the admin-consent link's redirect: Entra comes back with `?admin_consent=True&tenant=…&scope=…`
 * or with `?error=…&error_description=…` (Entra's "Admin consent on the Microsoft identity platform").
 * The answer only decides what the page says; its `tenant` is never used for anything (Entra warns
 * that it can be forged). The group sync's link (application permissions) carries in `state` the
 * subscription it was asked from (`groupSubscription`), whose page the portal reopens.
 */
import { groupConsentSubscription } from '#shared/api/applicationConsent.js';

export type AdminConsentReturn = ({ granted: true } | { granted: false; description: string }) & {
  groupSubscription?: string;
};

export function readAdminConsentReturn(search: string): AdminConsentReturn | null {
  const query = new URLSearchParams(search);
  const error = query.get('error');
  const subscription = groupConsentSubscription(query.get('state'));
  const about = subscription ? { groupSubscription: subscription } : {};
  if (error)
    return query.has('admin_consent')
      ? { granted: false, description: query.get('error_description') ?? error, ...about }
      : null;
  return query.get('admin_consent')?.toLowerCase() === 'true' ? { granted: true, ...about } : null;
}
