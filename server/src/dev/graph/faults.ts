/**
 * Fault injection for the Graph stand-in, controlled by tests: a seeded plan of failures applied
 * to send-path requests, so that "exactly once" can be checked over many reproducible runs.
 *
 * - drop-before: the connection is cut before anything happens (nothing delivered);
 * - drop-after: the request takes effect, then the connection is cut (the client cannot know);
 * - 503: refused, nothing happened; 504: the request took effect but the answer is a gateway timeout;
 * - 429-burst: a run of 429s with Retry-After.
 */
import { prng } from './prng.js';

export type FaultKind = 'drop-before' | 'drop-after' | '503' | '504' | '429';

export interface FaultPlan {
  seed: number;
  /** Probability of each fault per request, applied in this order. */
  probabilities: Partial<Record<FaultKind, number>>;
  /** Operations the plan applies to. */
  operations: Array<'create' | 'send' | 'sendMail' | 'list' | 'upload'>;
  /** Seconds in the Retry-After of injected 429s. */
  retryAfterSeconds?: number;
}

export class FaultInjector {
  private plan: FaultPlan | null = null;
  private random: () => number = Math.random;
  readonly injected: Record<FaultKind, number> = { 'drop-before': 0, 'drop-after': 0, '503': 0, '504': 0, '429': 0 };

  set(plan: FaultPlan | null): void {
    this.plan = plan;
    this.random = plan ? prng(plan.seed) : Math.random;
    for (const kind of Object.keys(this.injected) as FaultKind[]) this.injected[kind] = 0;
  }

  current(): FaultPlan | null {
    return this.plan;
  }

  next(operation: 'create' | 'send' | 'sendMail' | 'list' | 'upload'): FaultKind | null {
    if (!this.plan || !this.plan.operations.includes(operation)) return null;
    for (const kind of ['drop-before', 'drop-after', '503', '504', '429'] as const) {
      const probability = this.plan.probabilities[kind] ?? 0;
      if (probability > 0 && this.random() < probability) {
        this.injected[kind]++;
        return kind;
      }
    }
    return null;
  }
}
