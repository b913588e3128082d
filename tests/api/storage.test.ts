import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../server/src/storage/migrations.js';
import { UnitOfWork } from '../../server/src/storage/unitOfWork.js';

const newFile = () => path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'outmerge-db-')), 'db.sqlite');

describe('storage (SQLite)', () => {
  it('migrates a new file to the latest version, forward only, and reopens without redoing anything', async () => {
    const file = newFile();
    const first = await UnitOfWork.open({ sqliteFile: file, migrations: MIGRATIONS.slice(0, 0) });
    expect(await first.schemaVersion()).toBe(0);
    await first.close();
    for (let version = 1; version <= MIGRATIONS.length; version++) {
      const storage = await UnitOfWork.open({ sqliteFile: file, migrations: MIGRATIONS.slice(0, version) });
      expect(await storage.schemaVersion()).toBe(version);
      await storage.close();
    }
    const reopened = await UnitOfWork.open({ sqliteFile: file });
    expect(await reopened.schemaVersion()).toBe(MIGRATIONS.length);
    expect(reopened.integrityCheck()).toBe('ok');
    await reopened.close();
  });

  it('rolls back a transaction that throws: nothing is half-written', async () => {
    const storage = await UnitOfWork.open({ sqliteFile: newFile() });
    await expect(
      storage.transaction(async (tx) => {
        await tx.organisations.insert({ id: 'o1', tenantId: 't1', name: 'n', createdAt: 1 });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await storage.read.organisations.findByTenant('t1')).toBeUndefined();
    await storage.close();
  });
});
