/**
 * The two engines the repository contract suite runs on: a fresh SQLite file, and a fresh database
 * on the run's embedded PostgreSQL (../helpers/postgresGlobalSetup.ts).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import type { Migration } from '../../server/src/storage/migrations.js';
import { UnitOfWork } from '../../server/src/storage/unitOfWork.js';
import { createDatabase, dropDatabase } from '../helpers/embeddedPostgres.js';

export interface Engine {
  name: 'sqlite' | 'postgres';
  /** A new empty database of this engine: where to open it (twice, for a second connection). */
  create(): Promise<{
    open(options?: { migrations?: readonly Migration[]; poolSize?: number }): Promise<UnitOfWork>;
    drop(): Promise<void>;
  }>;
}

export const ENGINES: Engine[] = [
  {
    name: 'sqlite',
    async create() {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outmerge-contract-'));
      const sqliteFile = path.join(dir, 'db.sqlite');
      return {
        open: (options = {}) => UnitOfWork.open({ sqliteFile, ...options }),
        drop: async () => fs.rmSync(dir, { recursive: true, force: true }),
      };
    },
  },
  {
    name: 'postgres',
    async create() {
      const databaseUrl = await createDatabase(inject('postgresUrl'));
      return {
        open: (options = {}) => UnitOfWork.open({ databaseUrl, ...options }),
        drop: () => dropDatabase(databaseUrl),
      };
    },
  },
];
