/** The signed-in user's license state, checked on sign-in and on demand (at every campaign start). */
import { useCallback, useEffect, useState } from 'react';
import type { LicenseState } from '#shared/license/footerDecision.js';
import type { Account, AuthPort } from '../auth/authPort.js';
import type { LicenseClient } from '../license/licenseClient.js';

export function useLicense(auth: AuthPort | null, account: Account | null, client: LicenseClient) {
  const [state, setState] = useState<LicenseState>({ kind: 'none', reason: 'not_signed_in' });
  const [checking, setChecking] = useState(false);

  const check = useCallback(async (): Promise<LicenseState> => {
    if (!auth || !account) {
      const none: LicenseState = { kind: 'none', reason: 'not_signed_in' };
      setState(none);
      return none;
    }
    setChecking(true);
    try {
      const next = await client
        .check(account, () => auth.apiToken())
        .catch((): LicenseState => ({ kind: 'none', reason: 'unreachable' }));
      setState(next);
      return next;
    } finally {
      setChecking(false);
    }
  }, [auth, account, client]);

  useEffect(() => {
    void check();
  }, [check]);

  return { state, checking, check };
}
