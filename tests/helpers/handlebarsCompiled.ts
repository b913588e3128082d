/**
 * The former merge engine: the merge language's translation compiled by Handlebars' own compiler
 * (generated code, `new Function`, which the pages' CSP without 'unsafe-eval' no longer allows), with
 * the helpers the language used to register and values prepared per row as it did. Two readers: the
 * oracle of templateProgram's property test (shared/src/merge/templateProgram.test.ts) and the second
 * baseline of the merge bench (bench/merge.ts). Never part of the product.
 */
import Handlebars from 'handlebars';
import { escapeHtml } from '#shared/html/escapeHtml.js';
import {
  isSafeLinkUrl,
  plainTextValue,
  translateTemplate,
  type MergeRow,
  type RenderedMessage,
} from '#shared/merge/mergeTemplate.js';

export function handlebarsCompiled(
  input: { subject: string; bodyHtml: string },
  columns: readonly string[],
): (row: MergeRow) => RenderedMessage {
  const hb = Handlebars.create();
  const normalise = (value: unknown) => (typeof value === 'string' ? value.trim().toLocaleLowerCase() : '');
  hb.registerHelper('om_fallback', (value: unknown, fallback: unknown) =>
    typeof value === 'string' && value.trim() !== '' ? value : String(fallback),
  );
  hb.registerHelper('om_eq', (value: unknown, expected: unknown) => normalise(value) === normalise(expected));
  hb.registerHelper('om_ne', (value: unknown, expected: unknown) => normalise(value) !== normalise(expected));
  hb.registerHelper('om_url', function (this: unknown, options: Handlebars.HelperOptions) {
    const rendered = options.fn(this);
    return isSafeLinkUrl(rendered) ? rendered : '#';
  });
  const { subject, body, refs } = translateTemplate(input, columns);
  const knownHelpers = { om_fallback: true, om_eq: true, om_ne: true, om_url: true, if: true };
  const subjectTemplate = hb.compile(subject.source, { knownHelpers, knownHelpersOnly: true, noEscape: true });
  const bodyTemplate = hb.compile(body.source, { knownHelpers, knownHelpersOnly: true });
  const runtime = { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false };
  const context = (row: MergeRow, output: (value: string) => string) => {
    const values: Record<string, string> = Object.create(null) as Record<string, string>;
    for (const ref of refs) {
      values[`r${ref.id}`] = row[ref.column] ?? '';
      values[`v${ref.id}`] = output(row[ref.column] ?? '');
    }
    return values;
  };
  return (row) => ({
    subject: plainTextValue(subjectTemplate(context(row, plainTextValue), runtime)).trim(),
    html: bodyTemplate(context(row, escapeHtml), runtime),
  });
}
