/** Plan periods (B1): calendar-based in UTC. Prices are in shared/src/billing/pricing.ts. */
import type { PlanConfig } from '../config.js';
import { ApiError } from '../http/apiError.js';

/** The end of a period that starts at `start`: one calendar month or year later (31 Jan + 1 month = 28/29 Feb). */
export function periodEnd(start: number, interval: PlanConfig['interval']): number {
  const date = new Date(start);
  const day = date.getUTCDate();
  const end = new Date(start);
  end.setUTCDate(1);
  if (interval === 'month') end.setUTCMonth(end.getUTCMonth() + 1);
  else end.setUTCFullYear(end.getUTCFullYear() + 1);
  const lastDay = new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth() + 1, 0)).getUTCDate();
  end.setUTCDate(Math.min(day, lastDay));
  return end.getTime();
}

/** The configured plan a request names; an unknown one is the client's mistake (400 PLAN_UNKNOWN). */
export function requestedPlan(plans: readonly PlanConfig[], id: string): PlanConfig {
  const plan = plans.find((p) => p.id === id);
  if (!plan)
    throw new ApiError(
      400,
      'PLAN_UNKNOWN',
      `Unknown plan "${id}". Choose one of: ${plans.map((p) => p.id).join(', ')}.`,
    );
  return plan;
}
