import {
  Button,
  Caption1,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  ProgressBar,
  Select,
  Text,
  mergeClasses,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useRef, useState } from 'react';
import { describeListProblem } from '../campaign/describe.js';
import { useI18n } from '../i18n/I18nProvider.js';
import type { ContactsSource, Recipients } from './useRecipients.js';
import { RecipientGrid } from './RecipientGrid.js';
import { StepHeading } from './StepHeading.js';
import { useLayout } from '../components/layout.js';

/** The list and its mapping come from useRecipients (file, workbook sheet, Outlook contacts). */
const useStyles = makeStyles({
  contacts: { marginTop: tokens.spacingVerticalSNudge },
});

/** Rows to send: those left out by hand, and how to change them (the plan keeps them, see useCampaignPlan). */
export interface RowSelection {
  excluded: ReadonlySet<number>;
  /** A follow-up's rows outside it (null otherwise): not sent, and not for the sender to take in. */
  outside: ReadonlySet<number> | null;
  toggle: (row: number) => void;
  setIncluded: (rows: readonly number[], included: boolean) => void;
}

export function RecipientsStep({ recipients, rows }: { recipients: Recipients; rows: RowSelection }) {
  const { state, chooseContacts } = recipients;
  const onFile = (file: File) => void recipients.chooseFile(file);
  const onContacts = chooseContacts && ((source: ContactsSource) => void chooseContacts(source));
  const { t } = useI18n();
  const layout = useLayout();
  const styles = useStyles();
  const input = useRef<HTMLInputElement>(null);
  const [contactsMailbox, setContactsMailbox] = useState('');
  const [category, setCategory] = useState('');
  const problem = state.problem;
  return (
    <section aria-labelledby="step-recipients">
      <StepHeading id="step-recipients" title={t('recipients.title')} />
      <Caption1 block>{t('recipients.explain')}</Caption1>
      <input
        ref={input}
        type="file"
        accept=".csv,.xlsx,text/csv,text/plain,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        aria-label={t('recipients.choose')}
        data-testid="recipients-file"
        className={layout.hidden}
        onChange={(event) => {
          const file = event.target.files?.[0];
          if (file) onFile(file);
          event.target.value = '';
        }}
      />
      <Button size="small" className={layout.topS} onClick={() => input.current?.click()}>
        {t('recipients.choose')}
      </Button>
      {onContacts && (
        <details className={layout.topS}>
          <summary>{t('recipients.contacts')}</summary>
          <div className={mergeClasses(layout.stackSNudge, styles.contacts)}>
            <Field label={t('recipients.contactsMailbox')}>
              <Input
                type="email"
                value={contactsMailbox}
                onChange={(_, d) => setContactsMailbox(d.value)}
                placeholder={t('send.fromOwn')}
                data-testid="contacts-mailbox"
              />
            </Field>
            <Field label={t('recipients.contactsCategory')}>
              <Input
                value={category}
                onChange={(_, d) => setCategory(d.value)}
                placeholder={t('recipients.contactsAllCategories')}
                data-testid="contacts-category"
              />
            </Field>
            <Button
              size="small"
              className={layout.start}
              data-testid="load-contacts"
              onClick={() => onContacts({ mailbox: contactsMailbox.trim() || null, category: category.trim() || null })}
            >
              {t('recipients.loadContacts')}
            </Button>
          </div>
        </details>
      )}
      {state.reading && (
        <div className={layout.topS} data-testid="recipients-progress">
          <ProgressBar
            value={state.readingShare > 0 ? state.readingShare : undefined}
            aria-label={t('recipients.reading', { file: state.reading })}
          />
          <Caption1>{t('recipients.reading', { file: state.reading })}</Caption1>
        </div>
      )}
      {problem && (
        <MessageBar intent="error" className={layout.topS}>
          <MessageBarBody data-testid="recipients-error">{describeListProblem(problem, t)}</MessageBarBody>
        </MessageBar>
      )}
      {state.workbook && state.workbook.sheets.length > 1 && (
        <Field label={t('recipients.sheet')} className={layout.topS}>
          <Select
            value={state.sheet ?? ''}
            onChange={(_, data) => recipients.chooseSheet(data.value)}
            data-testid="sheet"
          >
            {state.workbook.sheets.map((sheet) => (
              <option key={sheet.name} value={sheet.name}>
                {sheet.name}
              </option>
            ))}
          </Select>
        </Field>
      )}
      {state.list && (
        <div className={mergeClasses(layout.topS, layout.stackS)}>
          <Text size={200} data-testid="recipients-summary">
            {t('recipients.loaded', {
              rows: state.list.rows.length,
              columns: state.list.columns.length,
              file: state.list.fileName,
            })}
          </Text>
          <Field label={t('recipients.emailColumn')}>
            <Select
              value={state.emailColumn ?? ''}
              onChange={(_, data) => recipients.chooseColumns({ emailColumn: data.value })}
              data-testid="email-column"
            >
              {state.list.columns.map((column) => (
                <option key={column} value={column}>
                  {column}
                  {state.candidates.includes(column) ? ' ✓' : ''}
                </option>
              ))}
            </Select>
          </Field>
          {(['ccColumn', 'bccColumn', 'attachmentColumn'] as const).map((key) => (
            <Field
              key={key}
              label={t(
                key === 'ccColumn'
                  ? 'recipients.ccColumn'
                  : key === 'bccColumn'
                    ? 'recipients.bccColumn'
                    : 'recipients.attachmentColumn',
              )}
              hint={key === 'attachmentColumn' ? t('recipients.attachmentHint') : undefined}
            >
              <Select
                value={state[key] ?? ''}
                onChange={(_, data) => recipients.chooseColumns({ [key]: data.value === '' ? null : data.value })}
                data-testid={
                  key === 'ccColumn' ? 'cc-column' : key === 'bccColumn' ? 'bcc-column' : 'attachment-column'
                }
              >
                <option value="">{t('recipients.noColumn')}</option>
                {state.list!.columns.map((column) => (
                  <option key={column} value={column}>
                    {column}
                  </option>
                ))}
              </Select>
            </Field>
          ))}
          <RecipientGrid
            list={state.list}
            emailColumn={state.emailColumn}
            excluded={rows.excluded}
            outside={rows.outside}
            onToggle={rows.toggle}
            onSetIncluded={rows.setIncluded}
          />
        </div>
      )}
    </section>
  );
}
