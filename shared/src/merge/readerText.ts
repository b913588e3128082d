/**
 * The text a reader sees in a message, to point at a place in it: a merge problem is shown with a
 * few words around it ("…Dear {{Frist Name}}, we are…"), not at a line and column of the HTML
 * Outlook's editor wrote (style sheets, comments and markup come before the first word).
 *
 * Only for messages to the sender, never for rendering: tags are dropped (block elements and line
 * breaks become a space), the content of style, script, title and comments is left out, character
 * references are decoded where their meaning is plain, and runs of blanks become one space.
 */

const BLOCK = /^(?:p|div|br|li|ul|ol|tr|td|th|table|h[1-6]|blockquote|hr|section|article|header|footer|pre)$/i;
const HIDDEN = /^(?:style|script|title|head|template)$/i;
const NAMED: Record<string, string> = {
  nbsp: ' ',
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  hellip: '…',
  ndash: '–',
  mdash: '—',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  laquo: '«',
  raquo: '»',
  euro: '€',
  shy: '',
};

export interface ReaderText {
  text: string;
  /** The offset in `text` of what stands at `sourceOffset` in the source (the next visible character). */
  offsetOf(sourceOffset: number): number;
}

/** Plain text (a subject) is what the reader sees already. */
export function plainReaderText(text: string): ReaderText {
  return { text, offsetOf: (offset) => Math.max(0, Math.min(offset, text.length)) };
}

function decode(reference: string): string {
  if (reference.startsWith('#')) {
    const code = /^#x/i.test(reference) ? parseInt(reference.slice(2), 16) : parseInt(reference.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
  }
  return NAMED[reference.toLowerCase()] ?? `&${reference};`;
}

/** The visible text of an HTML fragment, with where each source offset lands in it. */
export function htmlReaderText(html: string): ReaderText {
  // Checkpoints: source offset → text offset at the start of each token.
  const sourceAt: number[] = [];
  const textAt: number[] = [];
  let text = '';
  const emit = (sourceOffset: number, value: string) => {
    sourceAt.push(sourceOffset);
    textAt.push(text.length);
    // Blanks collapse as the browser collapses them.
    const collapsed = value.replace(/\s+/g, ' ');
    text += collapsed.startsWith(' ') && (text === '' || text.endsWith(' ')) ? collapsed.slice(1) : collapsed;
  };
  const token =
    /<!--[\s\S]*?(?:-->|$)|<(\/?)([a-zA-Z][\w:-]*)[^>]*>|<[^>]*>|&(#x[0-9a-f]+|#[0-9]+|[a-z][a-z0-9]*);|[^<&]+|[<&]/gi;
  let match: RegExpExecArray | null;
  while ((match = token.exec(html)) !== null) {
    const [whole, closing, name] = match;
    const at = match.index;
    if (whole.startsWith('<!--')) emit(at, '');
    else if (name !== undefined) {
      if (!closing && HIDDEN.test(name)) {
        // Skip to the element's end: its content is not shown.
        const end = html.toLowerCase().indexOf(`</${name.toLowerCase()}`, token.lastIndex);
        token.lastIndex = end === -1 ? html.length : end;
        emit(at, '');
      } else emit(at, BLOCK.test(name) ? ' ' : '');
    } else if (whole.startsWith('<') && whole.length > 1) emit(at, '');
    else if (match[3] !== undefined) emit(at, decode(match[3]));
    else emit(at, whole);
  }
  return {
    text,
    offsetOf(sourceOffset) {
      // The last checkpoint at or before the offset; inside a token, its start.
      let low = 0;
      let high = sourceAt.length - 1;
      let found = -1;
      while (low <= high) {
        const middle = (low + high) >> 1;
        if (sourceAt[middle]! <= sourceOffset) {
          found = middle;
          low = middle + 1;
        } else high = middle - 1;
      }
      if (found === -1) return 0;
      // Inside a run of text, the same distance into it.
      const into = sourceOffset - sourceAt[found]!;
      const next = found + 1 < textAt.length ? textAt[found + 1]! : text.length;
      return Math.min(textAt[found]! + into, next);
    },
  };
}

/** Characters of context shown on each side. */
const CONTEXT = 32;

/**
 * A few words before and after the span [start, end) of the source, cut at word boundaries and
 * marked with "…" where the text goes on.
 */
export function surroundings(reader: ReaderText, start: number, end: number): { before: string; after: string } {
  const { text } = reader;
  const from = reader.offsetOf(start);
  const to = Math.max(from, reader.offsetOf(end));
  let before = text.slice(Math.max(0, from - CONTEXT), from);
  if (from > CONTEXT) before = `…${before.replace(/^\S*\s/, '')}`;
  let after = text.slice(to, to + CONTEXT);
  if (to + CONTEXT < text.length) after = `${after.replace(/\s\S*$/, '')}…`;
  return { before: before.trimStart(), after: after.trimEnd() };
}
