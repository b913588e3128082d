/**
 * Around a part of a page that may fail to render (a screen whose code did not arrive, or a fault
 * in it): instead of React taking the whole page down, the part says what happened and offers to
 * try again; the rest of the page (a campaign under way, the sign-in) goes on. `onRetry` runs
 * before the part renders again (for lazy screens: load their code afresh).
 */
import { Button, MessageBar, MessageBarActions, MessageBarBody } from '@fluentui/react-components';
import { Component, type ReactNode } from 'react';
import { useI18n } from '../i18n/I18nProvider.js';

interface Props {
  children: ReactNode;
  onRetry?: () => void;
}

export class ScreenBoundary extends Component<Props, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: unknown): { error: Error } {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <ScreenFailed
        message={error.message}
        onRetry={() => {
          this.props.onRetry?.();
          this.setState({ error: null });
        }}
      />
    );
  }
}

function ScreenFailed({ message, onRetry }: { message: string; onRetry: () => void }) {
  const { t } = useI18n();
  return (
    <MessageBar intent="error" layout="multiline" role="alert">
      <MessageBarBody data-testid="screen-failed">{t('pane.screenFailed', { message })}</MessageBarBody>
      <MessageBarActions>
        <Button size="small" onClick={onRetry} data-testid="screen-retry">
          {t('common.retry')}
        </Button>
      </MessageBarActions>
    </MessageBar>
  );
}
