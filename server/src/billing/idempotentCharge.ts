/**
 * The one way Outmerge takes money (checkout, quantity changes, paying an invoice, consolidation,
 * product keys, renewals): claim → validate → charge outside any transaction → record → release.
 *
 * 1. One transaction checks the caller (`guard`), looks the Idempotency-Key up (a stored answer is
 *    replayed; the same key with another request is 422; a live claim is 409), validates and takes
 *    what the flow needs (`prepare`: a client mistake throws and rolls the claim back), and writes
 *    the claim with what recording will need (`pending`) and a lease.
 * 2. The provider is called with an idempotency key derived from the claim (so a retry of the same
 *    request never charges twice: Stripe keeps a key's first result for at least 24 hours).
 * 3. A second transaction records the provider's answer through the flow's handler and stores the
 *    answer under the key. A payment the bank must confirm (3-D Secure) becomes a payment action.
 *
 * Recovery: a claim whose lease ran out belongs to a process that died between 1 and 3. Whoever
 * meets it (the buyer's retry, or the periodic sweep) takes it over and asks the provider for the
 * payment made with that key (`PaymentProvider.findCharge`): charged → recorded as if the answer
 * had arrived; never charged → released, and the retry proceeds as a new request. Handlers never
 * re-check the payer's permissions when recording: once money moved, it settles what it was for.
 */
import { createHash, randomUUID } from 'node:crypto';
import { ApiError } from '../http/apiError.js';
import type { ClaimRow, Repositories, UnitOfWork } from '../storage/unitOfWork.js';
import {
  PaymentMethodInvalidError,
  type ChargeRequest,
  type ChargeResult,
  type PaymentProvider,
} from './paymentProvider.js';

export type ChargeKind = 'checkout' | 'quantity' | 'invoice' | 'consolidation' | 'product_keys' | 'renewal' | 'refund';

/** An answer to the client: status code and JSON body. */
export interface Outcome {
  statusCode: number;
  body: unknown;
}

/** The provider's final answer about a payment. */
export type FinalCharge = Extract<ChargeResult, { status: 'succeeded' | 'declined' }>;

export interface Recorded {
  /** What the client that is present gets. */
  outcome: Outcome;
  /** What a replay of the key gets, when it must differ (product keys are shown once). */
  stored?: Outcome;
}

export interface ChargeHandler<P> {
  /** Records the provider's final answer inside the transaction that stores the key's answer. */
  record(tx: Repositories, pending: P, result: FinalCharge, now: number): Promise<Recorded>;
  /** Gives back what `prepare` took (billing locks) when nothing is recorded now: not charged, or waiting for the bank. */
  release?(tx: Repositories, pending: P, now: number): Promise<void>;
  /** On-session payments may need the bank's confirmation: the answer is then a payment action (202). Others count it as declined. */
  confirmable?: boolean;
}

export type ChargeIntent = Omit<ChargeRequest, 'idempotencyKey'>;

export type Prepared<P> =
  /** Nothing to charge: the answer (already applied). `store: false` leaves no trace under the key. */
  | { done: Outcome; store?: boolean }
  | { charge: ChargeIntent; pending: P }
  /** Money given back on a payment (Stripe: a Refund), the same claim → call → record, recorded as `succeeded` with the refund's reference. */
  | { refund: RefundIntent; pending: P };

export interface RefundIntent {
  /** The payment's provider reference. */
  reference: string;
  amountMinor: number;
  currency: string;
}

export interface ChargeFlow<P> {
  kind: ChargeKind;
  scope: string;
  key: string;
  /** What the client asked for: the same key with another request is refused. */
  request: unknown;
  /** Names the request in messages: "purchase", "quantity change". */
  what: string;
  /** Who pays: the owner of a payment action if the bank asks them to confirm. */
  payer: { tenantId: string; objectId: string };
  /** In the claiming transaction, before the key is looked at: may the caller do this at all (a replay included)? */
  guard?(tx: Repositories, now: number): Promise<void>;
  /** In the claiming transaction, for a new key: validate, take locks, fix the amount. */
  prepare(tx: Repositories, now: number): Promise<Prepared<P>>;
  /** The error to answer when the provider refuses the payment method (nothing was charged; the claim is freed). */
  refusedMethod?(error: PaymentMethodInvalidError): Error;
}

/** What a claim keeps, so that whoever records it (this process, a retry after a crash, the sweep) needs nothing else. */
interface Envelope {
  payer: { tenantId: string; objectId: string };
  charge?: ChargeIntent;
  refund?: RefundIntent;
  data: unknown;
}

