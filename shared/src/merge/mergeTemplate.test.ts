import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  appendToBody,
  compileTemplate,
  isMergeFieldName,
  isSafeLinkUrl,
  mergeFieldTag,
  type CompiledTemplate,
} from './mergeTemplate.js';

function compile(subject: string, bodyHtml: string, columns: string[]): CompiledTemplate {
  const result = compileTemplate({ subject, bodyHtml }, columns);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.template;
}

describe('compileTemplate', () => {
  it('fills fields by column name, tolerant of case and spacing, with spaces and accents', () => {
    const template = compile('Hello {{first name}}', '<p>{{Prénom}} / {{ First   Name }}</p>', [
      'First Name',
      'Prénom',
    ]);
    expect(template.render({ 'First Name': 'Anna', Prénom: 'Zoé' })).toEqual({
      subject: 'Hello Anna',
      html: '<p>Zoé / Anna</p>',
    });
    expect(template.fields.map((f) => f.column)).toEqual(['First Name', 'Prénom']);
  });

  it('uses the fallback for empty cells', () => {
    const template = compile('', '<p>Hi {{Name | "there"}}, {{Team|friends}}</p>', ['Name', 'Team']);
    expect(template.render({ Name: ' ', Team: '' }).html).toBe('<p>Hi there, friends</p>');
    expect(template.render({ Name: 'Bob', Team: 'Ops' }).html).toBe('<p>Hi Bob, Ops</p>');
  });

  it('supports if/else on emptiness and on a value', () => {
    const template = compile(
      '',
      '{{#if Company}}at {{Company}}{{else}}solo{{/if}}; {{#if Country = "FR"}}Bonjour{{else}}Hello{{/if}}; {{#if Country != fr}}x{{/if}}',
      ['Company', 'Country'],
    );
    expect(template.render({ Company: 'Contoso', Country: 'fr' }).html).toBe('at Contoso; Bonjour; ');
    expect(template.render({ Company: '', Country: 'DE' }).html).toBe('solo; Hello; x');
  });

  it('reads fields that the editor split with markup', () => {
    const template = compile('', '<p>Dear {<span>{</span><b>First</b>&nbsp;Name}}</p>', ['First Name']);
    expect(template.render({ 'First Name': 'Anna' }).html).toBe('<p>Dear Anna</p>');
  });

  it('reports unknown fields with the words around them and the column they probably mean, before anything is rendered', () => {
    const result = compileTemplate({ subject: 'Hi {{Nmae}}', bodyHtml: '<p>a</p>\n<p>{{Company}} {{Cuntry}}</p>' }, [
      'Name',
      'Company',
      'Country',
    ]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      {
        code: 'UNKNOWN_FIELD',
        part: 'subject',
        tag: '{{Nmae}}',
        before: 'Hi ',
        after: '',
        field: 'Nmae',
        suggestion: 'Name',
      },
      {
        code: 'UNKNOWN_FIELD',
        part: 'body',
        tag: '{{Cuntry}}',
        before: 'a {{Company}} ',
        after: '',
        field: 'Cuntry',
        suggestion: 'Country',
      },
    ]);
  });

  it('points at the field in the text the reader sees, not in the markup Outlook writes before it', () => {
    const outlookHtml =
      '<html><head><style><!-- p.MsoNormal {margin:0cm; font-family:"Calibri",sans-serif;} --></style></head><body lang="EN-GB"><div class="WordSection1"><p class="MsoNormal">Dear&nbsp;<b>{{Frist Name}}</b>, we are glad to invite you and your whole team to our open day in March.</p></div></body></html>';
    const result = compileTemplate({ subject: '', bodyHtml: outlookHtml }, ['First Name', 'Email']);
    expect(!result.ok && result.problems).toEqual([
      {
        code: 'UNKNOWN_FIELD',
        part: 'body',
        tag: '{{Frist Name}}',
        before: 'Dear ',
        after: ', we are glad to invite you and…',
        field: 'Frist Name',
        suggestion: 'First Name',
      },
    ]);
  });

  it('suggests nothing when no column is close', () => {
    const result = compileTemplate({ subject: '{{Department}}', bodyHtml: '' }, ['Name', 'Email']);
    expect(!result.ok && result.problems[0]).toMatchObject({ code: 'UNKNOWN_FIELD', field: 'Department' });
    expect(!result.ok && result.problems[0]?.suggestion).toBeUndefined();
  });

  it('refuses raw (unescaped) output and partials', () => {
    const raw = compileTemplate({ subject: '', bodyHtml: '{{{Name}}}' }, ['Name']);
    expect(!raw.ok && raw.problems[0]?.code).toBe('UNSUPPORTED_TAG');
    const partial = compileTemplate({ subject: '', bodyHtml: '{{> evil}}' }, ['Name']);
    expect(!partial.ok && partial.problems[0]?.code).toBe('UNSUPPORTED_TAG');
  });

  it('names the condition that is not closed, the else and the end that belong to none, where they are', () => {
    const unclosed = compileTemplate({ subject: '', bodyHtml: '<p>Hello</p>\n<p>{{#if Name}}dear {{Name}}</p>' }, [
      'Name',
    ]);
    expect(!unclosed.ok && unclosed.problems).toEqual([
      { code: 'UNCLOSED_CONDITION', part: 'body', tag: '{{#if Name}}', before: 'Hello ', after: 'dear {{Name}}' },
    ]);
    const stray = compileTemplate(
      { subject: 'A {{/if}} B', bodyHtml: 'x {{else}} y {{#if Name}}1{{else}}2{{else}}3{{/if}}' },
      ['Name'],
    );
    expect(!stray.ok && stray.problems.map((p) => [p.code, p.part, p.before, p.after])).toEqual([
      ['UNEXPECTED_END', 'subject', 'A ', ' B'],
      ['UNEXPECTED_ELSE', 'body', 'x ', ' y {{#if…'],
      ['UNEXPECTED_ELSE', 'body', '…y {{#if Name}}1{{else}}2', '3{{/if}}'],
    ]);
    // A refused condition still pairs with its end: one problem, not two.
    const refused = compileTemplate({ subject: '', bodyHtml: '{{#if @root}}x{{/if}}' }, ['Name']);
    expect(!refused.ok && refused.problems.map((p) => p.code)).toEqual(['UNSUPPORTED_TAG']);
  });

  it('builds the merge field the picker inserts, with a fallback, only for columns a field can name', () => {
    expect(mergeFieldTag('First Name')).toBe('{{First Name}}');
    expect(mergeFieldTag(' Prénom ', ' there ')).toBe('{{Prénom | there}}');
    expect(mergeFieldTag('a=b')).toBeNull();
    expect(mergeFieldTag('#id')).toBeNull();
    expect(mergeFieldTag('Name', 'a}}b')).toBeNull();
    expect(isMergeFieldName('Email')).toBe(true);
    expect(isMergeFieldName('"quoted"')).toBe(false);
    // What the picker builds compiles against the list and reads its column.
    const tag = mergeFieldTag('Company', 'your team') ?? '';
    expect(compile('', tag, ['Company']).render({ Company: '' }).html).toBe('your team');
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
    expect(template.render({}, { footerHtml: '<div>F</div>' }).html).toBe(
      '<html><body><p>Hi</p><div>F</div></body></html>',
    );
    expect(appendToBody('<p>x</p>', '<i>f</i>')).toBe('<p>x</p><i>f</i>');
  });

  // A hundred random values, each rendered and checked: about 4 s alone, more on a busy machine (hence the time allowed).
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
  }, 30_000);

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
    const dangerous = fc.constantFrom(
      'javascript:',
      'JaVaScRiPt:',
      ' \t\njava\tscript:',
      '\u0000javascript:',
      'data:text/html,',
      'vbscript:',
      'javascript://x%0a',
      'http:',
      'https://',
      'mailto:',
      'tel:',
      '//',
      '',
      'java',
      'script:',
    );
    fc.assert(
      fc.property(
        fc.array(fc.oneof(dangerous, fc.string({ unit: 'binary', maxLength: 8 })), { maxLength: 4 }),
        (parts) => {
          const value = parts.join('');
          const { html } = template.render({ V: value });
          const [, href = '', src = ''] = /^<a href="([^"]*)">x<\/a><img src='([^']*)'>$/.exec(html) ?? [];
          for (const attribute of [href, src]) {
            if (attribute === '#') continue;
            // The browser decodes the escaped value back to the merged one, then parses it as a URL (WHATWG, as Node's URL does).
            // Not an address at all (the parser refuses it): a dead link.
            const protocol = URL.canParse(value, 'https://outmerge.example/')
              ? new URL(value, 'https://outmerge.example/').protocol
              : null;
            if (protocol !== null) expect(['http:', 'https:', 'mailto:', 'tel:']).toContain(protocol);
          }
        },
      ),
    );
  });

  it('checks the address a link attribute makes from several fields and the text around them, and leaves safe ones alone', () => {
    const template = compile(
      '',
      '<a title="{{A}}" HREF="{{A}}&#58;{{B}}">x</a> <a href="https://shop.example/?ref={{A}}">y</a>',
      ['A', 'B'],
    );
    expect(template.render({ A: 'javascript', B: 'alert(1)' }).html).toBe(
      '<a title="javascript" HREF="#">x</a> <a href="https://shop.example/?ref=javascript">y</a>',
    );
    expect(template.render({ A: 'https', B: '//fine.example/p' }).html).toBe(
      '<a title="https" HREF="https&#58;//fine.example/p">x</a> <a href="https://shop.example/?ref=https">y</a>',
    );
    expect(isSafeLinkUrl('java&#x09;script:alert(1)')).toBe(false);
    expect(isSafeLinkUrl('javascript&colon;alert(1)')).toBe(false);
    expect(isSafeLinkUrl('page.html?a=1&amp;b=2')).toBe(true);
    expect(isSafeLinkUrl('mailto:anna@contoso.com')).toBe(true);
  });
});
