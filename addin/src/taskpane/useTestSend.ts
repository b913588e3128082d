/** M5, M16: the previewed row, exactly as it will go out (files and pictures included), sent to the sender's own address or one they type. */
import { useCallback, useEffect, useState } from 'react';
import { AuthFailure } from '../auth/authPort.js';
import { testSendOutcome } from '../campaign/describe.js';
import type { OutgoingMessage } from '../campaign/outgoingMessage.js';
import type { SendLog } from '../campaign/sendLog.js';
import { sendTest, testRecipient, type TestSendOptions } from '../campaign/testSend.js';
import { GraphRequestError } from '../graph/graphMailClient.js';
import { useI18n } from '../i18n/I18nProvider.js';

export interface TestSendInput {
  /** The previewed message; null when there is none. */
  message: OutgoingMessage | null;
  /** The sender's own address, where the test goes until they type another; null until signed in. */
  to: string | null;
  /** The campaign's mailbox (null: the sender's own). A result speaks of one mailbox and one list, and goes when either changes. */
  mailbox: string | null;
  list: unknown;
  run: (Pick<TestSendOptions, 'graph' | 'attachment' | 'inlineImage'> & { sendLog: SendLog }) | null;
  onAuthFailure(failure: AuthFailure | null): void;
}

export function useTestSend({ message, to, mailbox, list, run, onAuthFailure }: TestSendInput) {
  const { t } = useI18n();
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  // What the sender typed; null: their own address.
  const [typed, setTyped] = useState<string | null>(null);
  useEffect(() => setResult(null), [mailbox, list]);
  const recipient = testRecipient(typed, to);
  const address = typed ?? to ?? '';
  const addressError = recipient.valid ? null : t('preview.testToInvalid', { address: recipient.address });

  const send = useCallback(async () => {
    if (!run || !recipient.valid || !message) return;
    const target = recipient.address;
    setResult(null);
    onAuthFailure(null);
    try {
      const { sendLog, ...graph } = run;
      const state = await sendTest(message, target, {
        ...graph,
        mailbox,
        subjectPrefix: t('preview.testPrefix'),
        budget: sendLog,
        onSent: (recipients, at) => sendLog.record(recipients, at),
      });
      setResult(testSendOutcome(state, target, t));
    } catch (e) {
      if (e instanceof AuthFailure) return onAuthFailure(e);
      setResult({
        ok: false,
        text:
          e instanceof GraphRequestError && e.kind === 'forbidden'
            ? t('send.sendAsDenied')
            : t('errors.generic', { message: e instanceof Error ? e.message : String(e) }),
      });
    }
  }, [message, recipient.valid, recipient.address, mailbox, run, onAuthFailure, t]);

  return { result, send, address, setAddress: setTyped, addressError };
}
