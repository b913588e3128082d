import { describe, expect, it } from 'vitest';
import { readDeliveryReport } from './deliveryReports.js';

const item = (from: string, body: string) => ({
  id: 'm1',
  subject: 'Undeliverable: Hello',
  from,
  receivedAt: 1000,
  body,
});

describe('readDeliveryReport', () => {
  it('reads the status code, not the localised subject, and names the returned addresses', () => {
    const body =
      "<p>Votre message n’a pas pu être remis à Ann@Fabrikam.com.</p><p>Remote Server returned '550 5.1.90 Your message can&#39;t be sent'</p>";
    expect(
      readDeliveryReport({ ...item('postmaster@contoso.onmicrosoft.com', body), subject: 'Non remis : Hello' }),
    ).toEqual({ id: 'm1', kind: 'daily_limit', receivedAt: 1000, addresses: ['ann@fabrikam.com'] });
    expect(
      readDeliveryReport(
        item(
          'postmaster@contoso.com',
          "Remote Server returned '550 5.1.8 Access denied, bad outbound sender' for bob@fabrikam.com",
        ),
      ),
    ).toMatchObject({ kind: 'sender_restricted', addresses: ['bob@fabrikam.com'] });
  });

  it('ignores mail that only looks like a report: a person cannot stop a campaign by writing "5.1.8"', () => {
    expect(
      readDeliveryReport(item('mallory@fabrikam.com', 'Remote Server returned 550 5.1.8 Access denied')),
    ).toBeNull();
    expect(readDeliveryReport(item('postmaster@contoso.com', 'Your message was delivered.'))).toBeNull();
  });
});

describe('readDeliveryReport with the original headers quoted, as Exchange Online writes them', () => {
  it('names the returned recipients only, not the sender or the Message-ID the quoted headers hold', () => {
    const body =
      '<p>carl@fabrikam.com<br>Remote Server returned &#39;550 5.1.90 Your message can&#39;t be sent&#39;</p><p>Original message headers:</p><pre>From: anna@contoso.com\nMessage-ID: &lt;e19ee25a@contoso.com&gt;</pre>';
    expect(readDeliveryReport(item('postmaster@contoso.com', body))?.addresses).toEqual(['carl@fabrikam.com']);
  });
});
