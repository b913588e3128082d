import { describe, expect, it } from 'vitest';
import type { GraphFileAttachment } from '../graph/graphMailClient.js';
import type { OutgoingMessage } from './outgoingMessage.js';
import { sendTest, testRecipient } from './testSend.js';
import { MemoryMailbox } from './testing/memoryMailbox.js';

const file = (name: string, bytes: number, extra: Partial<GraphFileAttachment> = {}): GraphFileAttachment => ({
  '@odata.type': '#microsoft.graph.fileAttachment',
  name,
  contentType: 'application/octet-stream',
  contentBytes: Buffer.alloc(bytes, 7).toString('base64'),
  ...extra,
});
const files = new Map([
  ['terms.txt', file('terms.txt', 5)],
  ['catalogue.pdf', file('catalogue.pdf', 3_500_000)],
]);
const logo = file('image001.png', 900, { contentType: 'image/png', isInline: true, contentId: 'logo@contoso' });

const message: OutgoingMessage = {
  row: 7,
  to: 'zoe@fabrikam.com',
  cc: ['boss@fabrikam.com'],
  bcc: ['archive@contoso.com'],
  attachments: ['terms.txt', 'catalogue.pdf'],
  inline: ['logo@contoso'],
  subject: 'Invitation for Zoé',
  html: '<p>Dear Zoé</p><img src="cid:logo@contoso">',
};

describe('the test send', () => {
  it('carries the row’s files (a large one by upload session) and its inline pictures, to the sender alone', async () => {
    const mailbox = new MemoryMailbox();
    const state = await sendTest(message, 'anna@contoso.com', {
      graph: mailbox.client(),
      mailbox: null,
      subjectPrefix: '[Test]',
      attachment: async (name) => files.get(name)!,
      inlineImage: async () => logo,
    });
    expect(state).toMatchObject({ status: 'sent' });
    expect(mailbox.accepted).toHaveLength(1);
    const [sent] = mailbox.accepted;
    expect(sent).toMatchObject({ to: ['anna@contoso.com'], subject: '[Test] Invitation for Zoé' });
    expect(sent!.files.map((f) => [f.name, f.size, f.isInline, f.contentId]).sort()).toEqual([
      ['catalogue.pdf', 3_500_000, false, null],
      ['image001.png', 900, true, 'logo@contoso'],
      ['terms.txt', 5, false, null],
    ]);
  });

  it('sends nothing when a file of the row cannot be read, and says which', async () => {
    const mailbox = new MemoryMailbox();
    const state = await sendTest(message, 'anna@contoso.com', {
      graph: mailbox.client(),
      mailbox: null,
      subjectPrefix: '[Test]',
      attachment: async (name) => {
        if (name === 'catalogue.pdf')
          throw new Error('catalogue.pdf is not a file (cloud attachments and items cannot be sent per row).');
        return files.get(name)!;
      },
      inlineImage: async () => logo,
    });
    expect(state).toMatchObject({ status: 'failed', message: expect.stringContaining('catalogue.pdf') });
    expect(mailbox.messages.size).toBe(0);
  });
});

describe('testRecipient', () => {
  it('sends to the sender until they type another address, which must be an email address', () => {
    expect(testRecipient(null, 'anna@contoso.com')).toEqual({ address: 'anna@contoso.com', valid: true });
    expect(testRecipient('  ulf@fabrikam.com ', 'anna@contoso.com')).toEqual({
      address: 'ulf@fabrikam.com',
      valid: true,
    });
    expect(testRecipient('ulf@', 'anna@contoso.com')).toEqual({ address: 'ulf@', valid: false });
    expect(testRecipient('', 'anna@contoso.com')).toEqual({ address: '', valid: false });
    expect(testRecipient('a@b.com\r\nBcc: x@y.com', null).valid).toBe(false);
    expect(testRecipient(null, null)).toEqual({ address: '', valid: false });
  });
});
