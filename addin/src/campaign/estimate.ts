/**
 * How long a campaign takes, told before it starts (M16): the sending time at the configured pace
 * (30 messages a minute by default: 12,000 messages take about 6.7 hours) and, when the mailbox's
 * 24-hour recipient budget splits it over days (dailySplit.ts), how many days and when it should
 * be done. Pure; the runner paces and budgets message by message, this only tells what to expect.
 */
import type { BudgetSplit } from './dailySplit.js';

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;

export interface CampaignEstimate {
  /** Time spent sending, at the pace, without waiting for the budget. */
  sendingMs: number;
  /** Calendar days the campaign spans: 1 when it fits in what is left of the budget and a day's sending. */
  days: number;
  /** When the last message should go out, estimated. */
  finishesAt: number;
}

export function estimateCampaign(input: {
  messages: number;
  ratePerMinute: number;
  split: BudgetSplit | null;
  now: number;
}): CampaignEstimate | null {
  const { messages, now, split } = input;
  if (messages <= 0 || input.ratePerMinute <= 0) return null;
  const perMessage = MINUTE_MS / input.ratePerMinute;
  const parts = split?.parts ?? [{ messages, startsAt: now }];
  // Each part starts when the budget frees for it, or when the part before is done if that is later.
  let end = now;
  for (const part of parts) end = Math.max(part.startsAt, end) + part.messages * perMessage;
  const sendingMs = parts.reduce((sum, part) => sum + part.messages, 0) * perMessage;
  return { sendingMs, days: Math.max(parts.length, Math.ceil((end - now) / DAY_MS)), finishesAt: end };
}

/** A duration as the pane says it: under a minute, whole minutes (rounded up) below an hour, hours to one decimal. */
export type SpokenDuration =
  { unit: 'underMinute' } | { unit: 'minutes'; value: number } | { unit: 'hours'; value: number };

export function spokenDuration(ms: number): SpokenDuration {
  if (ms < MINUTE_MS) return { unit: 'underMinute' };
  const minutes = Math.ceil(ms / MINUTE_MS);
  if (minutes < 60) return { unit: 'minutes', value: minutes };
  return { unit: 'hours', value: Math.round(ms / (6 * MINUTE_MS)) / 10 };
}
