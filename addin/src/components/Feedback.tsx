/**
 * The outcome of the last action on a screen: an error that says what to do, or a confirmation;
 * and a screen still loading, or why it could not. A message that appears takes the focus (the
 * button that caused it may be gone: a removed seat's row), and the page's AriaLiveAnnouncer
 * reads it out (AppShell).
 */
import { MessageBar, MessageBarBody, Spinner } from '@fluentui/react-components';
import { messageText, type Message } from '#shared/i18n/message.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { useFocusWhenShown } from './focus.js';

/** `notice` is kept as a message and written in the language shown now (shared/src/i18n/message.ts). */
export function Feedback({
  error,
  notice,
  testId,
}: {
  error: string | null;
  notice?: Message | null;
  testId?: string;
}) {
  const { locale } = useI18n();
  const errorRef = useFocusWhenShown<HTMLDivElement>(error);
  const noticeRef = useFocusWhenShown<HTMLDivElement>(notice);
  return (
    <>
      {error && (
        <MessageBar intent="error" ref={errorRef} tabIndex={-1}>
          <MessageBarBody data-testid={testId && `${testId}-error`}>{error}</MessageBarBody>
        </MessageBar>
      )}
      {notice && (
        <MessageBar intent="success" ref={noticeRef} tabIndex={-1}>
          <MessageBarBody data-testid={testId && `${testId}-notice`}>{messageText(notice, locale)}</MessageBarBody>
        </MessageBar>
      )}
    </>
  );
}

/** An error on its own (a step's refusal, a page that could not be read): focused when it appears. */
export function ErrorMessage({
  error,
  testId,
  className,
}: {
  error: string | null;
  testId?: string;
  className?: string;
}) {
  const ref = useFocusWhenShown<HTMLDivElement>(error);
  if (!error) return null;
  return (
    <MessageBar intent="error" ref={ref} tabIndex={-1} className={className}>
      <MessageBarBody data-testid={testId}>{error}</MessageBarBody>
    </MessageBar>
  );
}

/** What a screen shows before its data is there: why it could not be read, or that it is being read. */
export function Loading({ error, testId, size }: { error: string | null; testId?: string; size?: 'tiny' }) {
  const { t } = useI18n();
  return error ? <ErrorMessage error={error} testId={testId} /> : <Spinner size={size} label={t('common.loading')} />;
}
