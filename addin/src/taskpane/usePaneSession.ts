/**
 * The pane's Microsoft 365 session: sign-in through the broker the host offers (nested app
 * authentication, the Office dialog, or a popup), the admin-consent link for the signed-in
 * person's tenant, the Graph client once signed in, and a Graph permission a feature asked for and
 * did not get (shown until the next attempt).
 */
import { useMemo, useState } from 'react';
import type { ClientConfig } from '../api/apiClient.js';
import { apiFetch } from '../api/apiClient.js';
import type { AuthFailure } from '../auth/authPort.js';
import { useAuth } from '../auth/useAuth.js';
import { GraphMailClient } from '../graph/graphMailClient.js';
import type { MailHost } from '../host/mailHost.js';

export function usePaneSession(host: MailHost, config: ClientConfig) {
  const loginHint = useMemo(() => host.userEmail(), [host]);
  const broker = useMemo(() => host.authBroker(), [host]);
  const signIn = useAuth(config, { broker, loginHint });
  const { auth, account } = signIn;
  const [graphFailure, setGraphFailure] = useState<AuthFailure | null>(null);
  const adminConsentUrl = useMemo(
    () =>
      auth && account
        ? async () =>
            (await apiFetch<{ url: string }>('/api/v1/me/admin-consent', { token: await auth.apiToken() })).url
        : null,
    [auth, account],
  );
  const graph = useMemo(
    () => (auth && account ? new GraphMailClient(config.graphBaseUrl, (scopes) => auth.graphToken(scopes)) : null),
    [auth, account, config.graphBaseUrl],
  );
  return { ...signIn, graph, graphFailure, setGraphFailure, adminConsentUrl };
}
