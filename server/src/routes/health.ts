/**
 * Liveness and readiness for load balancers and orchestrators: `/healthz` answers while the process
 * does; `/readyz` says whether this instance should get requests now — its database answers (within
 * two seconds) and it is not draining before a stop (../main.ts).
 */
import { Type } from 'typebox';
import { errorAnswers } from '../http/answers.js';
import { ApiError } from '../http/apiError.js';
import type { Api } from './schemas.js';

export interface Readiness {
  /** Resolves when this instance can serve; throws 503 NOT_READY otherwise. */
  check(): Promise<void>;
}

/** How long the readiness probe waits for the database before answering "not ready". */
const DATABASE_PROBE_MS = 2000;

/** Ready unless draining, and while `ping` (a round trip to the database) comes back in time. */
export function readiness(ping: () => Promise<void>, draining: () => boolean): Readiness {
  return {
    async check() {
      if (draining()) throw new ApiError(503, 'NOT_READY', 'This instance is stopping: send requests to another.');
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('no answer in time')), DATABASE_PROBE_MS);
      });
      try {
        await Promise.race([ping(), late]);
      } catch {
        throw new ApiError(503, 'NOT_READY', 'The database does not answer this instance: send requests to another.');
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

export function registerHealthRoutes(app: Api, ready: Readiness): void {
  app.get(
    '/healthz',
    { schema: { summary: 'Liveness', response: { 200: Type.Object({ status: Type.Literal('ok') }) } } },
    async () => ({ status: 'ok' as const }),
  );
  app.get(
    '/readyz',
    {
      schema: {
        summary: 'Readiness: whether this instance should get requests (its database answers, it is not stopping)',
        response: { 200: Type.Object({ status: Type.Literal('ready') }), ...errorAnswers(503) },
      },
    },
    async (_request, reply) => {
      await ready.check();
      return reply.header('Cache-Control', 'no-store').send({ status: 'ready' as const });
    },
  );
}
