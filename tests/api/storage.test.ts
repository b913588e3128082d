import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../server/src/storage/migrations.js';
import { Storage } from '../../server/src/storage/storage.js';

describe('storage', () => {
  it('migrates a new file to the latest version, forward only, and reopens without redoing anything', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'outmerge-db-')), 'db.sqlite');
    const first = Storage.open(file, MIGRATIONS.slice(0, 0));
    expect(first.schemaVersion()).toBe(0);
    first.close();
    for (let version = 1; version <= MIGRATIONS.length; version++) {
      const storage = Storage.open(file, MIGRATIONS.slice(0, version));
      expect(storage.schemaVersion()).toBe(version);
      storage.close();
    }
    const reopened = Storage.open(file);
    expect(reopened.schemaVersion()).toBe(MIGRATIONS.length);
    expect(reopened.integrityCheck()).toBe('ok');
    reopened.close();
  });

  it('rolls back a transaction that throws: nothing is half-written', () => {
    const storage = Storage.open(path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'outmerge-db-')), 'db.sqlite'));
    expect(() =>
      storage.transaction(() => {
        storage.insertOrganisation({ id: 'o1', tenantId: 't1', name: 'n', createdAt: 1 });
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(storage.findOrganisationByTenant('t1')).toBeUndefined();
    storage.close();
  });
});
