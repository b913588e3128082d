import { describe, expect, it } from 'vitest';
import { htmlReaderText, plainReaderText, surroundings } from './readerText.js';

describe('htmlReaderText', () => {
  it('keeps the words a reader sees: no markup, style sheets, scripts or comments; decoded references; blanks collapsed', () => {
    const html =
      '<html><head><title>T</title><style>p{color:red}</style></head><body><!-- note --><p>Dear&nbsp;<b>Anna</b>,</p>\n\n<div>see&#32;you &amp; yours&hellip;</div><script>x()</script><br>end &unknown;</body></html>';
    expect(htmlReaderText(html).text).toBe('Dear Anna, see you & yours… end &unknown;');
  });

  it('maps a place in the source to the same place in the text', () => {
    const html = '<p class="x">Hello <i>dear</i> {{Name}}</p>';
    const reader = htmlReaderText(html);
    const at = html.indexOf('{{Name}}');
    expect(reader.text.slice(reader.offsetOf(at))).toBe('{{Name}} ');
    expect(reader.offsetOf(0)).toBe(0);
    expect(reader.offsetOf(html.length)).toBe(reader.text.length);
  });
});

describe('surroundings', () => {
  it('gives a few words on each side, cut at word boundaries with "…" where the text goes on', () => {
    const text =
      'We are very glad to invite you and all of your colleagues, {{Frist Name}}, to our open day in March at the Paris office.';
    const start = text.indexOf('{{');
    const end = text.indexOf('}}') + 2;
    expect(surroundings(plainReaderText(text), start, end)).toEqual({
      before: '…and all of your colleagues, ',
      after: ', to our open day in March at…',
    });
  });

  it('gives everything when the text is short', () => {
    expect(surroundings(plainReaderText('Hi {{X}}!'), 3, 8)).toEqual({ before: 'Hi ', after: '!' });
  });
});
