/** Hands a file to the browser to save, as a download: the pane's CSV exports and the portal's. */
export function saveFile(fileName: string, content: Blob): void {
  const url = URL.createObjectURL(content);
  const link = Object.assign(document.createElement('a'), { href: url, download: fileName });
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started from the URL by then; keeping it a little longer costs nothing.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** `csv`: the file's text, or its parts in order (a long export written a slice at a time). */
export function saveCsv(fileName: string, csv: string | readonly string[]): void {
  saveFile(fileName, new Blob(typeof csv === 'string' ? [csv] : [...csv], { type: 'text/csv;charset=utf-8' }));
}
