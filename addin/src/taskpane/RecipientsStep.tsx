import { Button, Caption1, Field, Input, MessageBar, MessageBarBody, ProgressBar, Select, Text } from '@fluentui/react-components';
import { useRef, useState } from 'react';
import type { RecipientList, RecipientListProblem, Workbook } from '../campaign/readRecipients.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { StepHeading } from './StepHeading.js';

export interface RecipientsState {
  reading: string | null;
  /** Share of the file read so far, for the progress bar. */
  readingShare: number;
  list: RecipientList | null;
  emailColumn: string | null;
  ccColumn: string | null;
  bccColumn: string | null;
  attachmentColumn: string | null;
  candidates: string[];
  problem: RecipientListProblem | null;
  /** The open workbook when the list came from an .xlsx file, with the chosen sheet. */
  workbook: Workbook | null;
  sheet: string | null;
}

type Mapping = Partial<Pick<RecipientsState, 'emailColumn' | 'ccColumn' | 'bccColumn' | 'attachmentColumn'>>;

export function RecipientsStep(props: {
  state: RecipientsState;
  onFile: (file: File) => void;
  onMapping: (mapping: Mapping) => void;
  onSheet: (sheet: string) => void;
  onContacts: ((source: { mailbox: string | null; category: string | null }) => void) | null;
}) {
  const { state, onFile, onMapping, onSheet, onContacts } = props;
  const { t } = useI18n();
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
        style={{ display: 'none' }}
        onChange={(event) => {
          const file = event.target.files?.[0];
          if (file) onFile(file);
          event.target.value = '';
        }}
      />
      <Button size="small" style={{ marginTop: 8 }} onClick={() => input.current?.click()}>
        {t('recipients.choose')}
      </Button>
      {onContacts && (
        <details style={{ marginTop: 8 }}>
          <summary>{t('recipients.contacts')}</summary>
          <div style={{ display: 'flex', flexDirection: 'column', gap: 6, marginTop: 6 }}>
            <Field label={t('recipients.contactsMailbox')}>
              <Input type="email" value={contactsMailbox} onChange={(_, d) => setContactsMailbox(d.value)} placeholder={t('send.fromOwn')} data-testid="contacts-mailbox" />
            </Field>
            <Field label={t('recipients.contactsCategory')}>
              <Input value={category} onChange={(_, d) => setCategory(d.value)} placeholder={t('recipients.contactsAllCategories')} data-testid="contacts-category" />
            </Field>
            <Button size="small" style={{ alignSelf: 'flex-start' }} data-testid="load-contacts" onClick={() => onContacts({ mailbox: contactsMailbox.trim() || null, category: category.trim() || null })}>
              {t('recipients.loadContacts')}
            </Button>
          </div>
        </details>
      )}
      {state.reading && (
        <div style={{ marginTop: 8 }} data-testid="recipients-progress">
          <ProgressBar value={state.readingShare > 0 ? state.readingShare : undefined} aria-label={t('recipients.reading', { file: state.reading })} />
          <Caption1>{t('recipients.reading', { file: state.reading })}</Caption1>
        </div>
      )}
      {problem && (
        <MessageBar intent="error" style={{ marginTop: 8 }}>
          <MessageBarBody data-testid="recipients-error">
            {problem.code === 'NO_EMAIL_COLUMN'
              ? t('recipients.noEmailColumn', { file: problem.fileName })
              : problem.code === 'NO_ROWS'
                ? t('recipients.noRows', { file: problem.fileName })
                : problem.code === 'EMPTY_SHEET'
                  ? t('recipients.emptySheet', { file: problem.fileName, sheet: problem.sheet })
                : problem.code === 'NOT_CSV'
                  ? t('recipients.notCsv', { file: problem.fileName })
                  : problem.code === 'CONTACTS_FAILED'
                    ? t('recipients.contactsFailed', { message: problem.message })
                    : t('recipients.parseError', { file: problem.fileName, message: problem.message })}
          </MessageBarBody>
        </MessageBar>
      )}
      {state.workbook && state.workbook.sheets.length > 1 && (
        <Field label={t('recipients.sheet')} style={{ marginTop: 8 }}>
          <Select value={state.sheet ?? ''} onChange={(_, data) => onSheet(data.value)} data-testid="sheet">
            {state.workbook.sheets.map((sheet) => (
              <option key={sheet.name} value={sheet.name}>
                {sheet.name}
              </option>
            ))}
          </Select>
        </Field>
      )}
      {state.list && (
        <div style={{ marginTop: 8, display: 'flex', flexDirection: 'column', gap: 8 }}>
          <Text size={200} data-testid="recipients-summary">
            {t('recipients.loaded', { rows: state.list.rows.length, columns: state.list.columns.length, file: state.list.fileName })}
          </Text>
          <Field label={t('recipients.emailColumn')}>
            <Select value={state.emailColumn ?? ''} onChange={(_, data) => onMapping({ emailColumn: data.value })} data-testid="email-column">
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
              label={t(key === 'ccColumn' ? 'recipients.ccColumn' : key === 'bccColumn' ? 'recipients.bccColumn' : 'recipients.attachmentColumn')}
              hint={key === 'attachmentColumn' ? t('recipients.attachmentHint') : undefined}
            >
              <Select value={state[key] ?? ''} onChange={(_, data) => onMapping({ [key]: data.value === '' ? null : data.value })} data-testid={key === 'ccColumn' ? 'cc-column' : key === 'bccColumn' ? 'bcc-column' : 'attachment-column'}>
                <option value="">{t('recipients.noColumn')}</option>
                {state.list!.columns.map((column) => (
                  <option key={column} value={column}>
                    {column}
                  </option>
                ))}
              </Select>
            </Field>
          ))}
        </div>
      )}
    </section>
  );
}
