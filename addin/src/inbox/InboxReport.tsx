/**
 * Under a campaign's report: what became of each sent row (accepted by Exchange, bounced with the
 * reason, still waiting; replied), leaving the bounced addresses out of later campaigns, and the
 * follow-up to the rows without a reply after N days.
 */
import { Button, Field, Input, MessageBar, MessageBarBody, Text, mergeClasses } from '@fluentui/react-components';
import { useMemo, useState } from 'react';
import { canonicalEmail } from '#shared/email/normalizeEmail.js';
import { useLayout } from '../components/layout.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { followUpRecipients, outcomeCounts, type RowOutcome } from './rowOutcomes.js';
import type { InboxCheckInput, InboxFeatures } from './useInbox.js';

export function InboxReport(props: {
  inbox: InboxFeatures;
  campaign: InboxCheckInput;
  outcomes: RowOutcome[] | null;
  onOutcomes(outcomes: RowOutcome[]): void;
  onFollowUp(addresses: Set<string>): void;
}) {
  const { t } = useI18n();
  const layout = useLayout();
  const { inbox, campaign, outcomes } = props;
  const [checking, setChecking] = useState(false);
  const [days, setDays] = useState('3');
  const [suppressedNow, setSuppressedNow] = useState<number | null>(null);
  const counts = useMemo(() => (outcomes ? outcomeCounts(outcomes) : null), [outcomes]);
  const dayCount = Math.max(0, Math.min(365, Number.parseInt(days, 10) || 0));
  const followUp = useMemo(
    () => (outcomes ? followUpRecipients(outcomes, Date.now(), dayCount) : null),
    [outcomes, dayCount],
  );
  const bounced = useMemo(
    () => (outcomes ?? []).filter((o) => o.delivery.kind === 'bounced').flatMap((o) => canonicalEmail(o.to) ?? []),
    [outcomes],
  );

  if (!inbox.enabled)
    return (
      <Text size={200} block data-testid="inbox-report-off">
        {t('report.inbox.needsOption')}
      </Text>
    );
  const check = async () => {
    setChecking(true);
    try {
      // Unsubscribe requests that came in since are gathered into the list at the same time.
      const [made] = await Promise.all([inbox.check(campaign), inbox.refresh()]);
      if (made) props.onOutcomes(made);
    } finally {
      setChecking(false);
    }
  };
  return (
    <section
      className={mergeClasses(layout.stackXS, layout.topS)}
      aria-label={t('inbox.title')}
      data-testid="inbox-report"
    >
      <div className={layout.rowWrap}>
        <Button size="small" disabled={checking} onClick={() => void check()} data-testid="inbox-check">
          {t('report.inbox.check')}
        </Button>
        {bounced.length > 0 && (
          <Button
            size="small"
            onClick={() =>
              void inbox
                .suppress(bounced.map((address) => ({ address, reason: 'bounced' as const })))
                .then(setSuppressedNow)
            }
            data-testid="inbox-suppress-bounced"
          >
            {t('report.inbox.suppressBounced', { count: bounced.length })}
          </Button>
        )}
      </div>
      {counts && (
        <Text size={200} block aria-live="polite" data-testid="inbox-summary">
          {t('report.inbox.summary', { ...counts })}
        </Text>
      )}
      {suppressedNow !== null && (
        <MessageBar intent="success">
          <MessageBarBody data-testid="inbox-suppressed-now">
            {t('report.inbox.suppressedDone', { count: suppressedNow })}
          </MessageBarBody>
        </MessageBar>
      )}
      {followUp && (
        <div className={layout.fieldsRow}>
          <Field label={t('report.inbox.followUpDays')}>
            <Input
              type="number"
              min={0}
              max={365}
              value={days}
              onChange={(_, d) => setDays(d.value)}
              data-testid="inbox-follow-up-days"
            />
          </Field>
          <Button
            size="small"
            appearance="primary"
            disabled={followUp.due.length === 0}
            onClick={() => props.onFollowUp(new Set(followUp.due.flatMap((o) => canonicalEmail(o.to) ?? [])))}
            data-testid="inbox-follow-up"
          >
            {t('report.inbox.followUp', { count: followUp.due.length })}
          </Button>
        </div>
      )}
      {followUp && followUp.due.length === 0 && (
        <Text size={200} block data-testid="inbox-follow-up-not-yet">
          {t('report.inbox.followUpNotYet', { count: followUp.notYet, days: dayCount })}
        </Text>
      )}
    </section>
  );
}
