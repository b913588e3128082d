/** A subscription's status as a badge, in one colour per status wherever the portal shows it. */
import { Badge, type BadgeProps } from '@fluentui/react-components';
import type { SubscriptionStatus } from '#shared/api/views.js';
import type { MessageKey } from '#shared/i18n/translate.js';
import { useI18n } from '../i18n/I18nProvider.js';

const COLOUR: Record<SubscriptionStatus, BadgeProps['color']> = {
  trial: 'informative',
  active: 'success',
  past_due: 'warning',
  expired: 'danger',
  cancelled: 'subtle',
};

export function StatusBadge({ status, testId }: { status: SubscriptionStatus; testId?: string }) {
  const { t } = useI18n();
  return (
    <Badge appearance="tint" color={COLOUR[status]} data-testid={testId}>
      {t(`status.${status}` as MessageKey)}
    </Badge>
  );
}
