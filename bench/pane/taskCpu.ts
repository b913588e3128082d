/**
 * The CPU time of the page's main-thread tasks, from a Chromium trace: each task is a
 * `ThreadControllerImpl::RunTask` complete event of the renderer's main thread (category
 * `toplevel`), whose `dur` is its wall time and `tdur` the CPU time the thread had meanwhile.
 *
 * Why both: a long task (Long Tasks API) is wall time, and on a machine loaded by others a task
 * that needs 40 ms of CPU can last 150 ms (measured: a 150 ms busy loop had 41 ms of CPU at a load
 * average of 13 on 2 CPUs). The CPU time is what the same task blocks an idle machine's pane for.
 * The flow's steps are found by their `performance.mark` (category `blink.user_timing`).
 */

export const TRACE_CATEGORIES = ['toplevel', 'blink.user_timing'];

interface TraceEvent {
  name: string;
  cat?: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

export interface TaskTimes {
  /** Per step (in mark order), the longest task's CPU time and its wall time, in ms. */
  byStep: Record<string, { cpuMs: number; wallMs: number }>;
}

/** `marks`: the names of the page's `performance.mark`s, in order; a step lasts from its mark to the next. */
export function taskTimes(trace: { traceEvents?: TraceEvent[] } | TraceEvent[], marks: readonly string[]): TaskTimes {
  const events = Array.isArray(trace) ? trace : (trace.traceEvents ?? []);
  const markAt = new Map<string, { ts: number; pid: number; tid: number }>();
  for (const event of events)
    if (event.cat?.includes('blink.user_timing') && marks.includes(event.name) && !markAt.has(event.name))
      markAt.set(event.name, event);
  const first = markAt.get(marks[0]!);
  if (!first) throw new Error("the trace has none of the flow's marks");
  // The page's main thread is the one its marks were made on.
  const tasks = events.filter(
    (e) =>
      e.ph === 'X' &&
      e.name === 'ThreadControllerImpl::RunTask' &&
      e.pid === first.pid &&
      e.tid === first.tid &&
      e.dur !== undefined,
  );
  const byStep: TaskTimes['byStep'] = {};
  for (let i = 0; i < marks.length - 1; i++) {
    const from = markAt.get(marks[i]!)?.ts;
    const until = markAt.get(marks[i + 1]!)?.ts ?? Number.POSITIVE_INFINITY;
    if (from === undefined) continue;
    let longest = { cpuMs: 0, wallMs: 0 };
    for (const task of tasks) {
      if (task.ts < from || task.ts >= until) continue;
      const cpuMs = (task.tdur ?? task.dur!) / 1000;
      if (cpuMs > longest.cpuMs) longest = { cpuMs, wallMs: task.dur! / 1000 };
    }
    byStep[marks[i]!] = longest;
  }
  return { byStep };
}
