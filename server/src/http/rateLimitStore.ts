/**
 * @fastify/rate-limit's counts in the database, so that every instance behind the load balancer
 * counts the same client against one limit (the plugin's own store counts per process). Used on
 * PostgreSQL (several instances); SQLite, one process, keeps the plugin's in-memory store and its
 * license checks free of a write. The store contract is the plugin's (`incr`, `child`); each route's
 * counts are kept apart by its method and URL pattern, as the plugin's Redis store does.
 */
import type { FastifyRateLimitOptions, FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { UnitOfWork } from '../storage/unitOfWork.js';

export function databaseRateLimitStore(uow: UnitOfWork, clock: () => number = Date.now): FastifyRateLimitStoreCtor {
  class DatabaseRateLimitStore implements FastifyRateLimitStore {
    constructor(
      _options: FastifyRateLimitOptions,
      private readonly prefix = '',
    ) {}

    incr(
      key: string,
      callback: (error: Error | null, result?: { current: number; ttl: number }) => void,
      timeWindow: number,
    ): void {
      const now = clock();
      uow.read.rateLimits.hit(`${this.prefix}${key}`, timeWindow, now).then(
        ({ count, windowStart }) =>
          callback(null, { current: count, ttl: Math.max(0, windowStart + timeWindow - now) }),
        (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
      );
    }

    child(
      routeOptions: { routeInfo?: { method?: string; url?: string } } & FastifyRateLimitOptions,
    ): FastifyRateLimitStore {
      return new DatabaseRateLimitStore(
        routeOptions,
        `${this.prefix}${routeOptions.routeInfo?.method ?? ''}${routeOptions.routeInfo?.url ?? ''}-`,
      );
    }
  }
  return DatabaseRateLimitStore as unknown as FastifyRateLimitStoreCtor;
}
