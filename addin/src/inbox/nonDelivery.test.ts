import { describe, expect, it } from 'vitest';
import type { ReceivedMessage } from '../graph/graphMailClient.js';
import { isReport, readBounces } from './nonDelivery.js';

/** An Exchange Online report as Graph returns it: HTML, entities escaped, the original's headers quoted. */
const report = (body: string, messageClass = 'REPORT.IPM.Note.NDR'): ReceivedMessage => ({
  id: 'r1',
  from: 'postmaster@contoso.com',
  subject: 'Non remis : Hello',
  receivedAt: 1000,
  conversationId: 'c',
  messageClass,
  body,
});
const EXCHANGE = [
  "<p>Your message to nobody@fabrikam.com couldn't be delivered.</p>",
  '<p>Diagnostic information for administrators:</p>',
  '<p>nobody@fabrikam.com<br>Remote Server returned &#39;550 5.1.1 RESOLVER.ADR.RecipNotFound; not found&#39;</p>',
  '<p>Original message headers:</p><pre>Subject: Hello\nMessage-ID: &lt;abc123@contoso.com&gt;\n</pre>',
].join('\n');

describe('readBounces', () => {
  it("reads the recipient, the status, the reason and the original Message-ID, whatever the subject's language", () => {
    expect(readBounces(report(EXCHANGE))).toEqual([
      {
        reportId: 'r1',
        receivedAt: 1000,
        address: 'nobody@fabrikam.com',
        status: '5.1.1',
        reason: 'RESOLVER.ADR.RecipNotFound; not found',
        originalMessageId: '<abc123@contoso.com>',
      },
    ]);
  });

  it('is told a report by its message class, never by its sender or subject', () => {
    expect(readBounces({ ...report(EXCHANGE), messageClass: 'IPM.Note' })).toEqual([]);
    expect(isReport({ messageClass: 'REPORT.IPM.Note.DR' })).toBe(true);
    // A delivery receipt is a report, but no bounce.
    expect(readBounces(report(EXCHANGE, 'REPORT.IPM.Note.DR'))).toEqual([]);
  });

  it('leaves out delays (4.x.x): Exchange is still trying', () => {
    expect(readBounces(report(EXCHANGE.replace('550 5.1.1', '451 4.4.7')))).toEqual([]);
  });

  it('reads several recipients of one report, and no Message-ID when none is quoted', () => {
    const two =
      "<p>a@x.com<br>Remote Server returned '550 5.1.1 User unknown'</p><p>b@y.com<br>Remote Server returned '554 5.4.310 DNS domain y.com does not exist'</p>";
    expect(readBounces(report(two)).map((b) => [b.address, b.status, b.reason, b.originalMessageId])).toEqual([
      ['a@x.com', '5.1.1', 'User unknown', null],
      ['b@y.com', '5.4.310', 'DNS domain y.com does not exist', null],
    ]);
  });
});
