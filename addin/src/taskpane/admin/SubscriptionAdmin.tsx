/** One subscription in the pane's admin view: seats used and free, the first 50 seats with search, assign and remove (after confirming) by permission, the portal for the rest. */
import { message, type Message } from '#shared/i18n/message.js';
import {
  Badge,
  Button,
  Caption1,
  Field,
  Input,
  Link,
  Text,
  makeStyles,
  mergeClasses,
  tokens,
  type BadgeProps,
} from '@fluentui/react-components';
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { SeatStatus } from '#shared/api/views.js';
import type { MessageKey } from '#shared/i18n/translate.js';
import { ConfirmDialog } from '../../components/ConfirmDialog.js';
import { Feedback } from '../../components/Feedback.js';
import { useLayout } from '../../components/layout.js';
import { SeatUsage } from '../../components/SeatUsage.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { useAsyncAction } from '../../portal/useAsyncAction.js';
import type { PortalApi, SeatItem, SubscriptionSummary } from '../../portal/usePortalApi.js';
import { PaneGroups } from './PaneGroups.js';

const SHOWN = 50;
const STATUS_COLOUR: Record<SeatStatus, BadgeProps['color']> = {
  pending: 'informative',
  active: 'success',
  suspended: 'warning',
  expired: 'danger',
};

const useStyles = makeStyles({
  section: { paddingBottom: tokens.spacingVerticalS, borderBottom: `1px solid ${tokens.colorNeutralStroke2}` },
  heading: {
    display: 'flex',
    justifyContent: 'space-between',
    alignItems: 'baseline',
    gap: tokens.spacingHorizontalS,
    flexWrap: 'wrap',
  },
  assign: { display: 'flex', gap: tokens.spacingHorizontalSNudge, alignItems: 'flex-end' },
  grow: { flex: 1, minWidth: 0 },
  seats: { listStyle: 'none', margin: 0, padding: 0 },
  seat: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalSNudge, minHeight: '28px' },
  /** A long address is cut with an ellipsis (its full text is the title) rather than widen the pane. */
  address: { flex: 1, minWidth: 0, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
});

