/** A whole number typed in a form field, within [min, max]; null for anything else (blank, decimals, signs, out of range). */
export function wholeNumberIn(text: string, min: number, max: number): number | null {
  const value = Number(text);
  return /^\d+$/.test(text.trim()) && value >= min && value <= max ? value : null;
}
