import { describe, expect, it } from 'vitest';
import { compileTemplate } from '#shared/merge/mergeTemplate.js';
import {
  checkInlineImages,
  cidReferences,
  imagesShownIn,
  pictureDataUrl,
  usableInlineImages,
  withPicturesShown,
} from './inlineImages.js';
import { planCampaign } from './planCampaign.js';

const logo = { name: 'image001.png', size: 4_000, isInline: true, contentId: 'image001.png@01DA1234.56789ABC' };
const photo = { name: 'photo.jpg', size: 20_000, isInline: true, contentId: 'photo-1' };
const brochure = { name: 'brochure.pdf', size: 50_000, isInline: false };

describe('inline images', () => {
  it('reads the content ids of the body pictures, once each, whatever the quoting', () => {
    const html = `<p><img src="cid:image001.png@01DA1234.56789ABC" alt="Logo"></p><img width=10 src='cid:photo-1'><img src=cid:x%40y><img src="cid:photo-1"><img src="https://example.com/a.png">`;
    expect(cidReferences(html)).toEqual(['image001.png@01DA1234.56789ABC', 'photo-1', 'x%40y']);
  });

  it('gives each message the inline images its own body shows, never as files', () => {
    const compiled = compileTemplate(
      {
        subject: 'Hi {{Name}}',
        bodyHtml:
          '<p>Hi {{Name}}</p>{{#if Vip = "yes"}}<img src="cid:photo-1">{{/if}}<p>Anna<br><img src="cid:image001.png@01DA1234.56789ABC"></p>',
      },
      ['Name', 'Email', 'Vip'],
    );
    if (!compiled.ok) throw new Error('template');
    const bodyHtml =
      '<p>Hi {{Name}}</p>{{#if Vip = "yes"}}<img src="cid:photo-1">{{/if}}<p>Anna<br><img src="cid:image001.png@01DA1234.56789ABC"></p>';
    const plan = planCampaign({
      template: compiled.template,
      bodyHtml,
      emailColumn: 'Email',
      footerHtml: null,
      attachments: [logo, photo, brochure],
      rows: [
        { Name: 'Ann', Email: 'ann@contoso.com', Vip: 'yes' },
        { Name: 'Ben', Email: 'ben@contoso.com', Vip: 'no' },
      ],
    });
    expect(
      plan.messages.checked.map((checked) => plan.messages.render(checked)).map((m) => [m.to, m.attachments, m.inline]),
    ).toEqual([
      ['ann@contoso.com', ['brochure.pdf'], ['image001.png@01DA1234.56789ABC', 'photo-1']],
      ['ben@contoso.com', ['brochure.pdf'], ['image001.png@01DA1234.56789ABC']],
    ]);
    // Before any message is rendered, the pictures some message may show: those the template names.
    expect(plan.messages.pictures).toEqual(['image001.png@01DA1234.56789ABC', 'photo-1']);
  });

  it('a row cannot name an inline image as one of its files', () => {
    const compiled = compileTemplate({ subject: 'Hi', bodyHtml: '<p>Hi</p>' }, ['Email', 'Files']);
    if (!compiled.ok) throw new Error('template');
    const plan = planCampaign({
      template: compiled.template,
      emailColumn: 'Email',
      attachmentColumn: 'Files',
      footerHtml: null,
      attachments: [logo],
      rows: [{ Email: 'ann@contoso.com', Files: 'image001.png' }],
    });
    expect(plan.findings).toEqual([{ kind: 'missing_attachment', row: 2, name: 'image001.png' }]);
  });

  it('says which pictures cannot go: no content id (Outlook below Mailbox 1.16), gone, or 3 MB and more', () => {
    const body = '<img src="cid:image001.png@01DA1234.56789ABC"><img src="cid:photo-1"><img src="cid:gone">';
    // Mailbox 1.15: the attachments are there, marked inline, but carry no content id.
    expect(
      checkInlineImages(body, [
        { ...logo, contentId: null },
        { ...photo, contentId: undefined },
      ]),
    ).toEqual({ unmatched: ['image001.png@01DA1234.56789ABC', 'photo-1', 'gone'], tooLarge: [] });
    expect(checkInlineImages(body, [logo, { ...photo, size: 3 * 1024 * 1024 }])).toEqual({
      unmatched: ['gone'],
      tooLarge: ['photo.jpg'],
    });
    expect(usableInlineImages([logo, { ...photo, size: 3 * 1024 * 1024 }, brochure]).map((i) => i.name)).toEqual([
      'image001.png',
    ]);
    expect(checkInlineImages('<p>no pictures</p>', [logo])).toEqual({ unmatched: [], tooLarge: [] });
  });

  it('matches content ids as RFC 2392 URLs: percent-encoded, angle brackets and case aside', () => {
    expect(
      imagesShownIn('<img src="cid:Logo%40Contoso">', [{ name: 'l.png', size: 1, contentId: '<logo@contoso>' }]),
    ).toEqual(['<logo@contoso>']);
  });
});

describe('the preview of inline images', () => {
  it('shows the pictures it has as data URLs, asks for none it lacks, and takes only image bytes', () => {
    const url = pictureDataUrl('image/png', 'iVBORw0KGgo=');
    expect(url).toBe('data:image/png;base64,iVBORw0KGgo=');
    expect(pictureDataUrl('text/html', 'PHNjcmlwdD4=')).toBeNull();
    expect(pictureDataUrl('image/png', '" onerror="alert(1)')).toBeNull();
    const html = '<p><img alt="Logo" src="cid:Logo@Contoso"><img src=\'cid:gone\'></p>';
    expect(withPicturesShown(html, new Map([['logo@contoso', url!]]))).toBe(
      `<p><img alt="Logo" src="${url}"><img src=""></p>`,
    );
    // Before the pictures are read: nothing the pane's CSP would refuse.
    expect(withPicturesShown(html, new Map())).toBe('<p><img alt="Logo" src=""><img src=""></p>');
  });
});
