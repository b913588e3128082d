/** One subscription in the pane's admin view: seats used and free, the first 50 seats with search, assign and remove by permission, the portal for the rest. */
import { Badge, Button, Caption1, Field, Input, Link, Text, tokens, type BadgeProps } from '@fluentui/react-components';
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { SeatStatus } from '../../../../shared/src/api/views.js';
import type { MessageKey } from '../../../../shared/src/i18n/translate.js';
import { Feedback } from '../../components/Feedback.js';
import { SeatUsage } from '../../components/SeatUsage.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { errorText } from '../../portal/errorText.js';
import type { PortalApi, SeatItem, SubscriptionSummary } from '../../portal/usePortalApi.js';

const SHOWN = 50;
const STATUS_COLOUR: Record<SeatStatus, BadgeProps['color']> = { pending: 'informative', active: 'success', suspended: 'warning', expired: 'danger' };

export function SubscriptionAdmin({ api, subscription: s, onChanged }: { api: PortalApi; subscription: SubscriptionSummary; onChanged: (next: SubscriptionSummary) => void }) {
  const { t, locale } = useI18n();
  const canView = s.actions.includes('seats.view');
  const canAssign = s.actions.includes('seats.assign');
  const canRemove = s.actions.includes('seats.unassign');
  const [search, setSearch] = useState('');
  const [page, setPage] = useState<{ total: number; items: SeatItem[] } | null>(null);
  const [email, setEmail] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const headingId = `pane-subscription-${s.id}`;

  const load = useCallback(() => {
    if (!canView) return;
    api.seats(s.id, { search: search.trim() || undefined, sort: 'email', limit: SHOWN }).then(setPage, (e: unknown) => setError(errorText(e, t)));
  }, [api, s.id, canView, search, t]);
  useEffect(() => {
    const timer = setTimeout(load, 250);
    return () => clearTimeout(timer);
  }, [load]);

  const afterChange = async (message: string) => {
    setNotice(message);
    load();
    onChanged(await api.subscription(s.id));
  };

  const assign = async (event: FormEvent) => {
    event.preventDefault();
    const address = email.trim();
    if (!address) return;
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      const [result] = (await api.assign(s.id, [address], locale)).results;
      if (result?.result === 'assigned') {
        setEmail('');
        await afterChange(t('paneAdmin.assigned', { email: result.email }));
      } else if (result) setError(`${result.email}: ${t(`seats.result.${result.result}` as MessageKey)}`);
    } catch (e) {
      setError(errorText(e, t));
    } finally {
      setBusy(false);
    }
  };

  const remove = async (seat: SeatItem) => {
    setError(null);
    setNotice(null);
    try {
      await api.unassign(s.id, seat.email);
      await afterChange(t('seats.removed', { email: seat.email }));
    } catch (e) {
      setError(errorText(e, t));
    }
  };

  return (
    <section aria-labelledby={headingId} data-testid="pane-subscription" style={{ display: 'flex', flexDirection: 'column', gap: 8, paddingBottom: 8, borderBottom: `1px solid ${tokens.colorNeutralStroke2}` }}>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'baseline', gap: 8, flexWrap: 'wrap' }}>
        <Text as="h3" id={headingId} weight="semibold" size={300} style={{ margin: 0 }}>
          {t('paneAdmin.subscription', { plan: t(`plan.${s.plan}` as MessageKey), quantity: s.quantity })}
        </Text>
        <Caption1>{s.role === 'owner' ? t('role.owner') : t('role.delegate')}</Caption1>
      </div>
      <SeatUsage assigned={s.assigned} quantity={s.quantity} compact testId="pane-seat-picture" />
      <Feedback error={error} notice={notice} testId="pane-admin" />
      {canAssign && (
        <form onSubmit={(e) => void assign(e)} style={{ display: 'flex', gap: 6, alignItems: 'flex-end' }}>
          <Field label={t('paneAdmin.assignLabel')} style={{ flex: 1, minWidth: 0 }}>
            <Input type="email" size="small" value={email} onChange={(_, d) => setEmail(d.value)} data-testid="pane-assign-email" />
          </Field>
          <Button size="small" appearance="primary" type="submit" disabled={busy || email.trim() === ''} data-testid="pane-assign">
            {t('seats.assign')}
          </Button>
        </form>
      )}
      {canView && (
        <>
          <Field label={t('seats.search')}>
            <Input type="search" size="small" value={search} onChange={(_, d) => setSearch(d.value)} data-testid="pane-seat-search" />
          </Field>
          {page === null ? null : page.total === 0 ? (
            <Caption1>{search.trim() ? t('seats.noMatch') : t('paneAdmin.noSeats')}</Caption1>
          ) : (
            <ul aria-label={t('seats.title')} data-testid="pane-seat-list" style={{ listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: 2 }}>
              {page.items.map((seat) => (
                <li key={seat.email} style={{ display: 'flex', alignItems: 'center', gap: 6, minHeight: 28 }}>
                  <Caption1 style={{ flex: 1, minWidth: 0, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }} title={seat.email}>
                    {seat.email}
                  </Caption1>
                  <Badge size="small" appearance="tint" color={STATUS_COLOUR[seat.status]}>
                    {t(`paneAdmin.status.${seat.status}` as MessageKey)}
                  </Badge>
                  {canRemove && (
                    <Button size="small" appearance="subtle" onClick={() => void remove(seat)} aria-label={t('seats.removeLabel', { email: seat.email })}>
                      {t('seats.remove')}
                    </Button>
                  )}
                </li>
              ))}
            </ul>
          )}
          {page && page.total > page.items.length && <Caption1>{t('paneAdmin.more', { shown: page.items.length, total: page.total })}</Caption1>}
        </>
      )}
      <Link href={`/portal.html#/subscriptions/${s.id}`} target="_blank" rel="noopener" data-testid="pane-open-portal">
        {t('paneAdmin.openPortal')}
      </Link>
    </section>
  );
}
