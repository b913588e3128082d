/**
 * Seats bought, assigned and free as a picture (A1, A8): a two-part bar in Fluent tokens, one
 * image for screen readers whose label carries the numbers, and the same numbers as text.
 */
import { Caption1, tokens } from '@fluentui/react-components';
import { useI18n } from '../i18n/I18nProvider.js';

export function SeatUsage({ assigned, quantity, compact = false, testId }: { assigned: number; quantity: number; compact?: boolean; testId?: string }) {
  // Counts go in as numbers: the plural messages pick the grammatical form and format them for the locale.
  const { t } = useI18n();
  const free = Math.max(0, quantity - assigned);
  const share = quantity <= 0 ? 0 : Math.min(1, assigned / quantity);
  const label = t('seats.picture', { assigned, quantity, free });
  const full = quantity > 0 && free === 0;
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 4, minWidth: compact ? 120 : 180 }} data-testid={testId}>
      <div
        role="img"
        aria-label={label}
        style={{ display: 'flex', height: compact ? 8 : 12, borderRadius: tokens.borderRadiusMedium, overflow: 'hidden', background: tokens.colorNeutralBackground5, border: `1px solid ${tokens.colorNeutralStroke2}` }}
      >
        <div style={{ width: `${share * 100}%`, background: full ? tokens.colorPaletteDarkOrangeBackground3 : tokens.colorBrandBackground }} />
      </div>
      <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap' }} aria-hidden="true">
        <Legend colour={full ? tokens.colorPaletteDarkOrangeBackground3 : tokens.colorBrandBackground} text={t('seats.legendAssigned', { count: assigned })} />
        <Legend colour={tokens.colorNeutralBackground5} text={t('seats.legendFree', { count: free })} />
        {!compact && <Caption1>{t('seats.legendBought', { count: quantity })}</Caption1>}
      </div>
    </div>
  );
}

function Legend({ colour, text }: { colour: string; text: string }) {
  return (
    <span style={{ display: 'inline-flex', alignItems: 'center', gap: 4 }}>
      <span style={{ width: 10, height: 10, borderRadius: 2, background: colour, border: `1px solid ${tokens.colorNeutralStroke2}` }} />
      <Caption1>{text}</Caption1>
    </span>
  );
}
