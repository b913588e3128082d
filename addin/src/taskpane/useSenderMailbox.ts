/**
 * The mailbox a campaign sends from, from the message's From: the sender's own, or a shared
 * mailbox. Where the host cannot read the From (Outlook below Mailbox 1.7), the sender types it.
 */
import { useCallback, useMemo, useState } from 'react';
import { senderMailbox } from '../campaign/senderMailbox.js';
import type { Draft } from '../host/mailHost.js';

export function useSenderMailbox(draft: Draft | null, ownAddresses: ReadonlyArray<string | null | undefined>) {
  const [fallbackFrom, setFallbackFrom] = useState('');
  const own = useMemo(() => [...ownAddresses], [ownAddresses]);
  const mailboxOf = useCallback(
    (current: Draft | null) => senderMailbox(current?.from ?? (fallbackFrom.trim() || null), own),
    [fallbackFrom, own],
  );
  return { mailbox: mailboxOf(draft), mailboxOf, fallbackFrom, setFallbackFrom };
}
