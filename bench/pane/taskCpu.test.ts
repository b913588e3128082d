import { describe, expect, it } from 'vitest';
import { taskTimes } from './taskCpu.js';

const task = (ts: number, dur: number, tdur: number, tid = 1) => ({
  name: 'ThreadControllerImpl::RunTask',
  cat: 'toplevel',
  ph: 'X',
  pid: 7,
  tid,
  ts,
  dur,
  tdur,
});
const mark = (name: string, ts: number) => ({ name, cat: 'blink.user_timing', ph: 'R', pid: 7, tid: 1, ts });

describe('taskTimes', () => {
  it("gives each step the task of its mark's thread that had the most CPU, with its wall time", () => {
    const trace = {
      traceEvents: [
        mark('a', 1_000),
        task(1_100, 150_000, 40_000), // long on the wall (a loaded machine), little CPU
        task(200_000, 60_000, 55_000),
        task(210_000, 900_000, 900_000, 2), // another thread (a worker): not the pane's UI
        mark('b', 300_000),
        task(300_100, 20_000, 19_000),
        mark('end', 400_000),
        task(400_100, 500_000, 500_000), // after the flow
      ],
    };
    expect(taskTimes(trace, ['a', 'b', 'end']).byStep).toEqual({
      a: { cpuMs: 55, wallMs: 60 },
      b: { cpuMs: 19, wallMs: 20 },
    });
  });

  it('says so when the trace has none of the marks', () => {
    expect(() => taskTimes([task(0, 1, 1)], ['a', 'end'])).toThrow(/none of the flow's marks/);
  });
});
