/** The merge language explained where the message is written (M16): each form with an example from the catalogs. */
import { Caption1, makeStyles, tokens } from '@fluentui/react-components';
import type { MessageKey } from '#shared/i18n/translate.js';
import { useLayout } from '../components/layout.js';
import { useI18n } from '../i18n/I18nProvider.js';

const EXAMPLES: ReadonlyArray<readonly [MessageKey, MessageKey]> = [
  ['syntax.fieldCode', 'syntax.field'],
  ['syntax.fallbackCode', 'syntax.fallback'],
  ['syntax.ifCode', 'syntax.if'],
  ['syntax.ifValueCode', 'syntax.ifValue'],
];

const useStyles = makeStyles({
  help: { marginTop: tokens.spacingVerticalM },
  list: {
    margin: `${tokens.spacingVerticalXS} 0`,
    padding: 0,
    listStyle: 'none',
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
  },
  /** Long examples wrap inside the narrow pane instead of widening it. */
  code: {
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    overflowWrap: 'anywhere',
    backgroundColor: tokens.colorNeutralBackground3,
    padding: `0 ${tokens.spacingHorizontalXXS}`,
    borderRadius: tokens.borderRadiusSmall,
  },
});

export function SyntaxHelp() {
  const { t } = useI18n();
  const layout = useLayout();
  const styles = useStyles();
  return (
    <details className={styles.help} data-testid="syntax-help">
      <summary>{t('syntax.title')}</summary>
      <ul className={styles.list}>
        {EXAMPLES.map(([code, explain]) => (
          <li key={code} className={layout.stackXXS}>
            <code className={styles.code}>{t(code)}</code>
            <Caption1>{t(explain)}</Caption1>
          </li>
        ))}
      </ul>
      <Caption1>{t('syntax.where')}</Caption1>
    </details>
  );
}
