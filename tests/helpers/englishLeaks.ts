/**
 * English left in a French or German text (issue 16): every piece of an English catalog message
 * of at least three words and sixteen characters, between its parameters and plural syntax, found
 * word for word in the text; and English's commonest short words, which catch text that never went
 * through a catalog (a hard-coded label, an error message the server wrote in English). Spaces of
 * every kind count as one, so French's narrow no-break spaces do not hide a match.
 */
import { en } from '#shared/i18n/en.js';

const normalise = (text: string) => text.replace(/\s+/gu, ' ').trim();

/** Literal runs of an English message: `{name}`, `{name, number}`, `#` and `{x, plural, one {…} …}` cut it into pieces. */
export function literalPieces(message: string): string[] {
  return message
    .replace(/\{\w+(, \w+)?\}/g, '\0')
    .replace(/\{\w+, (plural|select|selectordinal),/g, '\0')
    .replace(/(zero|one|two|few|many|other|=\d+) \{/g, '\0')
    .replace(/[{}#]/g, '\0')
    .split('\0')
    .map(normalise)
    .filter((piece) => piece.split(' ').length >= 3 && piece.length >= 16);
}

const PIECES: ReadonlyArray<{ key: string; piece: string }> = Object.entries(en).flatMap(([key, message]) =>
  literalPieces(message).map((piece) => ({ key, piece })),
);

/** Words French and German never use on their own: a sentence of English shows several. */
const ENGLISH_WORDS = [
  'the',
  'your',
  'you',
  'with',
  'and',
  'this',
  'that',
  'from',
  'for',
  'of',
  'is',
  'are',
  'to',
  'by',
];
const ENGLISH_WORD = new RegExp(
  `(?<![\\p{L}\\p{N}@.\\-_/])(${ENGLISH_WORDS.join('|')})(?![\\p{L}\\p{N}@\\-_/])`,
  'giu',
);

/**
 * What is English in `text`: catalog pieces (with their key) and English words in their context;
 * `moreWords`: English words a kind of document would show when not translated (an invoice's
 * "seats", "monthly"), too short or too common to look for everywhere.
 */
export function englishIn(text: string, moreWords: readonly string[] = []): string[] {
  const flat = normalise(text);
  const found = PIECES.filter(({ piece }) => flat.includes(piece)).map(({ key, piece }) => `"${piece}" (${key})`);
  const words =
    moreWords.length === 0
      ? ENGLISH_WORD
      : new RegExp(
          `(?<![\\p{L}\\p{N}@.\\-_/])(${[...ENGLISH_WORDS, ...moreWords].join('|')})(?![\\p{L}\\p{N}@\\-_/])`,
          'giu',
        );
  for (const match of flat.matchAll(words))
    found.push(`"${flat.slice(Math.max(0, match.index - 30), match.index + 30)}" (the word "${match[1]}")`);
  return found;
}
