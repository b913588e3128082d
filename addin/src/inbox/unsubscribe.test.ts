import { describe, expect, it } from 'vitest';
import { UNSUBSCRIBE_TAG, unsubscribeLineHtml, unsubscribeMailto, unsubscribeRequest } from './unsubscribe.js';

describe('the unsubscribe line', () => {
  it('links to the sending mailbox with the tagged subject (RFC 6068), escaped', () => {
    expect(unsubscribeMailto('team@contoso.com', 'Désabonnement')).toBe(
      `mailto:team@contoso.com?subject=D%C3%A9sabonnement%20%5BOM-UNSUBSCRIBE%5D`,
    );
    const html = unsubscribeLineHtml('team@contoso.com', {
      sentence: 'Plus de <messages> ?',
      link: 'Se désabonner',
      word: 'Désabonnement',
    });
    expect(html).toContain('Plus de &lt;messages&gt; ?');
    // The one HTML escape writes = as &#x3D;, which every HTML reader decodes in an attribute.
    expect(html).toContain('href="mailto:team@contoso.com?subject&#x3D;D%C3%A9sabonnement%20%5BOM-UNSUBSCRIBE%5D"');
  });

  it('takes a tagged message as a request of its own sender only; reports and untagged mail are not', () => {
    expect(
      unsubscribeRequest({
        subject: `RE: Abmeldung ${UNSUBSCRIBE_TAG}`,
        from: 'Carol@Fabrikam.com',
        messageClass: 'IPM.Note',
      }),
    ).toBe('carol@fabrikam.com');
    expect(
      unsubscribeRequest({
        subject: `unsubscribe ${UNSUBSCRIBE_TAG.toLowerCase()}`,
        from: 'c@f.com',
        messageClass: 'IPM.Note',
      }),
    ).toBe('c@f.com');
    expect(unsubscribeRequest({ subject: 'Unsubscribe', from: 'c@f.com', messageClass: 'IPM.Note' })).toBeNull();
    expect(
      unsubscribeRequest({
        subject: `Undeliverable: x ${UNSUBSCRIBE_TAG}`,
        from: 'postmaster@contoso.com',
        messageClass: 'REPORT.IPM.Note.NDR',
      }),
    ).toBeNull();
  });
});
