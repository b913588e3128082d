/**
 * The test send (M5): the previewed row exactly as it will go out — same body, same files, same
 * inline images, same delivery rules (small files in the draft's request, larger ones one request
 * each or by upload session) — to the sender alone. It is a one-row campaign through the same
 * runner, under its own marker, so a test can never be mistaken for a campaign row, and a file
 * that cannot be read stops the test before anything is sent instead of dropping the file.
 */
import { normalizeEmail } from '#shared/email/normalizeEmail.js';
import type { RowState } from './campaign.js';
import { newLedger } from './campaign.js';
import { runCampaign, type RunOptions } from './campaignRunner.js';
import type { OutgoingMessage } from './outgoingMessage.js';

export interface TestSendOptions extends Pick<
  RunOptions,
  'graph' | 'attachment' | 'inlineImage' | 'budget' | 'onSent' | 'now' | 'sleep'
> {
  /** The mailbox the campaign sends from (null: the sender's own). */
  mailbox: string | null;
  /** Put before the subject, e.g. "[Test]". */
  subjectPrefix: string;
}

export async function sendTest(message: OutgoingMessage, to: string, options: TestSendOptions): Promise<RowState> {
  const test: OutgoingMessage = {
    ...message,
    to,
    cc: [],
    bcc: [],
    subject: `${options.subjectPrefix} ${message.subject}`,
  };
  const ledger = newLedger(`test-${crypto.randomUUID()}`, [message.row], options.mailbox, (options.now ?? Date.now)());
  const { mailbox: _mailbox, subjectPrefix: _prefix, ...run } = options;
  await runCampaign(ledger, new Map([[message.row, test]]), {
    ...run,
    ratePerMinute: 60,
    concurrency: 1,
    save: () => {},
  });
  // A refusal the whole campaign would meet (no Send As, a missing permission) blocks the run
  // rather than failing its row: for the test it is the test's failure.
  if (ledger.status === 'blocked' && ledger.blocked) {
    return {
      status: 'failed',
      reason: ledger.blocked.reason === 'send_as_denied' ? 'send_as_denied' : 'rejected',
      message: ledger.blocked.message,
    };
  }
  return ledger.states[message.row] ?? { status: 'pending' };
}

/**
 * Where a test goes (M16): the address the sender typed — a colleague who should check the
 * message — or, until they type one, their own. Only a valid address can be sent to; the test
 * still counts against the mailbox's 24-hour budget like any message.
 */
export function testRecipient(typed: string | null, own: string | null): { address: string; valid: boolean } {
  const wanted = (typed ?? own ?? '').trim();
  const address = normalizeEmail(wanted);
  return address.ok ? { address: address.display, valid: true } : { address: wanted, valid: false };
}
