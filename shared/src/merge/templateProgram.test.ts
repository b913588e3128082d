import fc from 'fast-check';
import Handlebars from 'handlebars';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { escapeHtml } from '../html/escapeHtml.js';
import { compileTemplate } from './mergeTemplate.js';
import { compileProgram, UnsupportedNode } from './templateProgram.js';
// The former engine (Handlebars' own compiler) is the oracle.
import { handlebarsCompiled } from '../../../tests/helpers/handlebarsCompiled.js';

const COLUMNS = ['Name', 'Company', 'Country', 'Url'];
const field = fc.constantFrom(...COLUMNS, 'name', ' COUNTRY ');
const cellValue = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    'FR',
    'fr ',
    'Smith & Sons',
    '<b>x</b>',
    "O'Brien",
    'javascript:alert(1)',
    'https://a.example/?a=1&b=2',
    '{{Name}}',
    'a\nb',
  ),
  fc.string({ unit: 'binary', maxLength: 12 }),
);
const text = fc.constantFrom(
  '',
  'Hi ',
  ' and ',
  '\n',
  '  \n',
  '<p>',
  '</p>',
  '<a href="',
  '">link</a>',
  '<img src=',
  ' alt=x>',
  ' = ',
  '&amp;',
  '\\',
);

/** Templates in the merge language: text, fields, fallbacks, conditions (nested), link attributes. */
const template: fc.Arbitrary<string> = fc.letrec<{ piece: string; pieces: string }>((tie) => ({
  piece: fc.oneof(
    { depthSize: 'small' },
    text,
    field.map((f) => `{{${f}}}`),
    fc.tuple(field, fc.constantFrom('there', '"dear friend"', '')).map(([f, fallback]) => `{{${f} | ${fallback}}}`),
    fc
      .tuple(field, fc.constantFrom('', ' = "FR"', ' != fr', ' = ""'), tie('pieces'), fc.option(tie('pieces')))
      .map(
        ([f, test, then, otherwise]) =>
          `{{#if ${f}${test}}}${then}${otherwise === null ? '' : `{{else}}${otherwise}`}{{/if}}`,
      ),
    tie('pieces').map((inside) => `<a href="${inside.replace(/"/g, '')}">x</a>`),
  ),
  pieces: fc.array(tie('piece'), { maxLength: 4 }).map((parts) => parts.join('')),
})).pieces;

describe('templateProgram: Handlebars source run without generated code', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('renders exactly what Handlebars’ own compiler renders, for any template of the merge language and any row (property)', () => {
    fc.assert(
      fc.property(
        template,
        template,
        fc.array(fc.tuple(...COLUMNS.map(() => cellValue)), { minLength: 1, maxLength: 3 }),
        (subject, bodyHtml, rows) => {
          const compiled = compileTemplate({ subject: subject.replace(/\n/g, ' '), bodyHtml }, COLUMNS);
          if (!compiled.ok) return;
          const oracle = handlebarsCompiled({ subject: subject.replace(/\n/g, ' '), bodyHtml }, COLUMNS);
          for (const cells of rows) {
            const row = Object.fromEntries(COLUMNS.map((column, i) => [column, cells[i]!]));
            expect(compiled.template.render(row)).toEqual(oracle(row));
          }
        },
      ),
      { numRuns: 400 },
    );
  }, 30_000);

  it('follows Handlebars’ whitespace control: a condition alone on its line leaves no blank line', () => {
    const compiled = compileTemplate(
      { subject: '', bodyHtml: 'Hello\n{{#if Company}}\n  at {{Company}}\n{{/if}}\nBye' },
      ['Company'],
    );
    if (!compiled.ok) throw new Error('did not compile');
    expect(compiled.template.render({ Company: 'Contoso' }).html).toBe('Hello\n  at Contoso\nBye');
    expect(compiled.template.render({ Company: '' }).html).toBe('Hello\nBye');
  });

  it("compiles and renders with eval and the Function constructor gone, as under a CSP without 'unsafe-eval'", () => {
    const refuse = () => {
      throw new EvalError('Refused to evaluate a string as JavaScript');
    };
    vi.stubGlobal('Function', new Proxy(Function, { construct: refuse, apply: refuse }));
    vi.stubGlobal('eval', refuse);
    // The control: Handlebars' compiler needs what was taken away.
    expect(() => Handlebars.compile('{{a}}')({ a: 1 })).toThrow(EvalError);
    const compiled = compileTemplate(
      { subject: 'Hi {{Name}}', bodyHtml: '<p>{{#if Company}}{{Company}}{{else}}{{Name | you}}{{/if}}</p>' },
      ['Name', 'Company'],
    );
    if (!compiled.ok) throw new Error('did not compile');
    expect(compiled.template.render({ Name: 'Anna', Company: 'Smith & Sons' })).toEqual({
      subject: 'Hi Anna',
      html: '<p>Smith &amp; Sons</p>',
    });
  });

  it('refuses what the merge language never translates to: partials, other helpers, paths, data, hashes', () => {
    const options = {
      slotOf: (id: string) => (id === 'c0' ? 0 : undefined),
      escape: escapeHtml,
      isSafeUrl: () => true,
      normalise: (v: string) => v,
    };
    for (const source of [
      '{{> header}}',
      '{{#each rc0}}x{{/each}}',
      '{{{this.vc0}}}',
      '{{{../vc0}}}',
      '{{@index}}',
      '{{om_fallback rc0 "a" b=1}}',
      '{{lookup rc0 "x"}}',
      '{{{vc9}}}',
      '{{#if rc0 rc0}}x{{/if}}',
      '{{!-- note --}}',
      '{{#om_url}}a{{else}}b{{/om_url}}',
    ]) {
      expect(() => compileProgram(source, options), source).toThrow(UnsupportedNode);
    }
    expect(() => compileProgram('{{#if rc0}}x{{/om_url}}', options)).toThrow(/doesn't match/);
  });
});
