/**
 * The pane's license help and admin view (A8). Every signed-in user sees what to do about their
 * own license: whom to ask (the owner of the subscription their seat belongs to, which the server
 * tells only the seat's holder) or where to buy. Owners and delegates also get a compact view of
 * each subscription they administer: seats used and free, the first 50 seats with search, assign
 * and remove within their permissions, and a link to the portal for everything else. It talks to
 * the API through the portal's client, with the pane's sign-in.
 */
import { Accordion, AccordionHeader, AccordionItem, AccordionPanel, Button, Caption1, Link, MessageBar, MessageBarBody, Spinner, Text } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { LicenseState } from '../../../../shared/src/license/footerDecision.js';
import type { Account, AuthPort } from '../../auth/authPort.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { errorText } from '../../portal/errorText.js';
import { usePortalApi, type MyLicenseView, type SubscriptionSummary } from '../../portal/usePortalApi.js';
import { SubscriptionAdmin } from './SubscriptionAdmin.js';

/** Changes when a new license answer arrives, so what the pane shows follows the latest check. */
function stateKey(state: LicenseState): string {
  return state.kind === 'verified' ? `${state.claims.code}:${state.claims.iat}` : state.reason;
}

export default function AdminPanel({ auth, account, license }: { auth: AuthPort | null; account: Account | null; license: LicenseState }) {
  const { t } = useI18n();
  const api = usePortalApi(auth);
  const [mine, setMine] = useState<MyLicenseView | null>(null);
  const [subscriptions, setSubscriptions] = useState<SubscriptionSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [left, setLeft] = useState<string | null>(null);
  const [reload, setReload] = useState(0);
  const key = stateKey(license);
  const signedIn = account !== null && auth !== null;

  useEffect(() => {
    if (!signedIn) return;
    let current = true;
    api.myLicense().then(
      async (view) => {
        if (!current) return;
        setMine(view);
        setError(null);
        const list = view.administers > 0 ? (await api.subscriptions()).subscriptions : [];
        if (current) setSubscriptions(list);
      },
      (e: unknown) => current && setError(errorText(e, t)),
    );
    return () => {
      current = false;
    };
  }, [api, signedIn, key, t, reload]);

  // A seat another organisation assigned is the person's to leave (issue 10, finding 4).
  const leave = async (seatId: string, organisation: string) => {
    try {
      await api.leaveSeat(seatId);
      setLeft(organisation);
      setReload((n) => n + 1);
    } catch (e) {
      setError(errorText(e, t));
    }
  };

  if (!signedIn) return null;
  if (error)
    return (
      <MessageBar intent="warning" data-testid="pane-admin-error">
        <MessageBarBody>{t('paneAdmin.unavailable', { message: error })}</MessageBarBody>
      </MessageBar>
    );
  if (!mine) return null;
  return (
    <section aria-label={t('paneAdmin.region')} data-testid="pane-admin" style={{ display: 'flex', flexDirection: 'column', gap: 6 }}>
      <Caption1 block data-testid="pane-license-help">
        {whatToDo(mine, account, t)}{' '}
        {!mine.seat && mine.administers === 0 && (
          <Link href="/portal.html#/buy" target="_blank" rel="noopener">
            {t('paneAdmin.buy')}
          </Link>
        )}
      </Caption1>
      {left && <Caption1 role="status">{t('paneAdmin.leftSeat', { organisation: left })}</Caption1>}
      {(mine.foreignSeats ?? []).map((seat) => (
        <div key={seat.id} data-testid="pane-foreign-seat" style={{ display: 'flex', flexDirection: 'column', gap: 4, alignItems: 'flex-start' }}>
          <Caption1>{t('paneAdmin.foreignSeat', { organisation: seat.organisation, contact: seat.contact })}</Caption1>
          <Button size="small" onClick={() => void leave(seat.id, seat.organisation)}>
            {t('paneAdmin.leaveSeat', { organisation: seat.organisation })}
          </Button>
        </div>
      ))}
      {mine.administers > 0 && (
        <Accordion collapsible>
          <AccordionItem value="admin">
            <AccordionHeader size="small" data-testid="pane-admin-toggle">
              {t('paneAdmin.title', { count: mine.administers })}
            </AccordionHeader>
            <AccordionPanel>
              {subscriptions === null ? (
                <Spinner size="tiny" label={t('common.loading')} />
              ) : (
                <div style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
                  {subscriptions.map((s) => (
                    <SubscriptionAdmin key={s.id} api={api} subscription={s} onChanged={(next) => setSubscriptions((list) => list && list.map((x) => (x.id === next.id ? next : x)))} />
                  ))}
                </div>
              )}
            </AccordionPanel>
          </AccordionItem>
        </Accordion>
      )}
      {mine.administers === 0 && (
        <Text size={200}>
          <Link href="/portal.html#/it-help" target="_blank" rel="noopener">
            {t('paneAdmin.itHelp')}
          </Link>
        </Text>
      )}
    </section>
  );
}

function whatToDo(mine: MyLicenseView, account: Account | null, t: ReturnType<typeof useI18n>['t']): string {
  const seat = mine.seat;
  if (!seat) return mine.administers > 0 ? t('paneAdmin.noSeatAdmin') : t('paneAdmin.noSeat');
  switch (seat.status) {
    case 'active':
    case 'pending':
      // Nobody to ask but themself: the owner reading about their own seat.
      return seat.contact.toLowerCase() === account?.email.toLowerCase() ? t('paneAdmin.seatYours') : t('paneAdmin.seatActive', { contact: seat.contact });
    case 'suspended':
      return t('paneAdmin.seatSuspended', { contact: seat.contact });
    case 'expired':
      return t('paneAdmin.seatExpired', { contact: seat.contact });
    case 'removed':
      return t('paneAdmin.seatRemoved', { contact: seat.contact });
  }
}
