/**
 * The pane's step-by-step frame: numbered steps as a tab list (arrow keys move between them, as
 * for any tab list), one step's panel at a time, and Back / Next at the bottom. A step that cannot
 * be opened yet is disabled, and Next says why.
 */
import { Button, Caption1, Tab, TabList } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { useI18n } from '../i18n/I18nProvider.js';

export interface WizardStep<Id extends string> {
  id: Id;
  title: string;
  /** Why the step cannot be opened yet, or null when it can. */
  blockedBy: string | null;
}

export function Wizard<Id extends string>(props: { steps: ReadonlyArray<WizardStep<Id>>; current: Id; onStep: (id: Id) => void; locked: boolean; children: ReactNode }) {
  const { t } = useI18n();
  const { steps, current, onStep, locked } = props;
  const index = Math.max(0, steps.findIndex((step) => step.id === current));
  const previous = steps[index - 1];
  const next = steps[index + 1];
  const open = (step: WizardStep<Id>) => !locked && step.blockedBy === null;
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
      <TabList
        size="small"
        selectedValue={current}
        onTabSelect={(_, data) => onStep(data.value as Id)}
        aria-label={t('wizard.label')}
        style={{ flexWrap: 'wrap', columnGap: 0 }}
      >
        {steps.map((step) => (
          <Tab
            key={step.id}
            value={step.id}
            id={`wizard-tab-${step.id}`}
            aria-controls="wizard-panel"
            disabled={step.id !== current && !open(step)}
            data-testid={`step-${step.id}`}
            // Four steps must fit one line of a 320-pixel pane in every language; a tab list announces "tab 2 of 4" by itself.
            style={{ paddingInline: 4 }}
          >
            {step.title}
          </Tab>
        ))}
      </TabList>
      <div role="tabpanel" id="wizard-panel" aria-labelledby={`wizard-tab-${current}`}>
        {props.children}
      </div>
      {!locked && (
        <nav aria-label={t('wizard.navigation')} style={{ display: 'flex', flexDirection: 'column', gap: 4, marginTop: 4 }}>
          <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
            {previous ? (
              <Button onClick={() => onStep(previous.id)} data-testid="wizard-back">
                {t('wizard.back', { step: previous.title })}
              </Button>
            ) : (
              <span />
            )}
            {next && (
              <Button appearance="primary" disabled={!open(next)} onClick={() => onStep(next.id)} data-testid="wizard-next">
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
