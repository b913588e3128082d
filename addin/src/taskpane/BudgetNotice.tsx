/** Tells the sender, before sending, that the campaign goes out over days and when each part starts. */
import { Caption1, MessageBar, MessageBarBody } from '@fluentui/react-components';
import { formatDateTime } from '#shared/i18n/translate.js';
import type { BudgetSplit } from '../campaign/dailySplit.js';
import { useLayout } from '../components/layout.js';
import { useI18n } from '../i18n/I18nProvider.js';

export function BudgetNotice({ split }: { split: BudgetSplit }) {
  const { t, locale } = useI18n();
  const layout = useLayout();
  return (
    <MessageBar intent="warning" layout="multiline" data-testid="budget-split">
      <MessageBarBody>
        {t('budget.split', { needed: split.needed, limit: split.limit, left: split.left, parts: split.parts.length })}
        <ol className={layout.listSpaced}>
          {split.parts.map((part, i) => (
            <li key={i}>
              <Caption1>
                {part.startsAt <= split.now
                  ? t('budget.partNow', { messages: part.messages, recipients: part.recipients })
                  : t('budget.part', {
                      number: i + 1,
                      messages: part.messages,
                      recipients: part.recipients,
                      time: formatDateTime(part.startsAt, locale),
                    })}
              </Caption1>
            </li>
          ))}
        </ol>
        <Caption1>{t('budget.keepOpen')}</Caption1>
      </MessageBarBody>
    </MessageBar>
  );
}
