/**
 * Which mailbox a campaign goes out from, from the message's From (pure): the sender's own when
 * From is one of their addresses (the sign-in name and the mailbox's primary address may differ),
 * otherwise the shared mailbox From names — Graph then works on `/users/{that mailbox}`.
 */
import { normalizeEmail } from '#shared/email/normalizeEmail.js';

export function senderMailbox(
  from: string | null,
  ownAddresses: ReadonlyArray<string | null | undefined>,
): string | null {
  const address = from?.trim() ?? '';
  if (address === '') return null;
  const wanted = normalizeEmail(address);
  if (!wanted.ok) return address;
  const own = ownAddresses.some((candidate) => {
    const normalised = candidate ? normalizeEmail(candidate) : null;
    return normalised?.ok === true && normalised.canonical === wanted.canonical;
  });
  return own ? null : wanted.display;
}
