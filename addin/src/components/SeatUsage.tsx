/**
 * Seats bought, assigned and free as a picture (A1, A8): a two-part bar in Fluent tokens, one
 * image for screen readers whose label carries the numbers, and the same numbers as text.
 */
import { Caption1, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { useI18n } from '../i18n/I18nProvider.js';
import { useLayout } from './layout.js';

const useStyles = makeStyles({
  usage: { minWidth: '180px' },
  compactUsage: { minWidth: '120px' },
  bar: {
    display: 'flex',
    height: '12px',
    borderRadius: tokens.borderRadiusMedium,
    overflow: 'hidden',
    backgroundColor: tokens.colorNeutralBackground5,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  compactBar: { height: '8px' },
  /** Assigned seats; full, in the colour that says there is no seat left. */
  assigned: { backgroundColor: tokens.colorBrandBackground },
  full: { backgroundColor: tokens.colorPaletteDarkOrangeBackground3 },
  free: { backgroundColor: tokens.colorNeutralBackground5 },
  legend: { display: 'inline-flex', alignItems: 'center', gap: tokens.spacingHorizontalXS },
  swatch: {
    width: '10px',
    height: '10px',
    borderRadius: tokens.borderRadiusSmall,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
  },
});

export function SeatUsage({
  assigned,
  quantity,
  compact = false,
  testId,
}: {
  assigned: number;
  quantity: number;
  compact?: boolean;
  testId?: string;
}) {
  // Counts go in as numbers: the plural messages pick the grammatical form and format them for the locale.
  const { t } = useI18n();
  const layout = useLayout();
  const styles = useStyles();
  const free = Math.max(0, quantity - assigned);
  const share = quantity <= 0 ? 0 : Math.min(1, assigned / quantity);
  const label = t('seats.picture', { assigned, quantity, free });
  const fill = quantity > 0 && free === 0 ? styles.full : styles.assigned;
  return (
    <div className={mergeClasses(layout.stackXS, compact ? styles.compactUsage : styles.usage)} data-testid={testId}>
      <div role="img" aria-label={label} className={mergeClasses(styles.bar, compact && styles.compactBar)}>
        {/* The share assigned is known only at run time. */}
        {/* eslint-disable-next-line no-restricted-syntax -- a width computed from the counts */}
        <div className={fill} style={{ width: `${share * 100}%` }} />
      </div>
      <div className={layout.rowWrapM} aria-hidden="true">
        <Legend swatch={fill} text={t('seats.legendAssigned', { count: assigned })} />
        <Legend swatch={styles.free} text={t('seats.legendFree', { count: free })} />
        {!compact && <Caption1>{t('seats.legendBought', { count: quantity })}</Caption1>}
      </div>
    </div>
  );
}

function Legend({ swatch, text }: { swatch: string; text: string }) {
  const styles = useStyles();
  return (
    <span className={styles.legend}>
      <span className={mergeClasses(styles.swatch, swatch)} />
      <Caption1>{text}</Caption1>
    </span>
  );
}
