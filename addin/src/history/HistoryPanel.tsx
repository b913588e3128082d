/**
 * Past and scheduled campaigns (issue 14, points 1 and 5): the scheduled ones first, each with what
 * Exchange still keeps and a cancel; then the past ones, searchable, each opening its report with
 * "re-run the failed rows" as a new campaign. Kept on this device (useHistory.ts).
 */
import {
  Button,
  Caption1,
  Input,
  MessageBar,
  MessageBarBody,
  Subtitle2,
  Text,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import { useMemo, useState } from 'react';
import { formatDateTime } from '#shared/i18n/translate.js';
import { ConfirmDialog } from '../components/ConfirmDialog.js';
import { useLayout } from '../components/layout.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { ReportStep } from '../taskpane/ReportStep.js';
import {
  heldSummary,
  isScheduled,
  KEPT_CAMPAIGNS,
  rerunRows,
  searchHistory,
  type HistoryEntry,
} from './campaignHistory.js';
import type { OpenedCampaign } from './useHistory.js';

const useStyles = makeStyles({
  item: {
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    paddingTop: tokens.spacingVerticalXS,
  },
  list: { listStyleType: 'none', margin: 0, padding: 0 },
});

export interface HistoryPanelProps {
  entries: HistoryEntry[];
  error: string | null;
  /** The campaign the pane shows now, if any: re-runs wait until it is closed. */
  activeId: string | null;
  busy: boolean;
  open: (id: string) => Promise<{ view: OpenedCampaign } | null>;
  onCancel: (id: string) => Promise<void>;
  onRerun: (id: string) => Promise<void>;
  signedIn: boolean;
}

export function HistoryPanel(props: HistoryPanelProps) {
  const { t, locale } = useI18n();
  const layout = useLayout();
  const styles = useStyles();
  const [query, setQuery] = useState('');
  const [opened, setOpened] = useState<OpenedCampaign | null>(null);
  const [asking, setAsking] = useState<string | null>(null);
  const [working, setWorking] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const now = Date.now();
  const scheduled = props.entries.filter((entry) => isScheduled(entry, now));
  const past = useMemo(
    () =>
      searchHistory(
        props.entries.filter((entry) => !isScheduled(entry, now)),
        query,
        (at) => formatDateTime(at, locale),
      ),
    [props.entries, query, locale, now],
  );
  const act = async (work: () => Promise<void>) => {
    setWorking(true);
    setMessage(null);
    try {
      await work();
    } catch (e) {
      setMessage(t('errors.generic', { message: e instanceof Error ? e.message : String(e) }));
    } finally {
      setWorking(false);
    }
  };

  if (opened) {
    const { rows, unsure } = rerunRows(opened.ledger);
    return (
      <section className={layout.stackS} data-testid="history-report">
        <Subtitle2 as="h2">{opened.definition.subject}</Subtitle2>
        {unsure.length > 0 && <Caption1 block>{t('history.rerunUnsure', { count: unsure.length })}</Caption1>}
        {props.busy && rows.length > 0 && <Caption1 block>{t('history.rerunBusy')}</Caption1>}
        {message && (
          <MessageBar intent="error">
            <MessageBarBody>{message}</MessageBarBody>
          </MessageBar>
        )}
        <ReportStep
          campaign={opened}
          onRetryFailed={
            rows.length > 0 && !props.busy && props.signedIn && !working
              ? () => void act(() => props.onRerun(opened.definition.id))
              : null
          }
          retryLabel={() => t('history.rerun', { count: rows.length })}
          onClose={() => setOpened(null)}
          closeLabel={t('history.back')}
        />
      </section>
    );
  }

  const cancelling = props.entries.find((entry) => entry.id === asking) ?? null;
  return (
    <section className={layout.stackS} aria-labelledby="history-title" data-testid="history">
      <Subtitle2 as="h2" id="history-title">
        {t('history.title')}
      </Subtitle2>
      <Caption1 block>{t('history.where', { count: KEPT_CAMPAIGNS })}</Caption1>
      {(props.error ?? message) && (
        <MessageBar intent="error">
          <MessageBarBody>{props.error ?? message}</MessageBarBody>
        </MessageBar>
      )}
      {scheduled.length > 0 && (
        <>
          <Text weight="semibold" as="h3">
            {t('history.scheduledTitle')}
          </Text>
          <ul className={styles.list} data-testid="history-scheduled">
            {scheduled.map((entry) => {
              const held = heldSummary(entry, now);
              return (
                <li
                  key={entry.id}
                  className={mergeClasses(styles.item, layout.stackXS)}
                  data-testid={`scheduled-${entry.id}`}
                >
                  <Text weight="semibold">{entry.subject}</Text>
                  <Caption1>{entry.mailbox ?? t('history.fromOwn')}</Caption1>
                  <Caption1>
                    {t('history.scheduledSummary', {
                      held: held.messages,
                      time: formatDateTime(held.from ?? now, locale),
                    })}
                  </Caption1>
                  <Button
                    size="small"
                    className={layout.start}
                    disabled={working || !props.signedIn}
                    onClick={() => setAsking(entry.id)}
                    data-testid="cancel-scheduled"
                  >
                    {t('schedule.cancel')}
                  </Button>
                </li>
              );
            })}
          </ul>
        </>
      )}
      <Text weight="semibold" as="h3">
        {t('history.pastTitle')}
      </Text>
      <Input
        value={query}
        onChange={(_, data) => setQuery(data.value)}
        placeholder={t('history.search')}
        aria-label={t('history.search')}
        type="search"
        data-testid="history-search"
      />
      {past.length === 0 && query.trim() === '' ? (
        <Caption1 block>{t('history.empty')}</Caption1>
      ) : past.length === 0 ? (
        <Caption1 block>{t('history.noMatch', { query })}</Caption1>
      ) : (
        <ul className={styles.list} data-testid="history-list">
          {past.map((entry) => (
            <li
              key={entry.id}
              className={mergeClasses(styles.item, layout.stackXS)}
              data-testid={`history-${entry.id}`}
            >
              <Text weight="semibold">{entry.subject}</Text>
              <Caption1>{entry.mailbox ?? t('history.fromOwn')}</Caption1>
              <Caption1>
                {t('history.summary', {
                  date: formatDateTime(entry.scheduledFor ?? entry.startedAt, locale),
                  sent: entry.totals.sent,
                  failed: entry.totals.failed,
                  total: entry.totals.total,
                })}
              </Caption1>
              <Button
                size="small"
                className={layout.start}
                disabled={working}
                onClick={() =>
                  void act(async () => {
                    const found = await props.open(entry.id);
                    if (found) setOpened(found.view);
                  })
                }
                data-testid="history-open"
              >
                {t('history.view')}
              </Button>
            </li>
          ))}
        </ul>
      )}
      <ConfirmDialog
        question={
          cancelling
            ? {
                title: t('schedule.cancelTitle'),
                text: t('schedule.cancelBody'),
                confirm: t('schedule.cancelConfirm'),
                dismiss: t('schedule.keep'),
              }
            : null
        }
        onCancel={() => setAsking(null)}
        onConfirm={() => {
          const id = asking;
          setAsking(null);
          if (id) void act(() => props.onCancel(id));
        }}
        confirmTestId="confirm-cancel-scheduled"
      />
    </section>
  );
}
