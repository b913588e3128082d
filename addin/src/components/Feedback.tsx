/** The outcome of the last action on a screen: an error that says what to do, or a confirmation; and a screen still loading, or why it could not. */
import { MessageBar, MessageBarBody, Spinner } from '@fluentui/react-components';
import { useI18n } from '../i18n/I18nProvider.js';

export function Feedback({ error, notice, testId }: { error: string | null; notice?: string | null; testId?: string }) {
  return (
    <>
      {error && (
        <MessageBar intent="error">
          <MessageBarBody data-testid={testId && `${testId}-error`}>{error}</MessageBarBody>
        </MessageBar>
      )}
      {notice && (
        <MessageBar intent="success">
          <MessageBarBody data-testid={testId && `${testId}-notice`}>{notice}</MessageBarBody>
        </MessageBar>
      )}
    </>
  );
}

/** What a screen shows before its data is there: why it could not be read, or that it is being read. */
export function Loading({ error, testId, size }: { error: string | null; testId?: string; size?: 'tiny' }) {
  const { t } = useI18n();
  return error ? (
    <MessageBar intent="error">
      <MessageBarBody data-testid={testId}>{error}</MessageBarBody>
    </MessageBar>
  ) : (
    <Spinner size={size} label={t('common.loading')} />
  );
}
