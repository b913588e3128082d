/**
 * The billing tab's billing details (issue 15): who invoices name — company, address, country,
 * VAT number, billing email — and their language, with the tax they lead to. Those with
 * `billing.manage` change them; those with `billing.view` read them. A field is marked wrong only
 * once Save was tried (./billingProfileDraft.ts checks it), and the server's refusal is said in
 * the reader's language (errorText).
 */
import { message, type Message } from '#shared/i18n/message.js';
import {
  Button,
  Caption1,
  Field,
  Input,
  Select,
  Text,
  Textarea,
  makeStyles,
  tokens,
  useId,
} from '@fluentui/react-components';
import { useCallback, useMemo, useState, type FormEvent, type ReactNode } from 'react';
import type { BillingProfileAnswer } from '#shared/api/views.js';
import { VAT_ID_EXAMPLES } from '#shared/billing/vatId.js';
import { formatRate, SUPPORTED_LOCALES, type Locale } from '#shared/i18n/translate.js';
import { Feedback, Loading } from '../components/Feedback.js';
import { useLayout } from '../components/layout.js';
import { useI18n } from '../i18n/I18nProvider.js';
import {
  BILLING_COUNTRIES,
  checkDraft,
  takesVatId,
  type BillingProfileDraft,
  type DraftProblem,
} from './billingProfileDraft.js';
import { useAsyncAction } from './useAsyncAction.js';
import type { PortalApi } from './usePortalApi.js';

/** Each language named in itself, as the language picker does. */
const LANGUAGE_NAMES: Record<Locale, string> = { en: 'English', fr: 'Français', de: 'Deutsch' };

