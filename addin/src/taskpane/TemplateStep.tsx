import {
  Button,
  Caption1,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Text,
  mergeClasses,
} from '@fluentui/react-components';
import type { Draft } from '../host/mailHost.js';
import { useLayout } from '../components/layout.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { DraftNotices } from './DraftNotices.js';
import { FieldPicker } from './FieldPicker.js';
import { StepHeading } from './StepHeading.js';
import { SyntaxHelp } from './SyntaxHelp.js';

export function TemplateStep(props: {
  draft: Draft | null;
  error: string | null;
  fields: string[];
  onReload: () => void;
  /** The shared mailbox the message's From names, or null for the sender's own. */
  mailbox: string | null;
  /** Typed by the sender where the host cannot read the message's From. */
  fallbackFrom: string;
  /** The sender only matters once signed in (the playground knows its mailbox only then). */
  signedIn: boolean;
  onFallbackFrom: (value: string) => void;
  /** The recipient list's columns for the field picker; null before a list is chosen. */
  columns: readonly string[] | null;
  onInsertField: (tag: string) => void;
  insertResult: { ok: boolean; text: string } | null;
}) {
  const { draft, error, fields, onReload } = props;
  const { t } = useI18n();
  const layout = useLayout();
  const empty =
    draft !== null && draft.subject.trim() === '' && draft.bodyHtml.replace(/<[^>]*>|&nbsp;|\s/g, '') === '';
  return (
    <section aria-labelledby="step-template">
      <StepHeading id="step-template" title={t('template.title')} />
      <Caption1 block>{t('template.explain')}</Caption1>
      {error && (
        <MessageBar intent="error">
          <MessageBarBody>{t('template.readError', { message: error })}</MessageBarBody>
        </MessageBar>
      )}
      {empty && (
        <MessageBar intent="warning">
          <MessageBarBody>{t('template.empty')}</MessageBarBody>
        </MessageBar>
      )}
      {draft && !empty && (
        <div className={layout.spacedS}>
          <Text size={200} weight="semibold">
            {t('common.label', { label: t('template.subject') })}{' '}
          </Text>
          <Text size={200} data-testid="draft-subject">
            {draft.subject}
          </Text>
          <div>
            <Text size={200} weight="semibold">
              {t('common.label', { label: t('template.fieldsUsed') })}{' '}
            </Text>
            <Text size={200} data-testid="fields-used">
              {fields.length > 0 ? fields.join(', ') : t('template.noFields')}
            </Text>
          </div>
        </div>
      )}
      <DraftNotices draft={draft} />
      <Button size="small" onClick={onReload}>
        {t('template.reload')}
      </Button>
      <FieldPicker columns={props.columns} onInsert={props.onInsertField} result={props.insertResult} />
      <SyntaxHelp />
      {/* The sender goes with the message: Outlook's From (Mailbox 1.7), or a field where the host cannot tell. */}
      {!props.signedIn ? null : draft?.from ? (
        <div className={mergeClasses(layout.topM, layout.stackXXS)}>
          <Text size={200}>
            <strong>{t('common.label', { label: t('send.fromMessage') })}</strong>{' '}
            <span data-testid="message-from">{draft.from}</span>
            {props.mailbox && ` (${t('send.fromShared')})`}
          </Text>
          <Caption1>{t('send.fromMessageHint')}</Caption1>
        </div>
      ) : (
        draft && (
          <Field label={t('send.fromFallback')} hint={t('send.fromHint')} className={layout.topM}>
            <Input
              type="email"
              value={props.fallbackFrom}
              onChange={(_, data) => props.onFallbackFrom(data.value)}
              placeholder={t('send.fromOwn')}
              data-testid="from-mailbox"
            />
          </Field>
        )
      )}
    </section>
  );
}
