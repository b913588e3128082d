import { describe, expect, it } from 'vitest';
import { builtFilePath, OUTLOOK_FRAME_ANCESTORS, staticFileHeaders, withFrameAncestors } from './pageHeaders.js';

describe('headers of the built files', () => {
  it('lets Outlook frame the task pane, and nothing else', () => {
    expect(staticFileHeaders('taskpane.html').frameAncestors).toEqual(["'self'", ...OUTLOOK_FRAME_ANCESTORS]);
    expect(staticFileHeaders('auth-dialog.html').frameAncestors).toEqual(["'self'", ...OUTLOOK_FRAME_ANCESTORS]);
    for (const page of ['portal.html', 'index.html', 'playground.html', 'privacy.html', 'assets/icon-80.png'])
      expect(staticFileHeaders(page).frameAncestors).toBeNull();
  });

  it("allows the new Outlook's cloud.microsoft origins, which *.microsoft.com does not match", () => {
    expect(OUTLOOK_FRAME_ANCESTORS).toContain('https://*.cloud.microsoft');
    expect(OUTLOOK_FRAME_ANCESTORS).toEqual(
      expect.arrayContaining(['https://outlook.office.com', 'https://outlook.office365.com']),
    );
    expect(OUTLOOK_FRAME_ANCESTORS.every((source) => source.startsWith('https://'))).toBe(true);
  });

  it('lets other origins load the icons, scripts and the pane, and keeps the other pages same-origin', () => {
    for (const file of ['assets/icon-16.png', 'assets/icon-color-192.png', 'js/taskpane.1a2b3c4d.js', 'taskpane.html'])
      expect(staticFileHeaders(file).resourcePolicy).toBe('cross-origin');
    for (const file of ['portal.html', 'index.html', 'playground.html'])
      expect(staticFileHeaders(file).resourcePolicy).toBe('same-origin');
  });

  it('sends no opener policy on the pages a sign-in popup returns to, or that Outlook hosts', () => {
    expect(staticFileHeaders('portal.html').openerPolicy).toBe(false);
    expect(staticFileHeaders('taskpane.html').openerPolicy).toBe(false);
    expect(staticFileHeaders('auth-dialog.html').openerPolicy).toBe(false);
    expect(staticFileHeaders('index.html').openerPolicy).toBe(true);
    expect(staticFileHeaders('playground.html').openerPolicy).toBe(true);
  });

  it('lets browsers keep the content-hashed scripts, and revalidate everything else', () => {
    for (const file of ['js/taskpane.1a2b3c4d.js', 'js/850.3040f597.js', 'js/portal.0123abcd.js.map'])
      expect(staticFileHeaders(file).cacheControl).toBe('public, max-age=31536000, immutable');
    for (const file of [
      'taskpane.html',
      'index.html',
      'assets/icon-80.png',
      'js/taskpane.js',
      'js/taskpane.1a2b3c4.js',
      'js/taskpane.1A2B3C4D.js',
      'js/nested/x.1a2b3c4d.js',
      'taskpane.1a2b3c4d.js',
    ]) {
      expect(staticFileHeaders(file).cacheControl, file).toBe('public, max-age=0');
    }
  });

  it('gives a precompressed copy the headers of the file it was made of', () => {
    expect(builtFilePath('taskpane.html.br')).toBe('taskpane.html');
    expect(builtFilePath('js/850.3040f597.js.gz')).toBe('js/850.3040f597.js');
    expect(builtFilePath('index.html')).toBe('index.html');
    expect(builtFilePath('notes.br.txt')).toBe('notes.br.txt');
  });

  it('replaces only the frame-ancestors directive of a policy', () => {
    const csp =
      "default-src 'self';script-src 'self' https://appsforoffice.microsoft.com;frame-ancestors 'self';object-src 'none'";
    expect(withFrameAncestors(csp, ["'self'", 'https://outlook.office.com'])).toBe(
      "default-src 'self';script-src 'self' https://appsforoffice.microsoft.com;object-src 'none';frame-ancestors 'self' https://outlook.office.com",
    );
    expect(withFrameAncestors("default-src 'self'", ["'none'"])).toBe("default-src 'self';frame-ancestors 'none'");
  });
});