const useStyles = makeStyles({
  /** Two or three fields a line on a wide page, one on a narrow one; a field's hint or error grows it downwards only. */
  fields: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(260px, 1fr))',
    alignItems: 'start',
    gap: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalL}`,
  },
  wide: { gridColumn: '1 / -1' },
});

export function BillingProfileForm({
  api,
  subscriptionId,
  canManage,
}: {
  api: PortalApi;
  subscriptionId: string;
  canManage: boolean;
}) {
  const profile = useAsyncAction(useCallback(() => api.billingProfile(subscriptionId), [api, subscriptionId]));
  if (!profile.data) return <Loading error={profile.error} />;
  const loaded = profile.data;
  return (
    <ProfileFields
      // Read again after a save: the fields start from what the server kept.
      key={JSON.stringify(loaded.profile)}
      loaded={loaded}
      canManage={canManage}
      busy={profile.busy}
      feedback={<Feedback error={profile.error} notice={profile.notice} testId="billing-profile" />}
      onSave={(body, done) => void profile.run(() => api.saveBillingProfile(subscriptionId, body), { notice: done })}
    />
  );
}

function ProfileFields({
  loaded,
  canManage,
  busy,
  feedback,
  onSave,
}: {
  loaded: BillingProfileAnswer;
  canManage: boolean;
  busy: boolean;
  feedback: ReactNode;
  onSave: (profile: NonNullable<BillingProfileAnswer['profile']>, notice: Message) => void;
}) {
  const { t, locale } = useI18n();
  const layout = useLayout();
  const styles = useStyles();
  const titleId = useId('billing-profile-title');
  const saved = loaded.profile;
  const [draft, setDraft] = useState<BillingProfileDraft>(() =>
    saved
      ? { ...saved, vatId: saved.vatId ?? '' }
      : { companyName: '', address: '', country: 'FR', vatId: '', billingEmail: '', language: locale },
  );
  const [tried, setTried] = useState(false);
  const countryName = useMemo(() => {
    const names = new Intl.DisplayNames([locale], { type: 'region' });
    return (code: string) => names.of(code) ?? code;
  }, [locale]);
  const countries = useMemo(
    () => [...BILLING_COUNTRIES].sort((a, b) => countryName(a).localeCompare(countryName(b), locale)),
    [countryName, locale],
  );

  const checked = checkDraft(draft);
  const problems: readonly DraftProblem[] = tried && !checked.ok ? checked.problems : [];
  const wrong = (field: DraftProblem, message: string) =>
    problems.includes(field) ? { validationState: 'error' as const, validationMessage: message } : {};
  const set = (change: Partial<BillingProfileDraft>) => setDraft((current) => ({ ...current, ...change }));
  const example = VAT_ID_EXAMPLES[draft.country] ?? '';
  const vatUsed = takesVatId(draft.country);

  const save = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (checked.ok) onSave(checked.profile, message('billingProfile.saved'));
  };

  const tax = loaded.tax;
  const taxText =
    tax === null
      ? t('billingProfile.none')
      : tax.treatment === 'eu_reverse_charge' || tax.treatment === 'ch_reverse_charge'
        ? t('billingProfile.tax.reverseCharge')
        : tax.treatment === 'outside_scope'
          ? t('billingProfile.tax.outsideScope')
          : t('billingProfile.tax.vat', { rate: formatRate(tax.rateBp, locale) });

  return (
    <form className={layout.stackM} onSubmit={save} noValidate data-testid="billing-profile" aria-labelledby={titleId}>
      <div className={layout.stackXXS}>
        <Text weight="semibold" id={titleId}>
          {t('billingProfile.title')}
        </Text>
        <Caption1>{t('billingProfile.intro')}</Caption1>
      </div>
      <div className={styles.fields}>
        <Field
          label={t('billingProfile.company')}
          required={canManage}
          {...wrong('companyName', t('billingProfile.companyRequired'))}
        >
          <Input
            value={draft.companyName}
            onChange={(_, d) => set({ companyName: d.value })}
            readOnly={!canManage}
            autoComplete="organization"
            maxLength={200}
            data-testid="profile-company"
          />
        </Field>
        <Field
          label={t('billingProfile.email')}
          required={canManage}
          {...wrong('billingEmail', t('billingProfile.emailInvalid'))}
        >
          <Input
            type="email"
            value={draft.billingEmail}
            onChange={(_, d) => set({ billingEmail: d.value })}
            readOnly={!canManage}
            autoComplete="email"
            maxLength={320}
            data-testid="profile-email"
          />
        </Field>
        <Field
          label={t('billingProfile.address')}
          required={canManage}
          className={styles.wide}
          {...wrong('address', t('billingProfile.addressRequired'))}
        >
          <Textarea
            value={draft.address}
            onChange={(_, d) => set({ address: d.value })}
            readOnly={!canManage}
            autoComplete="street-address"
            maxLength={500}
            rows={3}
            data-testid="profile-address"
          />
        </Field>
        <Field label={t('billingProfile.country')} required={canManage}>
          <Select
            value={draft.country}
            onChange={(_, d) => set({ country: d.value })}
            disabled={!canManage}
            data-testid="profile-country"
          >
            {countries.map((code) => (
              <option key={code} value={code}>
                {countryName(code)}
              </option>
            ))}
          </Select>
        </Field>
        <Field
          label={t('billingProfile.vatId')}
          hint={vatUsed ? t('billingProfile.vatIdHint', { example }) : t('billingProfile.vatIdNotUsed')}
          {...wrong('vatId', t('billingProfile.vatIdInvalid', { country: countryName(draft.country), example }))}
        >
          <Input
            value={vatUsed ? draft.vatId : ''}
            onChange={(_, d) => set({ vatId: d.value })}
            readOnly={!canManage}
            disabled={!vatUsed}
            maxLength={40}
            data-testid="profile-vat-id"
          />
        </Field>
        <Field label={t('billingProfile.language')}>
          <Select
            value={draft.language}
            onChange={(_, d) => set({ language: d.value as Locale })}
            disabled={!canManage}
            data-testid="profile-language"
          >
            {SUPPORTED_LOCALES.map((code) => (
              <option key={code} value={code} lang={code}>
                {LANGUAGE_NAMES[code]}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <Caption1 data-testid="profile-tax">{taxText}</Caption1>
      {feedback}
      {canManage && (
        <Button appearance="primary" type="submit" disabled={busy} className={layout.start} data-testid="save-profile">
          {t('billingProfile.save')}
        </Button>
      )}
    </form>
  );
}
