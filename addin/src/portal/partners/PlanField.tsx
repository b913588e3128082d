/** The plan of an offer or of product keys, chosen from the catalog the server publishes. */
import { Field, Select } from '@fluentui/react-components';
import type { PlanView } from '#shared/api/views.js';
import type { MessageKey } from '#shared/i18n/translate.js';
import { useI18n } from '../../i18n/I18nProvider.js';

export function PlanField({
  plans,
  value,
  onChange,
  testId,
}: {
  plans: readonly PlanView[];
  value: string;
  onChange: (plan: string) => void;
  testId: string;
}) {
  const { t } = useI18n();
  return (
    <Field label={t('partners.offers.plan')}>
      <Select value={value} onChange={(_, d) => onChange(d.value)} data-testid={testId}>
        {plans.map((p) => (
          <option key={p.id} value={p.id}>
            {t(`plan.${p.id}` as MessageKey)}
          </option>
        ))}
      </Select>
    </Field>
  );
}
