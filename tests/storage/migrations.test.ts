/**
 * PostgreSQL's migrations, as SQLite's are tested (tests/api/storage.test.ts): from an empty
 * database and from every earlier version to the latest, forward only, without redoing anything;
 * and several instances starting at once on an empty database migrate it once.
 */
import { describe, expect, it } from 'vitest';
import { POSTGRES_MIGRATIONS } from '../../server/src/storage/postgresMigrations.js';
import { ENGINES } from './engines.js';

const postgres = ENGINES.find((engine) => engine.name === 'postgres')!;

describe('PostgreSQL migrations', () => {
  it('migrate an empty database to every version in turn, and reopen without redoing anything', async () => {
    const database = await postgres.create();
    try {
      const empty = await database.open({ migrations: [] });
      expect(await empty.schemaVersion()).toBe(0);
      await empty.close();
      for (let version = 1; version <= POSTGRES_MIGRATIONS.length; version++) {
        const uow = await database.open({ migrations: POSTGRES_MIGRATIONS.slice(0, version) });
        expect(await uow.schemaVersion()).toBe(version);
        await uow.close();
      }
      const reopened = await database.open();
      expect(await reopened.schemaVersion()).toBe(POSTGRES_MIGRATIONS.length);
      await reopened.transaction((tx) =>
        tx.organisations.insert({ id: 'o1', tenantId: 't1', name: 'contoso.example', createdAt: 1 }),
      );
      await reopened.close();
      // A restart keeps the rows: nothing is created again.
      const again = await database.open();
      expect(await again.read.organisations.findByTenant('t1')).toMatchObject({ id: 'o1' });
      await again.close();
    } finally {
      await database.drop();
    }
  });

  it('migrates once when several instances start at the same time on an empty database', async () => {
    const database = await postgres.create();
    try {
      const instances = await Promise.all(Array.from({ length: 4 }, () => database.open({ poolSize: 2 })));
      for (const uow of instances) expect(await uow.schemaVersion()).toBe(POSTGRES_MIGRATIONS.length);
      await Promise.all(instances.map((uow) => uow.close()));
    } finally {
      await database.drop();
    }
  });
});
