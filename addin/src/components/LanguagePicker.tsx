import { Select, useId } from '@fluentui/react-components';
import { SUPPORTED_LOCALES, type Locale } from '../../../shared/src/i18n/translate.js';
import { useI18n } from '../i18n/I18nProvider.js';

const NAMES: Record<Locale, string> = { en: 'English', fr: 'Français', de: 'Deutsch' };

export function LanguagePicker({ value, onChange, label }: { value: Locale; onChange: (locale: Locale) => void; label?: string }) {
  const { t } = useI18n();
  const id = useId('language');
  return (
    <span style={{ display: 'inline-flex', alignItems: 'center', gap: 8 }}>
      <label htmlFor={id}>{label ?? t('common.language')}</label>
      <Select id={id} value={value} onChange={(_, data) => onChange(data.value as Locale)} size="small" data-testid="language">
        {SUPPORTED_LOCALES.map((locale) => (
          <option key={locale} value={locale} lang={locale}>
            {NAMES[locale]}
          </option>
        ))}
      </Select>
    </span>
  );
}
