/**
 * Creates the page's auth port from the deployment's configuration and the host's broker
 * (authFlow.ts decides: development identity provider; MSAL nested in Outlook; the Office dialog
 * in an Outlook without nested app authentication; MSAL's popup in a browser page) and tracks the
 * signed-in account and why sign-in did not work.
 */
import { useCallback, useEffect, useState } from 'react';
import type { ClientConfig } from '../api/apiClient.js';
import { useDevelopmentSignInPrompt } from '../components/DevelopmentSignIn.js';
import type { AuthBroker } from '../host/mailHost.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { browserStore } from '../storage/keyValueStore.js';
import { failureOf, signInPath } from './authFlow.js';
import type { AuthFailure, Account, AuthPort } from './authPort.js';
import type { DevelopmentAuth } from './developmentAuth.js';
import { LazyAuth } from './lazyAuth.js';

export function useAuth(config: ClientConfig, options: { broker: AuthBroker; loginHint: string | null }) {
  const { prompt, dialog } = useDevelopmentSignInPrompt();
  const { locale } = useI18n();
  const [auth, setAuth] = useState<AuthPort | null>(null);
  const [account, setAccount] = useState<Account | null>(null);
  const [failure, setFailure] = useState<AuthFailure | null>(null);
  const [ready, setReady] = useState(false);
  const { broker, loginHint } = options;

  useEffect(() => {
    let cancelled = false;
    const start = async () => {
      const path = signInPath(config.identity.provider, broker.kind);
      if (path === 'development') {
        // Loaded like the other paths' clients: a production pane does not carry the development one.
        const { DevelopmentAuth } = await import(/* webpackChunkName: "development-sign-in" */ './developmentAuth.js');
        const development: DevelopmentAuth = new DevelopmentAuth(
          () => prompt(development.rememberedIdentity() ?? (loginHint ? { email: loginHint } : null)),
          browserStore(),
          { apiScope: config.identity.apiScope },
        );
        const restored = await development.restore();
        if (!cancelled) {
          setAuth(development);
          setAccount(restored);
        }
      } else if (path === 'dialog' && broker.kind === 'dialog') {
        const { OfficeDialogAuth } = await import('./dialogAuth.js');
        // The dialog's own cache keeps the account; the pane starts signed out until the user signs in.
        if (!cancelled)
          setAuth(
            new OfficeDialogAuth({
              open: broker.open,
              origin: window.location.origin,
              apiScope: config.identity.apiScope,
              loginHint,
              locale,
            }),
          );
      } else if (path === 'nested') {
        // MSAL is loaded when it is needed (lazyAuth.ts): at sign-in, or now for someone signed in before.
        const lazy = new LazyAuth(async () => {
          const { MsalAuth } = await import('./msalAuth.js');
          return MsalAuth.create({
            clientId: config.identity.clientId,
            apiScope: config.identity.apiScope,
            nested: true,
            loginHint,
          });
        }, browserStore());
        if (lazy.signedInBefore) await lazy.ready();
        if (!cancelled) {
          setAuth(lazy);
          setAccount(lazy.currentAccount());
        }
      } else {
        // MSAL's popup must open in the click's own task: it cannot wait for a module to load, so MSAL is loaded now.
        const { MsalAuth } = await import('./msalAuth.js');
        const msal = await MsalAuth.create({
          clientId: config.identity.clientId,
          apiScope: config.identity.apiScope,
          nested: false,
          loginHint,
        });
        if (!cancelled) {
          setAuth(msal);
          setAccount(msal.currentAccount());
        }
      }
    };
    start()
      .catch((e: unknown) => !cancelled && setFailure(failureOf(e, [])))
      .finally(() => !cancelled && setReady(true));
    return () => {
      cancelled = true;
    };
    // The locale only names the dialog's language; a change of language does not sign anyone out.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [config, broker, loginHint, prompt]);

  const signIn = useCallback(async () => {
    if (!auth) return;
    setFailure(null);
    try {
      setAccount(await auth.signIn());
    } catch (e) {
      // Closing the development form or Microsoft's window is a choice, not an error.
      const failed = e instanceof Error && e.message === 'cancelled' ? null : failureOf(e, []);
      if (failed && failed.reason !== 'cancelled') setFailure(failed);
    }
  }, [auth]);

  const signOut = useCallback(async () => {
    setAccount(null);
    setFailure(null);
    await auth?.signOut().catch((e: unknown) => setFailure(failureOf(e, [])));
  }, [auth]);

  return { auth, account, ready, failure, signIn, signOut, dialog };
}
