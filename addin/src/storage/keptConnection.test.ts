import { describe, expect, it } from 'vitest';
import { keptConnection, type ConnectionLoss } from './keptConnection.js';

/** Openings the test sees and answers: each a connection object that records its close. */
function openings() {
  const made: Array<{ loss: ConnectionLoss; connection: { n: number; closed: boolean; close(): void } }> = [];
  let failNext = false;
  const open = async (loss: ConnectionLoss) => {
    if (failNext) {
      failNext = false;
      throw new Error('storage refused');
    }
    const connection = {
      n: made.length + 1,
      closed: false,
      close() {
        this.closed = true;
      },
    };
    made.push({ loss, connection });
    return connection;
  };
  return { made, open, failNext: () => (failNext = true) };
}

const asIdb = (connection: object) => connection as unknown as IDBDatabase;

describe('keptConnection', () => {
  it('opens once for every use until the connection goes', async () => {
    const { made, open } = openings();
    const connection = keptConnection(open);
    const [a, b] = await Promise.all([connection(), connection()]);
    expect(a).toBe(b);
    expect(await connection()).toBe(a);
    expect(made).toHaveLength(1);
  });

  it('closes the connection at once on versionchange, and opens a new one on the next use', async () => {
    const { made, open } = openings();
    const connection = keptConnection(open);
    const first = await connection();
    made[0]!.loss.onVersionChange(asIdb(first));
    expect(first.closed).toBe(true);
    expect(made).toHaveLength(1); // lazily: nothing opened until it is used
    const second = await connection();
    expect(second.n).toBe(2);
    expect(second.closed).toBe(false);
    expect(await connection()).toBe(second);
  });

  it('opens a new one on the next use after the browser closed it', async () => {
    const { made, open } = openings();
    const connection = keptConnection(open);
    await connection();
    made[0]!.loss.onClose();
    expect((await connection()).n).toBe(2);
  });

  it('does not forget a newer connection when an older one reports its loss late', async () => {
    const { made, open } = openings();
    const connection = keptConnection(open);
    await connection();
    made[0]!.loss.onClose();
    const second = await connection();
    made[0]!.loss.onClose();
    made[0]!.loss.onVersionChange(asIdb(made[0]!.connection));
    expect(await connection()).toBe(second);
    expect(made).toHaveLength(2);
  });

  it('tries again on the next use after an opening failed', async () => {
    const { made, open, failNext } = openings();
    const connection = keptConnection(open);
    failNext();
    await expect(connection()).rejects.toThrow('storage refused');
    expect((await connection()).n).toBe(1);
    expect(made).toHaveLength(1);
  });
});
