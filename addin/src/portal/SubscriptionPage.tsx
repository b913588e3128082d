import { Button, Caption1, Field, Link, MessageBar, MessageBarBody, Spinner, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, Textarea } from '@fluentui/react-components';
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { formatDate, formatDateTime, type MessageKey } from '../../../shared/src/i18n/translate.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { SeatBar } from './Dashboard.js';
import { errorText } from './errorText.js';
import type { AssignmentResult, PortalApi, SeatItem, SubscriptionSummary } from './usePortalApi.js';

export function SubscriptionPage({ api, id }: { api: PortalApi; id: string }) {
  const { t, locale } = useI18n();
  const [subscription, setSubscription] = useState<(SubscriptionSummary & { seats: SeatItem[] }) | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [emails, setEmails] = useState('');
  const [busy, setBusy] = useState(false);
  const [results, setResults] = useState<AssignmentResult[] | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const load = useCallback(() => {
    api.subscription(id).then(
      (s) => {
        setSubscription(s);
        setError(null);
      },
      (e: unknown) => setError(errorText(e, t)),
    );
  }, [api, id, t]);
  useEffect(load, [load]);

  const assign = async (event: FormEvent) => {
    event.preventDefault();
    const list = emails.split(/[\s,;]+/).filter((e) => e !== '');
    if (list.length === 0) return;
    setBusy(true);
    setNotice(null);
    try {
      const response = await api.assign(id, list, locale);
      setResults(response.results);
      setEmails(response.results.filter((r) => r.result !== 'assigned' && r.result !== 'already_assigned').map((r) => r.email).join('\n'));
      load();
    } catch (e) {
      setError(errorText(e, t));
    } finally {
      setBusy(false);
    }
  };

  const unassign = async (email: string) => {
    try {
      await api.unassign(id, email);
      setNotice(t('seats.removed', { email }));
      load();
    } catch (e) {
      setError(errorText(e, t));
    }
  };

  if (!subscription) return error ? <MessageBar intent="error"><MessageBarBody>{error}</MessageBarBody></MessageBar> : <Spinner label={t('common.loading')} />;
  const free = subscription.quantity - subscription.assigned;
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 16 }}>
      <Link href="#/">← {t('portal.back')}</Link>
      <Text as="h2" size={500} weight="semibold">
        {t('portal.subscriptionTitle', { plan: t(`plan.${subscription.plan}` as MessageKey), quantity: subscription.quantity })}
      </Text>
      <Caption1>
        {t(`status.${subscription.status}` as MessageKey)} · {t('portal.renews')} {formatDate(Date.parse(subscription.periodEnd), locale)} · {t('portal.owner')}: {subscription.owner}
      </Caption1>
      <SeatBar assigned={subscription.assigned} quantity={subscription.quantity} label={t('seats.summary', { assigned: subscription.assigned, quantity: subscription.quantity, free })} />
      {error && (
        <MessageBar intent="error">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
      {notice && (
        <MessageBar intent="success">
          <MessageBarBody>{notice}</MessageBarBody>
        </MessageBar>
      )}
      <form onSubmit={(e) => void assign(e)} style={{ display: 'flex', flexDirection: 'column', gap: 8, maxWidth: 560 }}>
        <Field label={t('seats.assignLabel')} hint={t('seats.assignHint')}>
          <Textarea value={emails} onChange={(_, data) => setEmails(data.value)} rows={3} data-testid="assign-emails" />
        </Field>
        <Button appearance="primary" type="submit" disabled={busy || emails.trim() === ''} style={{ alignSelf: 'flex-start' }} data-testid="assign">
          {busy ? t('seats.assigning') : t('seats.assign')}
        </Button>
      </form>
      {results && (
        <section aria-labelledby="results-heading" data-testid="assignment-results">
          <Text id="results-heading" weight="semibold">
            {t('seats.resultsTitle')}
          </Text>
          <ul>
            {results.map((r) => (
              <li key={r.email}>
                {r.email}: {t(`seats.result.${r.result}` as MessageKey)}
              </li>
            ))}
          </ul>
        </section>
      )}
      <Text as="h3" size={400} weight="semibold" id="seats-heading">
        {t('seats.title')}
      </Text>
      {subscription.seats.length === 0 ? (
        <Caption1>{t('seats.empty')}</Caption1>
      ) : (
        <Table aria-labelledby="seats-heading" data-testid="seats-table">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>{t('seats.user')}</TableHeaderCell>
              <TableHeaderCell>{t('seats.status')}</TableHeaderCell>
              <TableHeaderCell>{t('seats.lastCheckIn')}</TableHeaderCell>
              <TableHeaderCell>
                <span style={{ position: 'absolute', left: -10000 }}>{t('seats.remove')}</span>
              </TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {subscription.seats.map((seat) => (
              <TableRow key={seat.email}>
                <TableCell>{seat.email}</TableCell>
                <TableCell>{t(`seats.status.${seat.status}` as MessageKey)}</TableCell>
                <TableCell>{seat.lastCheckInAt ? formatDateTime(Date.parse(seat.lastCheckInAt), locale) : t('seats.never')}</TableCell>
                <TableCell>
                  <Button size="small" appearance="subtle" aria-label={t('seats.removeLabel', { email: seat.email })} onClick={() => void unassign(seat.email)}>
                    {t('seats.remove')}
                  </Button>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </div>
  );
}
