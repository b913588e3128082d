/**
 * A periodic job that every instance schedules and one runs at a time: the instance whose timer
 * fires takes the job's lease (../storage/repositories/jobs.ts) or, when another instance holds
 * it, does nothing this time. An instance that dies mid-run leaves the job to whoever fires after
 * the lease ran out. The job's own work stays safe item by item (claims, row locks): the lease
 * saves every instance doing it again, correctness does not rest on it.
 *
 * Why a lease row rather than `pg_try_advisory_xact_lock`: a transaction-scoped lock lasts as long
 * as its transaction, and a renewal run charges the payment provider and sends email between its
 * transactions; holding one transaction open across those calls is what the storage rules forbid
 * (and would pin a pooled connection for the whole run). A session-level advisory lock would tie
 * the job to one pooled connection and vanish silently with it. The lease is one conditional
 * UPDATE, the same on SQLite and PostgreSQL, and says who ran last (`job_leases`).
 */
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import type { UnitOfWork } from '../storage/unitOfWork.js';

/** This instance's name in job leases: host, process and a random part (a restarted process is another holder). */
export const INSTANCE_ID = `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

export interface ExclusiveJobOptions {
  name: string;
  /** How long the lease holds; longer than a run usually takes. */
  leaseMs: number;
  clock?: () => number;
  holder?: string;
}

/** Runs `work` if this instance gets the job's lease; whether it ran. */
export async function runExclusively(
  uow: UnitOfWork,
  options: ExclusiveJobOptions,
  work: () => Promise<void>,
): Promise<boolean> {
  const clock = options.clock ?? Date.now;
  const holder = options.holder ?? INSTANCE_ID;
  const now = clock();
  if (!(await uow.transaction((tx) => tx.jobs.tryLease(options.name, holder, now, now + options.leaseMs))))
    return false;
  try {
    await work();
  } finally {
    await uow.transaction((tx) => tx.jobs.finish(options.name, holder, clock()));
  }
  return true;
}
