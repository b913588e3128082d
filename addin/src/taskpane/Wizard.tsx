/**
 * The pane's step-by-step frame: numbered steps as a tab list (arrow keys move between them, as
 * for any tab list), one step's panel at a time, and Back / Next at the bottom. A step that cannot
 * be opened yet is disabled, and Next says why.
 */
import { Button, Caption1, Tab, TabList, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { useI18n } from '../i18n/I18nProvider.js';
import { useLayout } from '../components/layout.js';

export interface WizardStep<Id extends string> {
  id: Id;
  title: string;
  /** Why the step cannot be opened yet, or null when it can. */
  blockedBy: string | null;
}

const useStyles = makeStyles({
  tabs: { flexWrap: 'wrap', columnGap: 0 },
  // Four steps must fit one line of a 320-pixel pane in every language; a tab list announces "tab 2 of 4" by itself.
  tab: { paddingLeft: tokens.spacingHorizontalXS, paddingRight: tokens.spacingHorizontalXS },
  navigation: { marginTop: tokens.spacingVerticalXS },
  buttons: { display: 'flex', justifyContent: 'space-between', gap: tokens.spacingHorizontalS },
});

export function Wizard<Id extends string>(props: {
  steps: ReadonlyArray<WizardStep<Id>>;
  current: Id;
  onStep: (id: Id) => void;
  locked: boolean;
  children: ReactNode;
}) {
  const { t } = useI18n();
  const layout = useLayout();
  const styles = useStyles();
  const { steps, current, onStep, locked } = props;
  const index = Math.max(
    0,
    steps.findIndex((step) => step.id === current),
  );
  const previous = steps[index - 1];
  const next = steps[index + 1];
  const open = (step: WizardStep<Id>) => !locked && step.blockedBy === null;
  return (
    <div className={layout.stackS}>
      <TabList
        size="small"
        selectedValue={current}
        onTabSelect={(_, data) => onStep(data.value as Id)}
        aria-label={t('wizard.label')}
        className={styles.tabs}
      >
        {steps.map((step) => (
          <Tab
            key={step.id}
            value={step.id}
            id={`wizard-tab-${step.id}`}
            aria-controls="wizard-panel"
            disabled={step.id !== current && !open(step)}
            data-testid={`step-${step.id}`}
            className={styles.tab}
          >
            {step.title}
          </Tab>
        ))}
      </TabList>
      <div role="tabpanel" id="wizard-panel" aria-labelledby={`wizard-tab-${current}`}>
        {props.children}
      </div>
      {!locked && (
        <nav aria-label={t('wizard.navigation')} className={mergeClasses(layout.stackXS, styles.navigation)}>
          <div className={styles.buttons}>
            {previous ? (
              <Button onClick={() => onStep(previous.id)} data-testid="wizard-back">
                {t('wizard.back', { step: previous.title })}
              </Button>
            ) : (
              <span />
            )}
            {next && (
              <Button
                appearance="primary"
                disabled={!open(next)}
                onClick={() => onStep(next.id)}
                data-testid="wizard-next"
              >
                {t('wizard.next', { step: next.title })}
              </Button>
            )}
          </div>
          {next && next.blockedBy && (
            <Caption1 align="end" data-testid="wizard-blocked">
              {next.blockedBy}
            </Caption1>
          )}
        </nav>
      )}
    </div>
  );
}
