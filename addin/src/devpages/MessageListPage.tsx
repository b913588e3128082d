/**
 * The development mailbox and outbox pages: what the Graph stand-in accepted from the pane, and
 * what Outmerge's own mailer wrote to the local outbox. Messages are shown in sandboxed frames.
 */
import { Button, Caption1, Card, Text, Title3, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { useCallback, useEffect, useState } from 'react';
import { formatDateTime, type Locale, type MessageKey } from '#shared/i18n/translate.js';
import { AppShell, usePageLocale } from '../components/AppShell.js';
import { LanguagePicker } from '../components/LanguagePicker.js';
import { MessageFrame } from '../components/MessageFrame.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { useLayout } from '../components/layout.js';

export interface ListedMessage {
  id: string;
  header: Array<{ label: MessageKey; value: string }>;
  subject: string;
  html: string;
  at: string;
}

export function MessageListPage(props: {
  title: MessageKey;
  explain: MessageKey;
  empty: MessageKey;
  load: () => Promise<ListedMessage[]>;
}) {
  const [locale, setLocale] = usePageLocale();
  return (
    <AppShell locale={locale}>
      <MessageList {...props} locale={locale} onLocale={setLocale} />
    </AppShell>
  );
}

const useStyles = makeStyles({
  page: { maxWidth: '900px', margin: '0 auto', padding: tokens.spacingHorizontalXXL },
  message: { padding: tokens.spacingHorizontalM },
});

function MessageList({
  title,
  explain,
  empty,
  load,
  locale,
  onLocale,
}: Parameters<typeof MessageListPage>[0] & { locale: Locale; onLocale: (l: Locale) => void }) {
  const { t } = useI18n();
  const layout = useLayout();
  const styles = useStyles();
  const [messages, setMessages] = useState<ListedMessage[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const refresh = useCallback(() => {
    load().then(
      (list) => {
        setMessages(list);
        setError(null);
      },
      () => setError(t('errors.network')),
    );
  }, [load, t]);
  useEffect(() => {
    refresh();
    const timer = setInterval(refresh, 3000);
    return () => clearInterval(timer);
  }, [refresh]);

  return (
    <main className={mergeClasses(layout.stackM, styles.page)}>
      <header className={layout.spread}>
        <Title3 as="h1">{t(title)}</Title3>
        <LanguagePicker value={locale} onChange={onLocale} />
      </header>
      <Caption1>{t(explain)}</Caption1>
      <div className={layout.rowCenter}>
        <Button size="small" onClick={refresh}>
          {t('common.refresh')}
        </Button>
        {messages && <Text size={200}>{t('mailbox.count', { count: messages.length })}</Text>}
      </div>
      {error && <Text role="alert">{error}</Text>}
      {messages?.length === 0 && <Text>{t(empty)}</Text>}
      {messages?.map((message) => (
        <Card key={message.id} data-testid="listed-message" className={styles.message}>
          <Text weight="semibold" data-testid="message-subject">
            {message.subject}
          </Text>
          {message.header.map((h) => (
            <Text key={h.label} size={200}>
              {t('common.label', { label: t(h.label) })}{' '}
              <span data-testid={`message-${h.label.split('.')[1]}`}>{h.value}</span>
            </Text>
          ))}
          <Caption1>{formatDateTime(Date.parse(message.at), locale)}</Caption1>
          <MessageFrame html={message.html} title={message.subject} height={220} />
        </Card>
      ))}
    </main>
  );
}
