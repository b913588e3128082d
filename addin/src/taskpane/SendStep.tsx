import { Button, Caption1, MessageBar, MessageBarBody, ProgressBar, Text } from '@fluentui/react-components';
import type { CampaignProgress, RowOutcome } from '../campaign/sendCampaign.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { describeOutcome } from './describe.js';
import { StepHeading } from './StepHeading.js';

export interface SendState {
  running: boolean;
  progress: CampaignProgress | null;
  cancelled: boolean;
}

export function SendStep(props: { count: number; blockedReason: string | null; state: SendState; onSend: () => void; onCancel: () => void }) {
  const { t } = useI18n();
  const { count, blockedReason, state, onSend, onCancel } = props;
  const progress = state.progress;
  const failures = (progress?.outcomes ?? []).filter((o): o is Extract<RowOutcome, { status: 'failed' }> => o.status === 'failed');
  const finished = progress !== null && !state.running;
  return (
    <section aria-labelledby="step-send">
      <StepHeading id="step-send" number={4} title={t('send.title')} />
      {blockedReason && !state.running && <Caption1 block>{blockedReason}</Caption1>}
      <div style={{ display: 'flex', gap: 8, margin: '8px 0' }}>
        <Button appearance="primary" disabled={state.running || blockedReason !== null} onClick={onSend} data-testid="send-button">
          {count === 0 ? t('send.title') : count === 1 ? t('send.buttonOne') : t('send.button', { count })}
        </Button>
        {state.running && <Button onClick={onCancel}>{t('send.cancel')}</Button>}
      </div>
      {progress && (
        <div style={{ display: 'flex', flexDirection: 'column', gap: 4 }}>
          <ProgressBar value={progress.total === 0 ? 1 : (progress.sent + progress.failed) / progress.total} thickness="large" aria-label={t('send.sending')} />
          <Text size={200} aria-live="polite" data-testid="send-progress">
            {finished
              ? state.cancelled
                ? t('send.cancelled', { sent: progress.sent, remaining: progress.remaining })
                : t('send.done', { sent: progress.sent, failed: progress.failed })
              : t('send.progress', { sent: progress.sent, failed: progress.failed, remaining: progress.remaining })}
          </Text>
          {state.running && progress.throttledUntil !== null && (
            <Caption1>{t('send.throttled', { seconds: Math.max(1, Math.ceil((progress.throttledUntil - Date.now()) / 1000)) })}</Caption1>
          )}
          {state.running && progress.remaining > 0 && <Caption1>{t('send.timeLeft', { minutes: Math.max(1, Math.ceil(progress.estimatedRemainingMs / 60000)) })}</Caption1>}
          {failures.map((failure) => (
            <MessageBar key={failure.row} intent="error">
              <MessageBarBody>{describeOutcome(failure, t)}</MessageBarBody>
            </MessageBar>
          ))}
        </div>
      )}
    </section>
  );
}
