/**
 * "Send later": a switch, the date and time in the user's time zone (named), what is wrong with
 * the choice in words that say what to do, the parts Exchange sends the campaign in when it is
 * over a day's budget, and how long the pane must stay open while the messages are handed over.
 */
import { Caption1, Field, Input, MessageBar, MessageBarBody, Switch } from '@fluentui/react-components';
import { formatDateTime } from '#shared/i18n/translate.js';
import { useLayout } from '../components/layout.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { defaultScheduleValue, type ScheduleState } from './useSchedule.js';

export function ScheduleChooser({ schedule, limit }: { schedule: ScheduleState; limit: number }) {
  const { t, locale } = useI18n();
  const layout = useLayout();
  const { enabled, setEnabled, value, setValue, problem, preview, timeZone } = schedule;
  const example = defaultScheduleValue(Date.now()).replace('T', ' ');
  return (
    <div className={layout.stackXS} data-testid="schedule">
      <Switch
        checked={enabled}
        onChange={(_, data) => setEnabled(data.checked)}
        label={t('schedule.later')}
        data-testid="schedule-switch"
      />
      {enabled && (
        <>
          <Caption1 block>{t('schedule.laterHint')}</Caption1>
          <Field
            label={t('schedule.when')}
            hint={t('schedule.timeZone', { zone: timeZone })}
            validationState={problem ? 'error' : 'none'}
            validationMessage={problem ? t(`schedule.problem.${problem}`, { example }) : undefined}
          >
            <Input
              type="datetime-local"
              value={value}
              onChange={(_, data) => setValue(data.value)}
              data-testid="schedule-time"
            />
          </Field>
          {preview && preview.parts.length > 1 && (
            <MessageBar intent="info" layout="multiline" data-testid="schedule-parts">
              <MessageBarBody>
                {t('schedule.partsIntro', { limit, count: preview.parts.length })}
                <ol className={layout.listSpaced}>
                  {preview.parts.map((part, index) => {
                    const from = formatDateTime(part.startsAt, locale);
                    const to = formatDateTime(part.endsAt, locale);
                    // A part handed over within the same minute reads as one time.
                    return (
                      <li key={index}>
                        <Caption1>
                          {from === to
                            ? t('schedule.partAt', { messages: part.messages, time: from })
                            : t('schedule.part', { messages: part.messages, from, to })}
                        </Caption1>
                      </li>
                    );
                  })}
                </ol>
              </MessageBarBody>
            </MessageBar>
          )}
          {preview && (
            <Caption1 block data-testid="schedule-prepare">
              {t('schedule.prepare', { minutes: preview.prepareMinutes })}{' '}
              {preview.late ? t('schedule.prepareLate') : ''}
            </Caption1>
          )}
        </>
      )}
    </div>
  );
}
