/**
 * The pane's license help and admin view (A8), loaded only once someone is signed in: the
 * pane's first paint carries none of it (the initial JavaScript stays small). See AdminPanel.tsx.
 */
import { lazy, Suspense } from 'react';
import type { LicenseState } from '#shared/license/footerDecision.js';
import type { Account, AuthPort } from '../../auth/authPort.js';

const AdminPanel = lazy(() => import('./AdminPanel.js'));

export function AdminView(props: { auth: AuthPort | null; account: Account | null; license: LicenseState }) {
  if (!props.account || !props.auth) return null;
  return (
    <Suspense fallback={null}>
      <AdminPanel {...props} />
    </Suspense>
  );
}
