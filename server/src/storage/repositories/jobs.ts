/**
 * Periodic jobs across instances: every instance's timer fires, one instance runs the job. A job
 * is run under a lease (holder, until when), taken by a conditional update that only one
 * transaction can win; an instance that dies mid-run leaves the job to whoever fires after the
 * lease ran out. What the job does is made safe item by item too (claims, row locks), so the
 * lease saves work, and correctness does not rest on it.
 */
import type { Kysely } from 'kysely';
import type { Schema } from '../schema.js';

export class JobRepository {
  constructor(private readonly db: Kysely<Schema>) {}

  /** Takes the job's lease until `until`, unless another holder's has not run out; whether this holder runs the job. */
  async tryLease(name: string, holder: string, now: number, until: number): Promise<boolean> {
    await this.db
      .insertInto('job_leases')
      .values({ name, holder: null, lease_until: null, last_run_at: null })
      .onConflict((oc) => oc.column('name').doNothing())
      .execute();
    const result = await this.db
      .updateTable('job_leases')
      .set({ holder, lease_until: until })
      .where('name', '=', name)
      .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<=', now), eb('holder', '=', holder)]))
      .executeTakeFirst();
    return result.numUpdatedRows === 1n;
  }

  /** The run is over: the lease is given back, and when it ran is kept. */
  async finish(name: string, holder: string, at: number): Promise<void> {
    await this.db
      .updateTable('job_leases')
      .set({ lease_until: null, last_run_at: at })
      .where('name', '=', name)
      .where('holder', '=', holder)
      .execute();
  }

  async lastRun(name: string): Promise<{ holder: string | null; lastRunAt: number | null } | undefined> {
    return this.db
      .selectFrom('job_leases')
      .select(['holder', 'last_run_at as lastRunAt'])
      .where('name', '=', name)
      .executeTakeFirst();
  }
}