export function SubscriptionAdmin({
  api,
  subscription: s,
  onChanged,
}: {
  api: PortalApi;
  subscription: SubscriptionSummary;
  onChanged: (next: SubscriptionSummary) => void;
}) {
  const { t, locale } = useI18n();
  const layout = useLayout();
  const styles = useStyles();
  const canView = s.actions.includes('seats.view');
  const canAssign = s.actions.includes('seats.assign');
  const canRemove = s.actions.includes('seats.unassign');
  const [search, setSearch] = useState('');
  // The search goes to the server once typing pauses.
  const [query, setQuery] = useState<string | null>(null);
  useEffect(() => {
    const timer = setTimeout(() => setQuery(search.trim()), 250);
    return () => clearTimeout(timer);
  }, [search]);
  const loadSeats = useCallback(
    () => api.seats(s.id, { search: query || undefined, sort: 'email', limit: SHOWN }),
    [api, s.id, query],
  );
  const seats = useAsyncAction(canView && query !== null ? loadSeats : null);
  const page = seats.data;
  const [email, setEmail] = useState('');
  const headingId = `pane-subscription-${s.id}`;

  /** After a change: the seats again, and the subscription's counts for the picture. */
  const change = async (work: () => Promise<Message | null>) => {
    if (await seats.run(work, { notice: (done) => done })) onChanged(await api.subscription(s.id));
  };

  const assign = (event: FormEvent) => {
    event.preventDefault();
    const address = email.trim();
    if (!address) return;
    let refused: string | null = null;
    void change(async () => {
      const [result] = (await api.assign(s.id, [address], locale)).results;
      if (result?.result === 'assigned') {
        setEmail('');
        return message('paneAdmin.assigned', { email: result.email });
      }
      // Refused for this address (not the request): said as the seat table says it.
      if (result)
        refused = t('common.labelled', {
          label: result.email,
          value: t(`seats.result.${result.result}` as MessageKey),
        });
      return null;
    }).then(() => refused && seats.fail(refused));
  };

  // Removing a seat cannot be undone (the person is mailed, and loses the license at their next check): asked first.
  const [removing, setRemoving] = useState<SeatItem | null>(null);
  const remove = (seat: SeatItem) => {
    setRemoving(null);
    void change(async () => {
      await api.unassign(s.id, seat.email);
      return message('seats.removed', { email: seat.email });
    });
  };

  return (
    <section
      aria-labelledby={headingId}
      data-testid="pane-subscription"
      className={mergeClasses(layout.stackS, styles.section)}
    >
      <div className={styles.heading}>
        <Text as="h3" id={headingId} weight="semibold" size={300} className={layout.flush}>
          {t('paneAdmin.subscription', { plan: t(`plan.${s.plan}` as MessageKey), quantity: s.quantity })}
        </Text>
        <Caption1>{s.role === 'owner' ? t('role.owner') : t('role.delegate')}</Caption1>
      </div>
      <SeatUsage assigned={s.assigned} quantity={s.quantity} compact testId="pane-seat-picture" />
      <PaneGroups api={api} subscription={s} />
      <Feedback error={seats.error} notice={seats.notice} testId="pane-admin" />
      {canAssign && (
        <form onSubmit={assign} className={styles.assign}>
          <Field label={t('paneAdmin.assignLabel')} className={styles.grow}>
            <Input
              type="email"
              size="small"
              value={email}
              onChange={(_, d) => setEmail(d.value)}
              data-testid="pane-assign-email"
            />
          </Field>
          <Button
            size="small"
            appearance="primary"
            type="submit"
            disabled={seats.busy || email.trim() === ''}
            data-testid="pane-assign"
          >
            {t('seats.assign')}
          </Button>
        </form>
      )}
      {canView && (
        <>
          <Field label={t('seats.search')}>
            <Input
              type="search"
              size="small"
              value={search}
              onChange={(_, d) => setSearch(d.value)}
              data-testid="pane-seat-search"
            />
          </Field>
          {page === null ? null : page.total === 0 ? (
            <Caption1>{search.trim() ? t('seats.noMatch') : t('paneAdmin.noSeats')}</Caption1>
          ) : (
            <ul
              aria-label={t('seats.title')}
              data-testid="pane-seat-list"
              className={mergeClasses(styles.seats, layout.stackXXS)}
            >
              {page.items.map((seat) => (
                <li key={seat.email} className={styles.seat}>
                  <Caption1 className={styles.address} title={seat.email}>
                    {seat.email}
                  </Caption1>
                  <Badge size="small" appearance="tint" color={STATUS_COLOUR[seat.status]}>
                    {t(`paneAdmin.status.${seat.status}` as MessageKey)}
                  </Badge>
                  {canRemove && (
                    <Button
                      size="small"
                      appearance="subtle"
                      onClick={() => setRemoving(seat)}
                      aria-label={t('seats.removeLabel', { email: seat.email })}
                    >
                      {t('seats.remove')}
                    </Button>
                  )}
                </li>
              ))}
            </ul>
          )}
          {page && page.total > page.items.length && (
            <Caption1>{t('paneAdmin.more', { shown: page.items.length, total: page.total })}</Caption1>
          )}
        </>
      )}
      <Link href={`/portal.html#/subscriptions/${s.id}`} target="_blank" rel="noopener" data-testid="pane-open-portal">
        {t('paneAdmin.openPortal')}
      </Link>
      <ConfirmDialog
        question={
          removing === null
            ? null
            : {
                title: t('seats.removeTitle', { email: removing.email }),
                text: t('seats.removeExplain', { email: removing.email }),
                confirm: t('seats.removeConfirm'),
              }
        }
        onConfirm={() => removing && remove(removing)}
        onCancel={() => setRemoving(null)}
        confirmTestId="remove-seat-confirm"
      />
    </section>
  );
}
