import { describe, expect, it } from 'vitest';
import { toCsv, toCsvRows } from './toCsv.js';

describe('toCsv in parts', () => {
  it('gives the same file whether its rows are written at once or a slice at a time', () => {
    const header = ['Row', 'Subject'];
    const rows = [
      [2, 'Hello, "Ann"'],
      [3, '=HYPERLINK("x")'],
      [4, null],
      [5, 'line\nbreak'],
    ] as const;
    expect(
      toCsv(header, rows.slice(0, 1)) + toCsvRows(rows.slice(1, 3)) + toCsvRows([]) + toCsvRows(rows.slice(3)),
    ).toBe(toCsv(header, rows));
    expect(toCsv(header, rows)).toContain(`3,"'=HYPERLINK(""x"")"`);
  });
});
