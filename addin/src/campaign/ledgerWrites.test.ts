import { describe, expect, it } from 'vitest';
import { LedgerWrites } from './ledgerWrites.js';

/** A write that finishes when the test says so. */
function controlledWrites() {
  const calls: Array<{ rows: number[]; finish: (error?: Error) => void }> = [];
  const write = (rows: number[]) =>
    new Promise<void>((resolve, reject) => {
      calls.push({ rows, finish: (error) => (error ? reject(error) : resolve()) });
    });
  return { calls, write };
}

/** Later than a write waits for more changes (16 ms). */
const tick = () => new Promise((resolve) => setTimeout(resolve, 50));

describe('LedgerWrites', () => {
  it('writes the changes of one task together, those made while a write is under way in the next one, each row once, in order', async () => {
    const { calls, write } = controlledWrites();
    const writes = new LedgerWrites(write);
    const first = writes.record(2);
    expect(writes.record(5)).toBe(first);
    await tick();
    expect(calls.map((c) => c.rows)).toEqual([[2, 5]]);
    // While the first write is under way: three changes, row 3 twice, and the ledger's own fields.
    const second = writes.record(3);
    expect(writes.record(4)).toBe(second);
    expect(writes.record(3)).toBe(second);
    expect(writes.record()).toBe(second);
    await tick();
    expect(calls).toHaveLength(1);
    let secondDone = false;
    void second.then(() => (secondDone = true));
    calls[0]!.finish();
    await first;
    await tick();
    expect(calls.map((c) => c.rows)).toEqual([
      [2, 5],
      [3, 4],
    ]);
    expect(secondDone).toBe(false);
    calls[1]!.finish();
    await second;
    await writes.settled();
  });

  it('once a write fails, every later change fails the same way and nothing more is written', async () => {
    const { calls, write } = controlledWrites();
    const writes = new LedgerWrites(write);
    const first = writes.record(2);
    await tick();
    const second = writes.record(3);
    calls[0]!.finish(new Error('another pane holds the campaign'));
    await expect(first).rejects.toThrow('another pane');
    await expect(second).rejects.toThrow('another pane');
    await expect(writes.record(4)).rejects.toThrow('another pane');
    await expect(writes.settled()).rejects.toThrow('another pane');
    expect(calls).toHaveLength(1);
  });
});
