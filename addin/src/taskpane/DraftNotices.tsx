/** What the sender is told about the draft before sending: files the host cannot read, pictures that cannot go with the messages. */
import { MessageBar, MessageBarBody } from '@fluentui/react-components';
import { useMemo } from 'react';
import { checkInlineImages } from '../campaign/inlineImages.js';
import type { Draft } from '../host/mailHost.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { useLayout } from '../components/layout.js';

export function DraftNotices({ draft }: { draft: Draft | null }) {
  const { t } = useI18n();
  const layout = useLayout();
  const images = useMemo(() => (draft ? checkInlineImages(draft.bodyHtml, draft.attachments) : null), [draft]);
  if (!draft || !images) return null;
  return (
    <>
      {!draft.attachmentsReadable && (
        <MessageBar intent="warning" layout="multiline" className={layout.bottomXS}>
          <MessageBarBody data-testid="attachments-unreadable">{t('template.attachmentsUnreadable')}</MessageBarBody>
        </MessageBar>
      )}
      {images.unmatched.length > 0 && (
        <MessageBar intent="warning" layout="multiline" className={layout.bottomXS}>
          <MessageBarBody data-testid="inline-unmatched">
            {t('template.inlineUnmatched', { count: images.unmatched.length })}
          </MessageBarBody>
        </MessageBar>
      )}
      {images.tooLarge.length > 0 && (
        <MessageBar intent="warning" layout="multiline" className={layout.bottomXS}>
          <MessageBarBody data-testid="inline-too-large">
            {t('template.inlineTooLarge', { names: images.tooLarge.join(', ') })}
          </MessageBarBody>
        </MessageBar>
      )}
    </>
  );
}
