/**
 * One subscription merged into another (consolidation, A9), the one place both ways of merging
 * use — the owner merging their own subscriptions, and a colleague accepting an invitation: its
 * people keep their seat in the target (a seat they already hold there makes theirs end), it
 * ends (cancelled, `merged_into` the target), the periods a partner's key still prepays follow
 * the people, and its unused paid time becomes the target's credit, each paid invoice's share
 * documented by a credit note against that invoice in the gap-free CN sequence (the refunds'
 * repository and numbering). Called inside the caller's transaction, with both rows locked:
 * `creditFromSource` first (an invoice issued in the same transaction may use the credit), then
 * `mergeSourceInto`.
 */
import { randomUUID } from 'node:crypto';
import { describeInvoiceLine } from '#shared/billing/invoiceLineText.js';
import { journalAs, type JournalActor } from '../access/access.js';
import type { Repositories, SubscriptionRow } from '../storage/unitOfWork.js';
import { creditNoteNumber, splitGross } from './refundRules.js';

export interface MergeCredit {
  invoiceId: string;
  amountMinor: number;
}

export interface MergedSource {
  moved: number;
  creditMinor: number;
  /** The credit notes' numbers, in the order issued. */
  creditNotes: string[];
}

/** The source's unused paid time credited to the target, each invoice's share with its credit note. */
export async function creditFromSource(
  tx: Repositories,
  merge: { target: SubscriptionRow; source: SubscriptionRow; credits: readonly MergeCredit[]; now: number },
): Promise<{ creditMinor: number; creditNotes: string[] }> {
  const { target, source, now } = merge;
  const creditNotes: string[] = [];
  let creditMinor = 0;
  for (const credit of merge.credits) {
    const invoice = await tx.invoices.findInvoice(source.id, credit.invoiceId);
    if (!invoice || credit.amountMinor <= 0) continue;
    const { subtotalMinor, taxMinor } = splitGross(credit.amountMinor, invoice.taxRateBp);
    const year = new Date(now).getUTCFullYear();
    const number = creditNoteNumber(year, await tx.creditNotes.nextSequence(year));
    // Shown in the target's billing tab (it received the credit), correcting the source's invoice.
    await tx.creditNotes.insert({
      id: randomUUID(),
      number,
      invoiceId: invoice.id,
      subscriptionId: target.id,
      kind: 'credit',
      currency: invoice.currency,
      subtotalMinor,
      taxRateBp: invoice.taxRateBp,
      taxMinor,
      totalMinor: credit.amountMinor,
      description: describeInvoiceLine({ line: 'mergeCredit', invoice: invoice.number, into: target.id.slice(0, 8) }),
      providerReference: null,
      endedService: true,
      issuedAt: now,
    });
    await tx.invoices.insertCredit({
      id: randomUUID(),
      subscriptionId: target.id,
      description: describeInvoiceLine({
        line: 'unused',
        plan: source.planId,
        quantity: source.quantity,
        merged: source.id.slice(0, 8),
      }),
      amountMinor: credit.amountMinor,
      remainingMinor: credit.amountMinor,
      createdAt: now,
    });
    creditNotes.push(number);
    creditMinor += credit.amountMinor;
  }
  return { creditMinor, creditNotes };
}

/** The source's people move into the target (or keep the seat they hold there), and the source ends, merged into it. */
export async function mergeSourceInto(
  tx: Repositories,
  merge: {
    target: SubscriptionRow;
    source: SubscriptionRow;
    credited: { creditMinor: number; creditNotes: string[] };
    targetSeats: Set<string>;
    actor: JournalActor;
    ip: string | null;
    now: number;
  },
): Promise<MergedSource> {
  const { target, source, now } = merge;
  const { creditMinor, creditNotes } = merge.credited;
  let moved = 0;
  for (const seat of await tx.subscriptions.listLiveSeats(source.id)) {
    if (merge.targetSeats.has(seat.emailCanonical)) await tx.subscriptions.removeSeat(seat.id, now);
    else {
      await tx.subscriptions.moveSeat(seat.id, target.id);
      merge.targetSeats.add(seat.emailCanonical);
      moved++;
    }
  }
  await tx.subscriptions.setStatus(source.id, 'cancelled', { endedAt: now, graceUntil: null });
  await tx.subscriptions.setMergedInto(source.id, target.id);
  // Periods a partner's key still prepays go with the people to the target.
  await tx.keys.moveKeyGrants(source.id, target.id);
  await tx.subscriptions.setPendingQuantity(source.id, null);
  await journalAs(tx, source, merge.actor, {
    action: 'subscription.merged_into',
    target: target.id,
    detail: { into: target.id, creditMinor, creditNotes },
    ip: merge.ip,
    at: now,
  });
  return { moved, creditMinor, creditNotes };
}
