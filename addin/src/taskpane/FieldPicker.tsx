/**
 * The merge-field picker (M16): a column of the recipient list, optionally a text for empty cells,
 * inserted into the message at the cursor. Columns whose name a field cannot hold are named, with
 * what to do.
 */
import {
  Button,
  Caption1,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Select,
  Subtitle2,
  mergeClasses,
} from '@fluentui/react-components';
import { useState } from 'react';
import { mergeFieldTag } from '#shared/merge/mergeTemplate.js';
import { fieldChoices } from '../campaign/campaignPlanInput.js';
import { useLayout } from '../components/layout.js';
import { useI18n } from '../i18n/I18nProvider.js';

export function FieldPicker(props: {
  /** The recipient list's columns; null before a list is chosen. */
  columns: readonly string[] | null;
  onInsert: (tag: string) => void;
  result: { ok: boolean; text: string } | null;
}) {
  const { t } = useI18n();
  const layout = useLayout();
  const [column, setColumn] = useState('');
  const [fallback, setFallback] = useState('');
  const { usable, unusable } = fieldChoices(props.columns ?? []);
  const chosen = usable.includes(column) ? column : '';
  const tag = chosen ? mergeFieldTag(chosen, fallback) : null;
  const fallbackInvalid = /[{}]/.test(fallback);
  return (
    <section
      aria-labelledby="field-picker"
      className={mergeClasses(layout.topM, layout.stackS)}
      data-testid="field-picker"
    >
      <Subtitle2 as="h3" id="field-picker" className={layout.flush}>
        {t('picker.title')}
      </Subtitle2>
      {props.columns === null ? (
        <Caption1>{t('picker.noList')}</Caption1>
      ) : (
        <>
          <Caption1>{t('picker.hint')}</Caption1>
          <Field label={t('picker.column')}>
            <Select value={chosen} onChange={(_, data) => setColumn(data.value)} data-testid="picker-column">
              <option value="">{t('picker.choose')}</option>
              {usable.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </Select>
          </Field>
          <Field
            label={t('picker.fallback')}
            hint={fallbackInvalid ? undefined : t('picker.fallbackHint')}
            validationMessage={fallbackInvalid ? t('picker.fallbackBraces') : undefined}
          >
            <Input value={fallback} onChange={(_, data) => setFallback(data.value)} data-testid="picker-fallback" />
          </Field>
          <Button
            size="small"
            className={layout.start}
            disabled={tag === null}
            onClick={() => tag && props.onInsert(tag)}
            data-testid="picker-insert"
          >
            {t('picker.insert')}
          </Button>
          {unusable.length > 0 && (
            <Caption1 data-testid="picker-unusable">
              {t('picker.unusable', { count: unusable.length, columns: unusable.join(', ') })}
            </Caption1>
          )}
          {props.result && (
            <MessageBar intent={props.result.ok ? 'success' : 'error'} layout="multiline">
              <MessageBarBody data-testid="picker-result">{props.result.text}</MessageBarBody>
            </MessageBar>
          )}
        </>
      )}
    </section>
  );
}
