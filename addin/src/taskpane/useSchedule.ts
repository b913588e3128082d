/**
 * "Send later" for React: the chosen date and time (a `datetime-local` value, read in the user's
 * own time zone), why it cannot be scheduled, and — for the campaign as planned — the parts
 * Exchange will send it in and how long handing it over takes. The times themselves are
 * schedule.ts's, computed again when the campaign starts with the budget as it is then.
 */
import { useCallback, useMemo, useState } from 'react';
import type { PlannedMessages } from '../campaign/planCampaign.js';
import { recipientsOf } from '../campaign/outgoingMessage.js';
import {
  deferredTimes,
  localDateTime,
  scheduleParts,
  scheduleProblem,
  type CampaignSchedule,
  type SchedulePart,
} from '../campaign/schedule.js';

export interface SchedulePreview {
  parts: SchedulePart[];
  /** Minutes Outmerge needs to hand every message to Exchange, at the sending rate. */
  prepareMinutes: number;
  /** Handing over ends after the chosen time: the first messages go out as they are handed over. */
  late: boolean;
}

/** The next whole hour after the next one, as a `datetime-local` value in the user's time zone. */
export function defaultScheduleValue(now: number): string {
  const at = new Date(now);
  at.setHours(at.getHours() + 2, 0, 0, 0);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}`;
}

export function useSchedule(input: {
  messages: PlannedMessages | null;
  limit: number;
  ratePerMinute: number;
  counted: (now: number) => Array<[number, number]>;
}) {
  const { messages, limit, ratePerMinute, counted } = input;
  const [enabled, setEnabled] = useState(false);
  const [value, setValue] = useState(() => defaultScheduleValue(Date.now()));
  const startAt = localDateTime(value);
  const problem = enabled ? scheduleProblem(startAt, Date.now()) : null;
  const recipients = useMemo(() => (messages ? messages.checked.map(recipientsOf) : []), [messages]);
  const schedule = useCallback(
    (now: number): CampaignSchedule | null =>
      enabled && scheduleProblem(startAt, now) === null
        ? { startAt, limit, ratePerMinute, counted: counted(now) }
        : null,
    [enabled, startAt, limit, ratePerMinute, counted],
  );
  const preview = useMemo((): SchedulePreview | null => {
    const now = Date.now();
    const chosen = schedule(now);
    if (!chosen || recipients.length === 0) return null;
    const prepareMinutes = Math.max(1, Math.ceil(recipients.length / ratePerMinute));
    return {
      parts: scheduleParts(deferredTimes(recipients, chosen), recipients),
      prepareMinutes,
      late: now + prepareMinutes * 60_000 > chosen.startAt,
    };
  }, [schedule, recipients, ratePerMinute]);
  const timeZone = useMemo(() => Intl.DateTimeFormat().resolvedOptions().timeZone, []);
  return { enabled, setEnabled, value, setValue, startAt, problem, preview, schedule, timeZone };
}

export type ScheduleState = ReturnType<typeof useSchedule>;
