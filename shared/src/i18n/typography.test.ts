/**
 * Each catalog is written with its language's typography (issue 16). French puts a narrow no-break
 * space (U+202F) before the high punctuation marks : ; ! ? and inside guillemets « », so that a
 * line never breaks between a word and its mark; English and German put no space before them.
 * A mark counts as punctuation when a space, the end of the message, a closing quote or bracket
 * follows it: the colon of `https://` or of a time is not punctuation.
 */
import { describe, expect, it } from 'vitest';
import { de } from './de.js';
import { en } from './en.js';
import { fr } from './fr.js';

const NARROW_NO_BREAK_SPACE = '\u202f';
const PUNCTUATION = /(.)([:;!?])(?=[\s"'»“)’]|$)/gu;

/** Merge-field syntax shown as code (`syntax.ifValueCode`: `{{#if Pays = "DE"}}`) is typed as it is, not typeset. */
const isCodeSample = (key: string) => key.endsWith('Code');

/** `key: …the mark in context…` for each place the rule finds broken, so a failure names them. */
function broken(catalog: Record<string, string>, find: (text: string) => number[]): string[] {
  return Object.entries(catalog)
    .filter(([key]) => !isCodeSample(key))
    .flatMap(([key, text]) =>
      find(text).map(
        (at) =>
          `${key}: …${text
            .slice(Math.max(0, at - 20), at + 5)
            .replace(/\u202f/g, '⍽')
            .replace(/\u00a0/g, '°')}…`,
      ),
    );
}

describe('French typography', () => {
  it('puts a narrow no-break space before : ; ! ?', () => {
    expect(
      broken(fr, (text) =>
        [...text.matchAll(PUNCTUATION)].filter((m) => m[1] !== NARROW_NO_BREAK_SPACE).map((m) => m.index + 1),
      ),
    ).toEqual([]);
  });

  it('puts a narrow no-break space inside « »', () => {
    expect(broken(fr, (text) => [...text.matchAll(/«(?!\u202f)|(?<!\u202f)»/g)].map((m) => m.index))).toEqual([]);
  });

  it('quotes with « » and writes the apostrophe ’', () => {
    expect(broken(fr, (text) => [...text.matchAll(/["“”„]|\p{L}'\p{L}/gu)].map((m) => m.index))).toEqual([]);
  });

  it('checks what it should: a message with a plain space before the colon is found', () => {
    expect(
      broken({ sample: 'Ligne {row} : adresse non valide' }, (text) =>
        [...text.matchAll(PUNCTUATION)].filter((m) => m[1] !== NARROW_NO_BREAK_SPACE).map((m) => m.index + 1),
      ),
    ).toHaveLength(1);
  });
});

describe('English and German typography', () => {
  it('puts no space before : ; ! ?', () => {
    for (const catalog of [en, de])
      expect(
        broken(catalog, (text) =>
          [...text.matchAll(PUNCTUATION)].filter((m) => /\s/u.test(m[1]!)).map((m) => m.index + 1),
        ),
      ).toEqual([]);
  });

  it('quotes German with „ “, never with straight quotes', () => {
    expect(broken(de, (text) => [...text.matchAll(/["«»]/g)].map((m) => m.index))).toEqual([]);
  });
});
