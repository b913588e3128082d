/**
 * Liveness and readiness for a load balancer: ready while the database answers, not ready (503
 * NOT_READY) once the instance drains before stopping, while it still serves what it is sent;
 * liveness stays. (A database that stops answering: tests/storage/instances.test.ts.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/testServer.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe('readiness', () => {
  it('is ready while the database answers, and says 503 NOT_READY once draining, still serving requests', async () => {
    const ready = await server.call('GET', '/readyz');
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready' });
    expect(ready.headers['cache-control']).toBe('no-store');
    server.drain();
    const draining = await server.call('GET', '/readyz');
    expect(draining.statusCode).toBe(503);
    expect(draining.json()).toMatchObject({ error: { code: 'NOT_READY' } });
    // Liveness stays, and requests the balancer still sends are answered.
    expect((await server.call('GET', '/healthz')).json()).toEqual({ status: 'ok' });
    expect((await server.call('GET', '/api/v1/plans')).statusCode).toBe(200);
  });
});
