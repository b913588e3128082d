import fc from 'fast-check';
import Handlebars from 'handlebars';
import { describe, expect, it } from 'vitest';
import { escapeHtml, plainTextToHtml } from './escapeHtml.js';

describe('escapeHtml', () => {
  it('escapes exactly as Handlebars escapes merged values', () => {
    const text = fc.string({ unit: fc.constantFrom('a', ' ', '&', '<', '>', '"', "'", '`', '=', 'é', '\n') });
    fc.assert(
      fc.property(text, (value) => {
        expect(escapeHtml(value)).toBe(Handlebars.Utils.escapeExpression(value));
      }),
    );
  });

  it('leaves nothing that could end an attribute value, quoted or not, or open a tag', () => {
    expect(escapeHtml(`x" onmouseover=alert(1) '<b>\``)).toBe(
      'x&quot; onmouseover&#x3D;alert(1) &#x27;&lt;b&gt;&#x60;',
    );
    expect(escapeHtml('O’Brien & Sons')).toBe('O’Brien &amp; Sons');
  });

  it('turns a plain-text body into HTML line by line', () => {
    expect(plainTextToHtml('Hello <Ann>,\r\nsee "a=b"\n\nBob')).toBe(
      'Hello &lt;Ann&gt;,<br>see &quot;a&#x3D;b&quot;<br><br>Bob',
    );
  });
});
