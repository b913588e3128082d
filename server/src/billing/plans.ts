/** Plan periods (B1): calendar-based in UTC. Prices are in shared/src/billing/pricing.ts. */
import type { PlanConfig } from '../config.js';

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