export interface IdempotentChargeOptions {
  /** How long a claim is held before it counts as cut by a crash; must outlast the slowest charge call and the provider's search lag. */
  leaseMs: number;
  /** After a flow's transactions committed: delivers the emails they wrote into the outbox (../email/outbox.ts). */
  afterCommit?: () => Promise<void>;
}

/** The key the provider sees: the same for the same request under the same Idempotency-Key, and within Stripe's 255 characters. */
export function providerIdempotencyKey(scope: string, key: string, requestHash: string): string {
  return `om_${createHash('sha256').update(`${scope}\n${key}\n${requestHash}`).digest('hex')}`;
}

function requestHashOf(request: unknown): string {
  return createHash('sha256').update(JSON.stringify(request)).digest('hex');
}

function inProgress(what: string): ApiError {
  return new ApiError(
    409,
    'IDEMPOTENCY_KEY_IN_USE',
    `A ${what} with this Idempotency-Key is still being processed. Try again in a few minutes: you will get its outcome, and nothing is charged twice.`,
  );
}

export class IdempotentCharges {
  private readonly handlers = new Map<ChargeKind, ChargeHandler<unknown>>();

  constructor(
    private readonly uow: UnitOfWork,
    readonly provider: PaymentProvider,
    private readonly options: IdempotentChargeOptions,
    private readonly clock: () => number = Date.now,
    private readonly log: (error: unknown, message: string) => void = () => {},
  ) {}

  /** Each flow registers how its payments are recorded once, at wiring: recovery after a restart needs every kind. */
  register<P>(kind: ChargeKind, handler: ChargeHandler<P>): void {
    this.handlers.set(kind, handler as ChargeHandler<unknown>);
  }

  private handler(kind: ChargeKind): ChargeHandler<unknown> {
    const handler = this.handlers.get(kind);
    if (!handler) throw new Error(`No handler records ${kind} payments.`);
    return handler;
  }

  async run<P>(flow: ChargeFlow<P>): Promise<Outcome> {
    try {
      return await this.claimChargeRecord(flow);
    } finally {
      await this.options.afterCommit?.();
    }
  }

  private async claimChargeRecord<P>(flow: ChargeFlow<P>): Promise<Outcome> {
    const requestHash = requestHashOf(flow.request);
    for (let attempt = 0; ; attempt++) {
      const token = randomUUID();
      let first;
      try {
        first = await this.uow.transaction(async (tx) => {
          const now = this.clock();
          await flow.guard?.(tx, now);
          const existing = await tx.claims.find(flow.scope, flow.key);
          if (existing) return this.existingClaim(existing, requestHash, flow.what, now);
          const prepared = await flow.prepare(tx, now);
          if ('done' in prepared) {
            if (prepared.store !== false) {
              if (
                !(await tx.claims.insert({
                  scope: flow.scope,
                  key: flow.key,
                  requestHash,
                  kind: flow.kind,
                  pending: null,
                  claimToken: token,
                  leaseUntil: now,
                  createdAt: now,
                }))
              )
                throw new ClaimedMeanwhile();
              await tx.claims.complete(flow.scope, flow.key, prepared.done.statusCode, prepared.done.body);
            }
            return { step: 'done', done: prepared.done } as const;
          }
          const envelope: Envelope =
            'refund' in prepared
              ? { payer: flow.payer, refund: prepared.refund, data: prepared.pending }
              : { payer: flow.payer, charge: prepared.charge, data: prepared.pending };
          // Another instance claiming the same key at the same moment: one insert wins, the other's transaction (and what its prepare took) rolls back.
          if (
            !(await tx.claims.insert({
              scope: flow.scope,
              key: flow.key,
              requestHash,
              kind: flow.kind,
              pending: JSON.stringify(envelope),
              claimToken: token,
              leaseUntil: now + this.options.leaseMs,
              createdAt: now,
            }))
          )
            throw new ClaimedMeanwhile();
          return { step: 'charge', envelope } as const;
        });
      } catch (error) {
        // Claimed by another request meanwhile: read again, which answers from its claim (replay, in use, or another body).
        if (error instanceof ClaimedMeanwhile && attempt < 2) continue;
        if (error instanceof ClaimedMeanwhile) throw inProgress(flow.what);
        throw error;
      }
      if (first.step === 'done') return first.done;
      if (first.step === 'stale') {
        // Cut by a crash: reconcile with the provider, then answer from what that recorded (or start afresh if nothing was charged).
        if (attempt > 0) throw inProgress(flow.what);
        await this.recover(flow.scope, flow.key);
        continue;
      }
      let result: ChargeResult;
      try {
        result = await this.call(first.envelope, providerIdempotencyKey(flow.scope, flow.key, requestHash));
      } catch (error) {
        if (error instanceof PaymentMethodInvalidError) {
          // A definite refusal: nothing was charged, so the corrected request may use the key again.
          const envelope = first.envelope;
          await this.uow.transaction(async (tx) => {
            if (await tx.claims.release(flow.scope, flow.key, token))
              await this.handler(flow.kind).release?.(tx, envelope.data, this.clock());
          });
          throw flow.refusedMethod ? flow.refusedMethod(error) : error;
        }
        // Anything else may have charged (an answer lost on the way): the claim stays until its lease runs out and it is reconciled.
        throw error;
      }
      return (await this.settle(flow.kind, flow.scope, flow.key, requestHash, token, first.envelope, result)).outcome;
    }
  }

