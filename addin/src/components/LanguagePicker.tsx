import { Select, useId, makeStyles, tokens } from '@fluentui/react-components';
import { SUPPORTED_LOCALES, type Locale } from '#shared/i18n/translate.js';
import { useI18n } from '../i18n/I18nProvider.js';

const NAMES: Record<Locale, string> = { en: 'English', fr: 'Français', de: 'Deutsch' };

const useStyles = makeStyles({
  picker: { display: 'inline-flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
  bar: { display: 'flex', justifyContent: 'flex-end', padding: tokens.spacingHorizontalS },
});

export function LanguagePicker({
  value,
  onChange,
  label,
}: {
  value: Locale;
  onChange: (locale: Locale) => void;
  label?: string;
}) {
  const { t } = useI18n();
  const id = useId('language');
  const styles = useStyles();
  return (
    <span className={styles.picker}>
      <label htmlFor={id}>{label ?? t('common.language')}</label>
      <Select
        id={id}
        value={value}
        onChange={(_, data) => onChange(data.value as Locale)}
        size="small"
        data-testid="language"
      >
        {SUPPORTED_LOCALES.map((locale) => (
          <option key={locale} value={locale} lang={locale}>
            {NAMES[locale]}
          </option>
        ))}
      </Select>
    </span>
  );
}

/** A page's language picker, at the top right of a page without a header of its own. */
export function LanguageBar({ value, onChange }: { value: Locale; onChange: (locale: Locale) => void }) {
  const styles = useStyles();
  return (
    <div className={styles.bar}>
      <LanguagePicker value={value} onChange={onChange} />
    </div>
  );
}
