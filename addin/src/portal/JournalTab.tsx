/** Activity journal (A7): who changed what, when and from where; filter and export. */
import {
  Button,
  Caption1,
  Field,
  Input,
  Select,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { formatDateTime } from '#shared/i18n/translate.js';
import { SUBSCRIPTION_JOURNAL_ACTIONS } from '#shared/journal/journalActions.js';
import { journalActionText, journalActorText } from '#shared/journal/journalText.js';
import { Feedback } from '../components/Feedback.js';
import { TableRegion } from '../components/ListTable.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { errorText } from './errorText.js';
import type { JournalEntry, JournalFilter, PortalApi, SubscriptionSummary } from './usePortalApi.js';
import { useLayout } from '../components/layout.js';

/** Entries on screen, newest first; the export has them all (up to the API's 10,000). */
const SHOWN = 500;

/** The day picked in a date field, as the start (or end) of that day in local time. */
function dayBoundary(value: string, end: boolean): string | undefined {
  if (!value) return undefined;
  const date = new Date(`${value}T00:00:00`);
  if (end) date.setDate(date.getDate() + 1);
  return date.toISOString();
}

export function JournalTab({ api, subscription }: { api: PortalApi; subscription: SubscriptionSummary }) {
  const { t, locale } = useI18n();
  const layout = useLayout();
  const [actor, setActor] = useState('');
  const [action, setAction] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [entries, setEntries] = useState<JournalEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const filter: JournalFilter = {
    actor: actor.trim() || undefined,
    action: action || undefined,
    from: dayBoundary(from, false),
    to: dayBoundary(to, true),
  };
  const key = JSON.stringify(filter);

  useEffect(() => {
    // Typing in the actor field settles before the server is asked.
    const timer = setTimeout(
      () =>
        api.journal(subscription.id, { ...(JSON.parse(key) as JournalFilter), order: 'desc', limit: SHOWN }).then(
          (r) => {
            setEntries(r.entries);
            setError(null);
          },
          (e: unknown) => setError(errorText(e, t)),
        ),
      250,
    );
    return () => clearTimeout(timer);
  }, [api, subscription.id, key, t]);
  const filtered = Boolean(actor.trim() || action || from || to);
  const clear = () => {
    setActor('');
    setAction('');
    setFrom('');
    setTo('');
  };
  const rangeInvalid = from !== '' && to !== '' && from > to;

  const label = (name: string) => journalActionText(name, t);
  return (
    <section className={layout.stackM} aria-label={t('journal.title')}>
      <Feedback error={error} />
      <div className={layout.fieldsRow}>
        <Field label={t('journal.actor')}>
          <Input value={actor} onChange={(_, d) => setActor(d.value)} type="search" data-testid="journal-actor" />
        </Field>
        <Field label={t('journal.action')}>
          <Select
            value={action}
            onChange={(_, d) => setAction(d.value)}
            select={{ className: layout.fullWidth }}
            data-testid="journal-action"
          >
            <option value="">{t('journal.allActions')}</option>
            {SUBSCRIPTION_JOURNAL_ACTIONS.map((name) => (
              <option key={name} value={name}>
                {label(name)}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t('journal.from')}>
          <Input type="date" value={from} onChange={(_, d) => setFrom(d.value)} data-testid="journal-from" />
        </Field>
        <Field
          label={t('journal.to')}
          validationState={rangeInvalid ? 'error' : 'none'}
          validationMessage={rangeInvalid ? t('journal.rangeInvalid') : undefined}
        >
          <Input type="date" value={to} onChange={(_, d) => setTo(d.value)} data-testid="journal-to" />
        </Field>
        {filtered && <Button onClick={clear}>{t('journal.clearFilters')}</Button>}
        <Button
          onClick={() =>
            void api
              .exportJournal(subscription.id, { ...filter, limit: 10_000 }, locale)
              .catch((e: unknown) => setError(errorText(e, t)))
          }
          data-testid="journal-export"
        >
          {t('journal.export')}
        </Button>
      </div>
      {entries && entries.length === SHOWN && <Caption1>{t('journal.newestShown', { count: SHOWN })}</Caption1>}
      {entries && entries.length === 0 && (
        <Caption1 data-testid="journal-empty">{filtered ? t('journal.empty') : t('journal.none')}</Caption1>
      )}
      {entries && entries.length > 0 && (
        <TableRegion label={t('journal.title')}>
          <Table aria-label={t('journal.title')} size="small" data-testid="journal-table" className={layout.dataTable}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell>{t('journal.time')}</TableHeaderCell>
                <TableHeaderCell>{t('journal.actor')}</TableHeaderCell>
                <TableHeaderCell>{t('journal.action')}</TableHeaderCell>
                <TableHeaderCell>{t('journal.target')}</TableHeaderCell>
                <TableHeaderCell>{t('journal.ip')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {entries.map((entry) => (
                <TableRow key={entry.id}>
                  <TableCell>{formatDateTime(Date.parse(entry.at), locale)}</TableCell>
                  <TableCell>{journalActorText(entry, t)}</TableCell>
                  <TableCell>{label(entry.action)}</TableCell>
                  <TableCell>{entry.target ?? ''}</TableCell>
                  <TableCell>{entry.ip ?? ''}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableRegion>
      )}
    </section>
  );
}
