/** M5: the previewed row, exactly as it will go out (files and pictures included), sent to the sender's own address. */
import { useCallback, useEffect, useState } from 'react';
import { AuthFailure } from '../auth/authPort.js';
import { testSendOutcome } from '../campaign/describe.js';
import type { OutgoingMessage } from '../campaign/outgoingMessage.js';
import type { SendLog } from '../campaign/sendLog.js';
import { sendTest, type TestSendOptions } from '../campaign/testSend.js';
import { GraphRequestError } from '../graph/graphMailClient.js';
import { useI18n } from '../i18n/I18nProvider.js';

export interface TestSendInput {
  /** The previewed message; null when there is none. */
  message: OutgoingMessage | null;
  /** The sender's own address; null until signed in. */
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
  useEffect(() => setResult(null), [mailbox, list]);

  const send = useCallback(async () => {
    if (!run || !to || !message) return;
    setResult(null);
    onAuthFailure(null);
    try {
      const { sendLog, ...graph } = run;
      const state = await sendTest(message, to, { ...graph, mailbox, subjectPrefix: t('preview.testPrefix'), budget: sendLog, onSent: (recipients, at) => sendLog.record(recipients, at) });
      setResult(testSendOutcome(state, to, t));
    } catch (e) {
      if (e instanceof AuthFailure) return onAuthFailure(e);
      setResult({ ok: false, text: e instanceof GraphRequestError && e.kind === 'forbidden' ? t('send.sendAsDenied') : t('errors.generic', { message: e instanceof Error ? e.message : String(e) }) });
    }
  }, [message, to, mailbox, run, onAuthFailure, t]);

  return { result, send };
}