  /** Charges, or refunds: a refund the provider made (or took as pending) is final for recording; one it refused throws. */
  private async call(envelope: Envelope, idempotencyKey: string): Promise<ChargeResult> {
    if (envelope.refund) {
      const refund = await this.provider.refund(envelope.refund.reference, envelope.refund.amountMinor, {
        idempotencyKey,
      });
      if (refund.status === 'failed')
        throw new PaymentMethodInvalidError('The payment provider did not make the refund.');
      return { status: 'succeeded', reference: refund.reference };
    }
    if (!envelope.charge) throw new Error('A claim with neither a charge nor a refund.');
    return this.provider.charge({ ...envelope.charge, idempotencyKey });
  }

  /** What a key's existing claim answers: its stored answer, a refusal, or "stale" (its process died). */
  private existingClaim(existing: ClaimRow, requestHash: string, what: string, now: number) {
    if (existing.requestHash !== requestHash)
      throw new ApiError(
        422,
        'IDEMPOTENCY_KEY_REUSED',
        `This Idempotency-Key was already used for a different ${what}. Use a new key.`,
      );
    if (existing.statusCode !== null)
      return {
        step: 'done',
        done: { statusCode: existing.statusCode, body: JSON.parse(existing.body ?? 'null') as unknown },
      } as const;
    if (existing.leaseUntil !== null && existing.leaseUntil > now) throw inProgress(what);
    return { step: 'stale' } as const;
  }

  /** Records a provider answer for the claim held with `token`; the claim's answer is stored in the same transaction. */
  private settle(
    kind: ChargeKind,
    scope: string,
    key: string,
    requestHash: string,
    token: string,
    envelope: Envelope,
    result: ChargeResult,
  ): Promise<Recorded> {
    const handler = this.handler(kind);
    return this.uow.transaction(async (tx) => {
      const now = this.clock();
      // Locked: whoever else holds this claim's answer (a reconciliation) waits for this record, or this waits for theirs.
      const claim = await tx.claims.lock(scope, key);
      if (claim && claim.statusCode !== null)
        return { outcome: { statusCode: claim.statusCode, body: JSON.parse(claim.body ?? 'null') as unknown } };
      // Someone reconciling holds it now: they find this same payment at the provider and record it.
      if (claim && claim.claimToken !== token) throw inProgress('payment');
      // Released meanwhile (a lease shorter than this charge): the payment stands, so it is recorded under its key again.
      if (
        !claim &&
        !(await tx.claims.insert({
          scope,
          key,
          requestHash,
          kind,
          pending: JSON.stringify(envelope),
          claimToken: token,
          leaseUntil: now + this.options.leaseMs,
          createdAt: now,
        }))
      )
        throw inProgress('payment');
      let recorded: Recorded;
      if (result.status === 'requires_action' && handler.confirmable) {
        await handler.release?.(tx, envelope.data, now);
        const actionId = randomUUID();
        const { amountMinor, currency } = envelope.charge!;
        await tx.invoices.insertPaymentAction({
          id: actionId,
          kind: kind as 'checkout' | 'invoice' | 'product_keys',
          status: 'pending',
          tenantId: envelope.payer.tenantId,
          objectId: envelope.payer.objectId,
          idempotencyScope: scope,
          idempotencyKey: key,
          providerReference: result.reference,
          amountMinor,
          currency,
          request: JSON.stringify(envelope.data),
          createdAt: now,
          completedAt: null,
          response: null,
        });
        // The client secret lets the payer's browser authenticate with the provider's script (Stripe.js); only the payer's own key replays it.
        recorded = {
          outcome: {
            statusCode: 202,
            body: {
              status: 'requires_action',
              actionId,
              amountMinor,
              currency,
              ...(result.clientSecret ? { clientSecret: result.clientSecret } : {}),
            },
          },
        };
      } else {
        // Off-session payments cannot ask the payer: a provider asking for authentication there has not been paid.
        const final: FinalCharge =
          result.status === 'requires_action'
            ? { status: 'declined', reference: result.reference, reason: 'authentication_failed' }
            : result;
        recorded = await handler.record(tx, envelope.data, final, now);
      }
      const stored = recorded.stored ?? recorded.outcome;
      await tx.claims.complete(scope, key, stored.statusCode, stored.body);
      return recorded;
    });
  }

