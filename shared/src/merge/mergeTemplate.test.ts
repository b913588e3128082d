import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { appendToBody, compileTemplate, isSafeLinkUrl, type CompiledTemplate } from './mergeTemplate.js';

function compile(subject: string, bodyHtml: string, columns: string[]): CompiledTemplate {
  const result = compileTemplate({ subject, bodyHtml }, columns);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.template;
}

describe('compileTemplate', () => {
  it('fills fields by column name, tolerant of case and spacing, with spaces and accents', () => {
    const template = compile('Hello {{first name}}', '<p>{{Prénom}} / {{ First   Name }}</p>', ['First Name', 'Prénom']);
    expect(template.render({ 'First Name': 'Anna', Prénom: 'Zoé' })).toEqual({ subject: 'Hello Anna', html: '<p>Zoé / Anna</p>' });
    expect(template.fields.map((f) => f.column)).toEqual(['First Name', 'Prénom']);
  });

  it('uses the fallback for empty cells', () => {
    const template = compile('', '<p>Hi {{Name | "there"}}, {{Team|friends}}</p>', ['Name', 'Team']);
    expect(template.render({ Name: ' ', Team: '' }).html).toBe('<p>Hi there, friends</p>');
    expect(template.render({ Name: 'Bob', Team: 'Ops' }).html).toBe('<p>Hi Bob, Ops</p>');
  });

  it('supports if/else on emptiness and on a value', () => {
    const template = compile('', '{{#if Company}}at {{Company}}{{else}}solo{{/if}}; {{#if Country = "FR"}}Bonjour{{else}}Hello{{/if}}; {{#if Country != fr}}x{{/if}}', ['Company', 'Country']);
    expect(template.render({ Company: 'Contoso', Country: 'fr' }).html).toBe('at Contoso; Bonjour; ');
    expect(template.render({ Company: '', Country: 'DE' }).html).toBe('solo; Hello; x');
  });

  it('reads fields that the editor split with markup', () => {
    const template = compile('', '<p>Dear {<span>{</span><b>First</b>&nbsp;Name}}</p>', ['First Name']);
    expect(template.render({ 'First Name': 'Anna' }).html).toBe('<p>Dear Anna</p>');
  });

  it('reports unknown fields with their position before anything is rendered', () => {
    const result = compileTemplate({ subject: 'Hi {{Nmae}}', bodyHtml: '<p>a</p>\n<p>{{Company}} {{Cuntry}}</p>' }, ['Name', 'Company']);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      { code: 'UNKNOWN_FIELD', part: 'subject', line: 1, column: 4, tag: '{{Nmae}}', field: 'Nmae' },
      { code: 'UNKNOWN_FIELD', part: 'body', line: 2, column: 16, tag: '{{Cuntry}}', field: 'Cuntry' },
    ]);
  });

  it('refuses raw (unescaped) output, partials and unbalanced conditions', () => {
    const raw = compileTemplate({ subject: '', bodyHtml: '{{{Name}}}' }, ['Name']);
    expect(!raw.ok && raw.problems[0]?.code).toBe('UNSUPPORTED_TAG');
    const partial = compileTemplate({ subject: '', bodyHtml: '{{> evil}}' }, ['Name']);
    expect(!partial.ok && partial.problems[0]?.code).toBe('UNSUPPORTED_TAG');
    const unbalanced = compileTemplate({ subject: '', bodyHtml: 'a\n{{#if Name}}x' }, ['Name']);
    expect(!unbalanced.ok && unbalanced.problems[0]).toMatchObject({ code: 'SYNTAX_ERROR', part: 'body' });
  });

  it('lists used fields without fallback that are empty in a row', () => {
    const template = compile('{{Name}}', '{{Company | n/a}} {{Name}} {{#if City}}{{/if}}', ['Name', 'Company', 'City']);
    expect(template.emptyFields({ Name: '', Company: '', City: '' })).toEqual(['Name']);
  });

  it('works whatever the columns are called', () => {
    const template = compile('', '{{this}} {{constructor}} {{a]b}}', ['this', 'constructor', 'a]b']);
    expect(template.render({ this: '1', constructor: '2', 'a]b': '3' }).html).toBe('1 2 3');
  });

  it('puts the footer before </body> when there is one', () => {
    const template = compile('', '<html><body><p>Hi</p></body></html>', []);
    expect(template.render({}, { footerHtml: '<div>F</div>' }).html).toBe('<html><body><p>Hi</p><div>F</div></body></html>');
    expect(appendToBody('<p>x</p>', '<i>f</i>')).toBe('<p>x</p><i>f</i>');
  });

  it('escapes every value in the body: no markup or script can be injected (property)', () => {
    const template = compile('{{V}}', '<p title="{{V}}">{{V}}</p>', ['V']);
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (value) => {
        const { html } = template.render({ V: value });
        const inner = html.slice('<p title="'.length, html.length - '</p>'.length).replace('">', '');
        expect(inner).not.toMatch(/[<>"'`]/);
        expect(html.match(/</g)?.length).toBe(2);
        expect(html.match(/"/g)?.length).toBe(2);
      }),
    );
  });

  it('never lets a value add a line to the subject (property)', () => {
    const template = compile('Re: {{V}} {{W | x}}', '', ['V', 'W']);
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), (v, w) => {
        expect(template.render({ V: v, W: w }).subject).not.toMatch(/[\r\n\u2028\u2029\0]/);
      }),
    );
  });

  it('never lets a merged value make a link or source that runs script: javascript:, data:, vbscript: become "#" (property)', () => {
    const template = compile('', '<a href="{{V}}">x</a><img src=\'{{V}}\'>', ['V']);
    const dangerous = fc.constantFrom('javascript:', 'JaVaScRiPt:', ' \t\njava\tscript:', '\u0000javascript:', 'data:text/html,', 'vbscript:', 'javascript://x%0a', 'http:', 'https://', 'mailto:', 'tel:', '//', '', 'java', 'script:');
    fc.assert(
      fc.property(fc.array(fc.oneof(dangerous, fc.string({ unit: 'binary', maxLength: 8 })), { maxLength: 4 }), (parts) => {
        const value = parts.join('');
        const { html } = template.render({ V: value });
        const [, href = '', src = ''] = /^<a href="([^"]*)">x<\/a><img src='([^']*)'>$/.exec(html) ?? [];
        for (const attribute of [href, src]) {
          if (attribute === '#') continue;
          // The browser decodes the escaped value back to the merged one, then parses it as a URL (WHATWG, as Node's URL does).
          // Not an address at all (the parser refuses it): a dead link.
          const protocol = URL.canParse(value, 'https://outmerge.example/') ? new URL(value, 'https://outmerge.example/').protocol : null;
          if (protocol !== null) expect(['http:', 'https:', 'mailto:', 'tel:']).toContain(protocol);
        }
      }),
    );
  });

  it('checks the address a link attribute makes from several fields and the text around them, and leaves safe ones alone', () => {
    const template = compile('', '<a title="{{A}}" HREF="{{A}}&#58;{{B}}">x</a> <a href="https://shop.example/?ref={{A}}">y</a>', ['A', 'B']);
    expect(template.render({ A: 'javascript', B: 'alert(1)' }).html).toBe('<a title="javascript" HREF="#">x</a> <a href="https://shop.example/?ref=javascript">y</a>');
    expect(template.render({ A: 'https', B: '//fine.example/p' }).html).toBe('<a title="https" HREF="https&#58;//fine.example/p">x</a> <a href="https://shop.example/?ref=https">y</a>');
    expect(isSafeLinkUrl('java&#x09;script:alert(1)')).toBe(false);
    expect(isSafeLinkUrl('javascript&colon;alert(1)')).toBe(false);
    expect(isSafeLinkUrl('page.html?a=1&amp;b=2')).toBe(true);
    expect(isSafeLinkUrl('mailto:anna@contoso.com')).toBe(true);
  });
});
