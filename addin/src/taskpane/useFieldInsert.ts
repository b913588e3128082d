/**
 * The field picker's insertion (M16): the merge field goes into the message through the host port
 * (Outlook's Body.setSelectedDataAsync: at the cursor, or at the top of the body where the cursor
 * never was), then the pane reads the message again so its checks see the new field.
 */
import { useCallback, useState } from 'react';
import type { MailHost } from '../host/mailHost.js';
import { useI18n } from '../i18n/I18nProvider.js';

export function useFieldInsert(host: Pick<MailHost, 'insertText'>, reload: () => void) {
  const { t } = useI18n();
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const insert = useCallback(
    async (tag: string) => {
      setResult(null);
      try {
        await host.insertText(tag);
        setResult({ ok: true, text: t('picker.inserted', { tag }) });
        reload();
      } catch (e) {
        setResult({
          ok: false,
          text: t('picker.failed', { tag, message: e instanceof Error ? e.message : String(e) }),
        });
      }
    },
    [host, reload, t],
  );
  return { insert, result };
}
