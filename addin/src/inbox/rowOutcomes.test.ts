import { describe, expect, it } from 'vitest';
import type { ReceivedMessage, SentMessage } from '../graph/graphMailClient.js';
import { followUpRecipients, rowOutcomes } from './rowOutcomes.js';

const sent = (row: number, to: string, sentAt = 1000): SentMessage => ({
  internetMessageId: `<m${row}@contoso.com>`,
  conversationId: `conv${row}`,
  sentAt,
  to: [to],
  marker: `c:${row}`,
});
const received = (conversationId: string, messageClass = 'IPM.Note', body = ''): ReceivedMessage => ({
  id: `r-${conversationId}-${messageClass}`,
  from: 'x@fabrikam.com',
  subject: 'RE',
  receivedAt: 5000,
  conversationId,
  messageClass,
  body,
});
const ndr = (address: string, messageId: string | null) =>
  received(
    'convX',
    'REPORT.IPM.Note.NDR',
    `<p>${address}<br>Remote Server returned '550 5.1.1 User unknown'</p>${messageId ? `<pre>Message-ID: &lt;${messageId}&gt;</pre>` : ''}`,
  );
const input = (items: ReceivedMessage[], sentItems = [sent(2, 'a@f.com'), sent(3, 'b@f.com')]) => ({
  sentRows: [
    { row: 2, to: 'a@f.com' },
    { row: 3, to: 'b@f.com' },
  ],
  markerOf: (row: number) => `c:${row}`,
  sent: sentItems,
  received: items,
});

describe('rowOutcomes', () => {
  it('counts a reply in the conversation, not an out-of-office reply nor a report', () => {
    const outcomes = rowOutcomes(
      input([
        received('conv2', 'IPM.Note.Rules.OofTemplate.Microsoft'),
        received('conv3'),
        { ...ndr('a@f.com', null), conversationId: 'conv2' },
      ]),
    );
    expect(outcomes.map((o) => [o.row, o.replied])).toEqual([
      [2, false],
      [3, true],
    ]);
  });

  it('matches a report by the Message-ID it quotes, and ignores one about a message of no row', () => {
    expect(rowOutcomes(input([ndr('a@f.com', 'm2@contoso.com')]))[0]?.delivery).toEqual({
      kind: 'bounced',
      status: '5.1.1',
      reason: 'User unknown',
    });
    expect(rowOutcomes(input([ndr('a@f.com', 'other@contoso.com')]))[0]?.delivery).toEqual({ kind: 'accepted' });
  });

  it('falls back on the recipient when no Message-ID is quoted, only if one row sent before the report has it', () => {
    expect(rowOutcomes(input([ndr('b@f.com', null)]))[1]?.delivery.kind).toBe('bounced');
    expect(
      rowOutcomes(input([ndr('b@f.com', null)], [sent(2, 'a@f.com'), sent(3, 'b@f.com', 9000)]))[1]?.delivery.kind,
    ).toBe('accepted');
  });

  it('says a row not yet in Sent Items is still waiting, and follows up neither it nor a bounced row', () => {
    const outcomes = rowOutcomes(input([ndr('a@f.com', 'm2@contoso.com')], [sent(2, 'a@f.com')]));
    expect(outcomes.map((o) => o.delivery.kind)).toEqual(['bounced', 'waiting']);
    expect(followUpRecipients(outcomes, 10 ** 12, 0).due).toEqual([]);
  });
});
