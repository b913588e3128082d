import { describe, expect, it } from 'vitest';
import { OUTLOOK_FRAME_ANCESTORS, staticFileHeaders, withFrameAncestors } from './pageHeaders.js';

describe('headers of the built files', () => {
  it('lets Outlook frame the task pane, and nothing else', () => {
    expect(staticFileHeaders('taskpane.html').frameAncestors).toEqual(["'self'", ...OUTLOOK_FRAME_ANCESTORS]);
    expect(staticFileHeaders('auth-dialog.html').frameAncestors).toEqual(["'self'", ...OUTLOOK_FRAME_ANCESTORS]);
    for (const page of ['portal.html', 'index.html', 'playground.html', 'privacy.html', 'assets/icon-80.png']) expect(staticFileHeaders(page).frameAncestors).toBeNull();
  });

  it('allows the new Outlook\'s cloud.microsoft origins, which *.microsoft.com does not match', () => {
    expect(OUTLOOK_FRAME_ANCESTORS).toContain('https://*.cloud.microsoft');
    expect(OUTLOOK_FRAME_ANCESTORS).toEqual(expect.arrayContaining(['https://outlook.office.com', 'https://outlook.office365.com']));
    expect(OUTLOOK_FRAME_ANCESTORS.every((source) => source.startsWith('https://'))).toBe(true);
  });

  it('lets other origins load the icons, scripts and the pane, and keeps the other pages same-origin', () => {
    for (const file of ['assets/icon-16.png', 'assets/icon-color-192.png', 'js/taskpane.1a2b3c4d.js', 'taskpane.html']) expect(staticFileHeaders(file).resourcePolicy).toBe('cross-origin');
    for (const file of ['portal.html', 'index.html', 'playground.html']) expect(staticFileHeaders(file).resourcePolicy).toBe('same-origin');
  });

  it('sends no opener policy on the pages a sign-in popup returns to, or that Outlook hosts', () => {
    expect(staticFileHeaders('portal.html').openerPolicy).toBe(false);
    expect(staticFileHeaders('taskpane.html').openerPolicy).toBe(false);
    expect(staticFileHeaders('auth-dialog.html').openerPolicy).toBe(false);
    expect(staticFileHeaders('index.html').openerPolicy).toBe(true);
    expect(staticFileHeaders('playground.html').openerPolicy).toBe(true);
  });

  it('replaces only the frame-ancestors directive of a policy', () => {
    const csp = "default-src 'self';script-src 'self' https://appsforoffice.microsoft.com;frame-ancestors 'self';object-src 'none'";
    expect(withFrameAncestors(csp, ["'self'", 'https://outlook.office.com'])).toBe("default-src 'self';script-src 'self' https://appsforoffice.microsoft.com;object-src 'none';frame-ancestors 'self' https://outlook.office.com");
    expect(withFrameAncestors("default-src 'self'", ["'none'"])).toBe("default-src 'self';frame-ancestors 'none'");
  });
});
