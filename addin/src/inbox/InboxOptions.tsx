/** The inbox features' switches before sending: reading the mailbox (asks for the permission) and the unsubscribe line. */
import {
  Caption1,
  Checkbox,
  MessageBar,
  MessageBarBody,
  Spinner,
  Switch,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import { useLayout } from '../components/layout.js';
import { useI18n } from '../i18n/I18nProvider.js';
import type { InboxFeatures } from './useInbox.js';

const useStyles = makeStyles({
  /** A group in Fluent's stroke and radius, not the browser's grooved fieldset. */
  group: {
    margin: `0 0 ${tokens.spacingVerticalS} 0`,
    padding: tokens.spacingHorizontalS,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
});

export function InboxOptions({ inbox, disabled }: { inbox: InboxFeatures; disabled: boolean }) {
  const { t } = useI18n();
  const layout = useLayout();
  const styles = useStyles();
  return (
    <fieldset
      className={mergeClasses(layout.stackXS, styles.group)}
      aria-label={t('inbox.title')}
      data-testid="inbox-options"
    >
      <Switch
        checked={inbox.enabled}
        disabled={disabled}
        onChange={(_, d) => void inbox.turn(d.checked)}
        label={t('inbox.enable')}
        data-testid="inbox-enable"
      />
      <Caption1>{t('inbox.enableHint')}</Caption1>
      {inbox.enabled && (
        <Checkbox
          checked={inbox.unsubscribeLine}
          onChange={(_, d) => inbox.setUnsubscribeLine(d.checked === true)}
          label={t('inbox.unsubscribeLine')}
          data-testid="inbox-unsubscribe-line"
        />
      )}
      {inbox.enabled && inbox.loading && <Spinner size="tiny" label={t('inbox.loading')} />}
      {inbox.enabled && !inbox.loading && inbox.suppressions && (
        <Caption1 data-testid="inbox-suppressed">
          {t('inbox.suppressedCount', { count: inbox.suppressions.size })}
        </Caption1>
      )}
      {inbox.error && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody data-testid="inbox-error">{t('inbox.failed', { message: inbox.error })}</MessageBarBody>
        </MessageBar>
      )}
    </fieldset>
  );
}
