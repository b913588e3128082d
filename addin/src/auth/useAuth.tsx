/**
 * Creates the page's auth port from the deployment's configuration (development identity
 * provider, or MSAL: nested in Outlook, popup in the portal) and tracks the signed-in account.
 */
import { useCallback, useEffect, useState } from 'react';
import type { ClientConfig } from '../api/apiClient.js';
import { useDevelopmentSignInPrompt } from '../components/DevelopmentSignIn.js';
import { browserStore } from '../storage/keyValueStore.js';
import type { Account, AuthPort } from './authPort.js';
import { DevelopmentAuth } from './developmentAuth.js';

export function useAuth(config: ClientConfig, options: { nested: boolean; loginHint: string | null }) {
  const { prompt, dialog } = useDevelopmentSignInPrompt();
  const [auth, setAuth] = useState<AuthPort | null>(null);
  const [account, setAccount] = useState<Account | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [ready, setReady] = useState(false);

  useEffect(() => {
    let cancelled = false;
    const start = async () => {
      if (config.identity.provider === 'development') {
        const development: DevelopmentAuth = new DevelopmentAuth(() => prompt(development.rememberedIdentity() ?? (options.loginHint ? { email: options.loginHint } : null)), browserStore());
        const restored = await development.restore();
        if (!cancelled) {
          setAuth(development);
          setAccount(restored);
        }
      } else {
        const { MsalAuth } = await import('./msalAuth.js');
        const msal = await MsalAuth.create({ clientId: config.identity.clientId, apiScope: config.identity.apiScope, nested: options.nested, loginHint: options.loginHint });
        if (!cancelled) {
          setAuth(msal);
          setAccount(msal.currentAccount());
        }
      }
    };
    start()
      .catch((e: unknown) => !cancelled && setError(e instanceof Error ? e.message : String(e)))
      .finally(() => !cancelled && setReady(true));
    return () => {
      cancelled = true;
    };
  }, [config, options.nested, options.loginHint, prompt]);

  const signIn = useCallback(async () => {
    if (!auth) return;
    setError(null);
    try {
      setAccount(await auth.signIn());
    } catch (e) {
      if (!(e instanceof Error && e.message === 'cancelled')) setError(e instanceof Error ? e.message : String(e));
    }
  }, [auth]);

  const signOut = useCallback(async () => {
    await auth?.signOut();
    setAccount(null);
  }, [auth]);

  return { auth, account, ready, error, signIn, signOut, dialog };
}
