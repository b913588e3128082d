/**
 * Sending (M6): start, pause, resume, stop; progress with sent / failed / remaining and time
 * left. A campaign another pane sends shows here read-only.
 */
import { Button, Caption1, MessageBar, MessageBarBody, ProgressBar, Text } from '@fluentui/react-components';
import { useMemo, useState, type ReactNode } from 'react';
import type { CampaignLedger } from '../campaign/campaign.js';
import { ConfirmDialog } from '../components/ConfirmDialog.js';
import { formatDateTime } from '#shared/i18n/translate.js';
import type { CampaignView } from '../campaign/campaignSession.js';
import { spokenDuration, type CampaignEstimate } from '../campaign/estimate.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { StepHeading } from './StepHeading.js';
import { useLayout } from '../components/layout.js';

export function SendStep(props: {
  /** The mailbox the campaign goes out from (null: the sender's own). */
  mailbox: string | null;
  /** The signed-in user's address, named in what IT must grant. */
  signedInAs?: string | null;
  count: number;
  /** How long sending takes and the days it spans (M16); null with nothing to send. */
  estimate: CampaignEstimate | null;
  ratePerMinute: number;
  blockedReason: string | null;
  /** The campaign is being prepared (checked again, stored): sending has not started yet. */
  starting?: boolean;
  /** Why the last start did not start, in words that say what to do. */
  startError?: string | null;
  campaign: CampaignView | null;
  onSend: () => void;
  onPause: () => void;
  onResume: () => void;
  onStop: () => void;
  /** "Send later" (ScheduleChooser), shown before the campaign starts. */
  scheduleSlot?: ReactNode;
  /** The campaign is to be scheduled: the button says so. */
  scheduling?: boolean;
  /** Cancels a scheduled campaign: the messages Exchange keeps are deleted. */
  onCancelScheduled?: () => void;
}) {
  const { t, locale } = useI18n();
  const layout = useLayout();
  const { count, blockedReason, campaign, onSend, onPause, onResume, onStop } = props;
  const durationText = (ms: number) => {
    const spoken = spokenDuration(ms);
    return spoken.unit === 'underMinute'
      ? t('duration.underMinute')
      : t(spoken.unit === 'minutes' ? 'duration.minutes' : 'duration.hours', { count: spoken.value });
  };
  const progress = campaign?.progress;
  const status = campaign?.ledger.status;
  const unfinished = status === 'running' || status === 'paused' || status === 'waiting' || status === 'blocked';
  const waiting = campaign !== null && !campaign.running && status === 'waiting';
  const blocked =
    campaign !== null && !campaign.running && status === 'blocked' ? (campaign.ledger.blocked ?? null) : null;
  const observing = campaign?.observing === true;
  const stopping = campaign?.stopping === true;
  const mine = campaign !== null && !observing && !stopping;
  const ledger = campaign?.ledger;
  const held = useMemo(() => (ledger?.schedule ? heldNow(ledger, Date.now()) : null), [ledger]);
  const [askCancel, setAskCancel] = useState(false);
  return (
    <section aria-labelledby="step-send">
      <StepHeading id="step-send" title={t('send.title')} />
      {!campaign && (
        <Text size={200} block data-testid="send-from">
          <strong>{t('common.label', { label: t('send.from') })}</strong> {props.mailbox ?? t('send.fromOwn')}
        </Text>
      )}
      {!campaign && props.estimate && (
        <Text size={200} block className={layout.topS} data-testid="send-estimate">
          {t('send.estimate', { duration: durationText(props.estimate.sendingMs), rate: props.ratePerMinute })}
          {props.estimate.days > 1 &&
            ` ${t('send.estimateDays', { days: props.estimate.days, time: formatDateTime(props.estimate.finishesAt, locale) })}`}
        </Text>
      )}
      {!campaign && blockedReason && <Caption1 block>{blockedReason}</Caption1>}
      {!campaign && props.startError && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody data-testid="start-error">{props.startError}</MessageBarBody>
        </MessageBar>
      )}
      {!campaign && props.scheduleSlot}
      {!campaign && (
        <Button
          appearance="primary"
          disabled={blockedReason !== null || props.starting === true}
          onClick={onSend}
          data-testid="send-button"
          className={layout.spacedS}
        >
          {props.starting
            ? t('send.starting')
            : props.scheduling && count > 0
              ? t('schedule.button', { count })
              : count === 0
                ? t('send.title')
                : count === 1
                  ? t('send.buttonOne')
                  : t('send.button', { count })}
        </Button>
      )}
      {campaign && progress && (
        <div className={layout.stackSNudge}>
          {held && held.messages > 0 && (
            <MessageBar intent="success" layout="multiline">
              <MessageBarBody data-testid="schedule-status">
                {t('schedule.status', { held: held.messages, time: formatDateTime(held.from, locale) })}
              </MessageBarBody>
            </MessageBar>
          )}
          {observing && (
            <MessageBar intent="info" layout="multiline">
              <MessageBarBody data-testid="campaign-observing">{t('send.observing')}</MessageBarBody>
            </MessageBar>
          )}
          {stopping && (
            <MessageBar intent="info" layout="multiline">
              <MessageBarBody data-testid="campaign-stopping">{t('send.stopping')}</MessageBarBody>
            </MessageBar>
          )}
          {campaign.notice && (
            <MessageBar intent="warning" layout="multiline">
              <MessageBarBody data-testid="campaign-notice">
                {t(campaign.notice === 'busy' ? 'send.busy' : 'send.signInToStop')}
              </MessageBarBody>
            </MessageBar>
          )}
          {waiting && (
            <MessageBar intent="info" layout="multiline">
              <MessageBarBody data-testid="campaign-waiting">
                {t('send.waiting', {
                  sent: progress.sent,
                  total: progress.total,
                  time: formatDateTime(campaign.ledger.resumeAt ?? Date.now(), locale),
                })}
              </MessageBarBody>
            </MessageBar>
          )}
          {blocked && (
            <MessageBar intent="error" layout="multiline">
              <MessageBarBody data-testid="campaign-blocked">
                {t(`send.blocked.${blocked.reason}`, {
                  mailbox: campaign.ledger.mailbox ?? props.mailbox ?? '',
                  user: props.signedInAs ?? '',
                  files: (blocked.files ?? []).join(', '),
                })}
              </MessageBarBody>
            </MessageBar>
          )}
          {mine && !campaign.running && unfinished && !waiting && !blocked && (
            <MessageBar intent="warning">
              <MessageBarBody data-testid="campaign-paused">
                {t('send.pausedNotice', { sent: progress.sent, total: progress.total })}
              </MessageBarBody>
            </MessageBar>
          )}
          <ProgressBar
            value={progress.total === 0 ? 1 : (progress.total - progress.remaining) / progress.total}
            thickness="large"
            aria-label={t('send.sending')}
          />
          <Text size={200} aria-live="polite" data-testid="send-progress">
            {campaign.ledger.status === 'finished'
              ? t('send.done', { sent: progress.sent, failed: progress.failed })
              : campaign.ledger.status === 'cancelled'
                ? t('send.cancelled', { sent: progress.sent, remaining: progress.cancelled })
                : t('send.progress', { sent: progress.sent, failed: progress.failed, remaining: progress.remaining })}
          </Text>
          {campaign.running && progress.throttledUntil !== null && (
            <Caption1>
              {t('send.throttled', { seconds: Math.max(1, Math.ceil((progress.throttledUntil - Date.now()) / 1000)) })}
            </Caption1>
          )}
          {campaign.running && progress.remaining > 0 && (
            <Caption1>
              {t('send.timeLeft', { minutes: Math.max(1, Math.ceil(progress.estimatedRemainingMs / 60000)) })}
            </Caption1>
          )}
          {campaign.error && (
            <MessageBar intent="error">
              <MessageBarBody>{t('errors.generic', { message: campaign.error })}</MessageBarBody>
            </MessageBar>
          )}
          {mine && held && held.messages > 0 && props.onCancelScheduled && (
            <Button className={layout.start} onClick={() => setAskCancel(true)} data-testid="cancel-scheduled">
              {t('schedule.cancel')}
            </Button>
          )}
          <ConfirmDialog
            question={
              askCancel
                ? {
                    title: t('schedule.cancelTitle'),
                    text: t('schedule.cancelBody'),
                    confirm: t('schedule.cancelConfirm'),
                    dismiss: t('schedule.keep'),
                  }
                : null
            }
            onCancel={() => setAskCancel(false)}
            onConfirm={() => {
              setAskCancel(false);
              props.onCancelScheduled?.();
            }}
            confirmTestId="confirm-cancel-scheduled"
          />
          {mine && unfinished && (
            <div className={layout.row}>
              {campaign.running ? (
                <Button onClick={onPause} data-testid="pause">
                  {t('send.pause')}
                </Button>
              ) : waiting ? null : (
                <Button appearance="primary" onClick={onResume} data-testid="resume">
                  {t('send.resume')}
                </Button>
              )}
              <Button onClick={onStop} data-testid="cancel">
                {t('send.cancel')}
              </Button>
            </div>
          )}
        </div>
      )}
    </section>
  );
}

/** The messages of a scheduled campaign Exchange still keeps, and the first one's time. */
function heldNow(ledger: CampaignLedger, now: number): { messages: number; from: number } {
  let messages = 0;
  let from = Number.POSITIVE_INFINITY;
  for (const row of ledger.rows) {
    const state = ledger.states[row];
    if (state?.status !== 'sent' || !state.heldId || state.at <= now) continue;
    messages++;
    from = Math.min(from, state.at);
  }
  return { messages, from };
}