  /** Reconciles one claim whose lease ran out with the provider; a live or answered claim is left alone. */
  async recover(scope: string, key: string): Promise<void> {
    const token = randomUUID();
    const claim = await this.uow.transaction(async (tx) => {
      const now = this.clock();
      const row = await tx.claims.lock(scope, key);
      return row && (await tx.claims.takeOver(scope, key, token, now, now + this.options.leaseMs)) ? row : null;
    });
    if (!claim) return;
    const envelope = claim.pending ? (JSON.parse(claim.pending) as Envelope) : null;
    const kind = claim.kind as ChargeKind | null;
    let found: ChargeResult | null;
    try {
      // A refund is asked again with its idempotency key (the provider answers the refund it made, or makes it now).
      found = envelope?.refund
        ? await this.call(envelope, providerIdempotencyKey(scope, key, claim.requestHash))
        : await this.provider.findCharge(providerIdempotencyKey(scope, key, claim.requestHash));
    } catch (error) {
      // A refund the provider refuses now was never made under this key (it would answer the one it made): nothing to record, the claim goes.
      if (!(envelope?.refund && error instanceof PaymentMethodInvalidError)) {
        this.log(
          error,
          `Could not ask the payment provider about claim ${scope} ${key}; it is tried again when its lease runs out.`,
        );
        return;
      }
      found = null;
    }
    if (found === null) {
      await this.uow.transaction(async (tx) => {
        if ((await tx.claims.release(scope, key, token)) && envelope && kind)
          await this.handler(kind).release?.(tx, envelope.data, this.clock());
      });
      return;
    }
    if (!envelope || !kind) {
      this.log(
        new Error(`claim ${scope} ${key} was charged (${found.reference}) but predates recoverable claims`),
        'A payment needs to be recorded by hand.',
      );
      return;
    }
    try {
      await this.settle(kind, scope, key, claim.requestHash, token, envelope, found);
      await this.options.afterCommit?.();
    } catch (error) {
      this.log(
        error,
        `Recording the payment ${found.reference} of claim ${scope} ${key} failed; it is tried again when its lease runs out.`,
      );
    }
  }

  /** Reconciles every claim whose lease ran out (the server runs this periodically). */
  async recoverStale(limit = 100): Promise<number> {
    const stale = await this.uow.read.claims.stale(this.clock(), limit);
    for (const { scope, key } of stale) await this.recover(scope, key);
    return stale.length;
  }

  /**
   * The bank answered a payment that waited for confirmation (the buyer completing it, or the
   * provider's webhook): recorded once by its kind's handler. `webhookEventId` is marked processed
   * in the same transaction, so an event counts as handled only when its effect is recorded.
   */
  finishAction(
    actionId: string,
    result: FinalCharge,
    webhookEvent?: { id: string; type: string },
  ): Promise<Recorded & { duplicate: boolean }> {
    return this.uow.transaction(async (tx) => {
      const now = this.clock();
      if (webhookEvent && !(await tx.invoices.recordWebhookEvent(webhookEvent.id, webhookEvent.type, now)))
        return { outcome: { statusCode: 200, body: null }, duplicate: true };
      // Locked: the buyer's confirmation and the provider's webhook may arrive at two instances at once; one records, the other replays.
      const action = await tx.invoices.lockPaymentAction(actionId);
      if (!action)
        throw new ApiError(404, 'PAYMENT_ACTION_NOT_FOUND', 'No payment waiting for confirmation with this id.');
      if (action.status !== 'pending')
        return { outcome: JSON.parse(action.response ?? 'null') as Outcome, duplicate: false };
      const recorded = await this.handler(action.kind).record(tx, JSON.parse(action.request) as unknown, result, now);
      const stored = recorded.stored ?? recorded.outcome;
      await tx.invoices.completePaymentAction(
        action.id,
        result.status === 'succeeded' ? 'succeeded' : 'failed',
        now,
        stored,
      );
      await tx.claims.replaceAnswer(action.idempotencyScope, action.idempotencyKey, stored.statusCode, stored.body);
      return { ...recorded, duplicate: false };
    });
  }
}

/** The key was claimed by another request between looking it up and claiming it (two instances at once). */
class ClaimedMeanwhile extends Error {}
