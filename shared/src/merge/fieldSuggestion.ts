/**
 * "Did you mean": the column a misspelt merge field most likely names.
 *
 * The distance is the optimal string alignment distance (Levenshtein plus the swap of two
 * neighbouring letters, "Frist" → "First", as one edit): about twenty lines, so written here
 * rather than taken from a package (fastest-levenshtein is in node_modules only as webpack-cli's
 * dependency, and plain Levenshtein counts a swap as two edits).
 */

/** Edits (insert, delete, replace, swap of neighbours) that turn `a` into `b`; stops counting above `limit`. */
export function editDistance(a: string, b: string, limit = Number.POSITIVE_INFINITY): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  // Three rows of the dynamic-programming table: two back are needed for the swap.
  let before = new Array<number>(b.length + 1).fill(0);
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  let current = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMinimum = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, before[j - 2]! + 1);
      current[j] = value;
      rowMinimum = Math.min(rowMinimum, value);
    }
    if (rowMinimum > limit) return limit + 1;
    [before, previous, current] = [previous, current, before];
  }
  return previous[b.length]!;
}

/** A name as people mistype it: case, accents, spaces, underscores, hyphens and dots do not count. */
function looseKey(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLocaleLowerCase()
    .replace(/[\s_.-]+/g, '');
}

/** How many edits still count as a misspelling, by the length of the name: short names allow fewer. */
function tolerance(length: number): number {
  return length <= 3 ? 1 : length <= 8 ? 2 : 3;
}

/**
 * The column `field` most likely means, or null when none is close: the fewest edits within the
 * tolerance for the name's length, the earlier column on a tie. A column equal to the field once
 * case, accents and separators are ignored ("FirstName" for "First Name") is always suggested.
 */
export function suggestColumn(field: string, columns: readonly string[]): string | null {
  const wanted = looseKey(field);
  if (wanted === '') return null;
  const limit = tolerance(wanted.length);
  let best: { column: string; distance: number } | null = null;
  for (const column of columns) {
    const distance = editDistance(wanted, looseKey(column), best ? Math.min(limit, best.distance - 1) : limit);
    if (distance <= limit && (!best || distance < best.distance)) best = { column, distance };
    if (best?.distance === 0) break;
  }
  return best?.column ?? null;
}
