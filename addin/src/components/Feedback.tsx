/** The outcome of the last action on a screen: an error that says what to do, or a confirmation. */
import { MessageBar, MessageBarBody } from '@fluentui/react-components';

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
