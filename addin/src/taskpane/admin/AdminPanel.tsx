/**
 * The pane's license help and admin view (A8). Every signed-in user sees what to do about their
 * own license: whom to ask (the owner of the subscription their seat belongs to, which the server
 * tells only the seat's holder) or where to buy. Owners and delegates also get a compact view of
 * each subscription they administer: seats used and free, the first 50 seats with search, assign
 * and remove within their permissions, and a link to the portal for everything else. It talks to
 * the API through the portal's client, with the pane's sign-in.
 */
import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Button,
  Caption1,
  Link,
  MessageBar,
  MessageBarBody,
  Text,
  mergeClasses,
} from '@fluentui/react-components';
import { useCallback, useState } from 'react';
import type { LicenseState } from '#shared/license/footerDecision.js';
import type { Account, AuthPort } from '../../auth/authPort.js';
import { useLayout } from '../../components/layout.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { useAsyncAction } from '../../portal/useAsyncAction.js';
import { usePortalApi, type MyLicenseView, type SubscriptionSummary } from '../../portal/usePortalApi.js';
import { SubscriptionAdmin } from './SubscriptionAdmin.js';

/** Changes when a new license answer arrives, so what the pane shows follows the latest check. */
function stateKey(state: LicenseState): string {
  return state.kind === 'verified' ? `${state.claims.code}:${state.claims.iat}` : state.reason;
}

export default function AdminPanel({
  auth,
  account,
  license,
}: {
  auth: AuthPort | null;
  account: Account | null;
  license: LicenseState;
}) {
  const { t } = useI18n();
  const layout = useLayout();
  const api = usePortalApi(auth);
  const signedIn = account !== null && auth !== null;
  const load = useCallback(async () => {
    const mine = await api.myLicense();
    return { mine, subscriptions: mine.administers > 0 ? (await api.subscriptions()).subscriptions : [] };
  }, [api]);
  // Read again when a new license answer arrives, so what the pane shows follows the latest check.
  const panel = useAsyncAction(signedIn ? load : null, { reloadKey: stateKey(license) });
  const [left, setLeft] = useState<string | null>(null);
  const changed = (next: SubscriptionSummary) =>
    panel.update((data) => ({ ...data, subscriptions: data.subscriptions.map((s) => (s.id === next.id ? next : s)) }));

  // A seat another organisation assigned is the person's to leave (issue 10, finding 4).
  const leave = (seatId: string, organisation: string) =>
    void panel.run(async () => {
      await api.leaveSeat(seatId);
      setLeft(organisation);
    });

  const error = panel.error;
  if (!signedIn) return null;
  if (error)
    return (
      <MessageBar intent="warning" data-testid="pane-admin-error">
        <MessageBarBody>{t('paneAdmin.unavailable', { message: error })}</MessageBarBody>
      </MessageBar>
    );
  if (!panel.data) return null;
  const { mine, subscriptions } = panel.data;
  return (
    <section aria-label={t('paneAdmin.region')} data-testid="pane-admin" className={layout.stackSNudge}>
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
        <div key={seat.id} data-testid="pane-foreign-seat" className={mergeClasses(layout.stackXS, layout.itemsStart)}>
          <Caption1>{t('paneAdmin.foreignSeat', { organisation: seat.organisation, contact: seat.contact })}</Caption1>
          <Button size="small" onClick={() => leave(seat.id, seat.organisation)}>
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
              <div className={layout.stackM}>
                {subscriptions.map((s) => (
                  <SubscriptionAdmin key={s.id} api={api} subscription={s} onChanged={changed} />
                ))}
              </div>
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
      return seat.contact.toLowerCase() === account?.email.toLowerCase()
        ? t('paneAdmin.seatYours')
        : t('paneAdmin.seatActive', { contact: seat.contact });
    case 'suspended':
      return t('paneAdmin.seatSuspended', { contact: seat.contact });
    case 'expired':
      return t('paneAdmin.seatExpired', { contact: seat.contact });
    case 'removed':
      return t('paneAdmin.seatRemoved', { contact: seat.contact });
  }
}
