/**
 * The license signing keys every instance shares when they run on PostgreSQL (../../license/
 * signingKeys.ts decides which signs and which are published). Private JWKs are stored as given:
 * whoever reads this table can sign licenses, as whoever reads LICENSE_SIGNING_KEYS can; the
 * database's own access control and encryption at rest protect it.
 */
import type { Kysely } from 'kysely';
import type { Schema } from '../schema.js';

export interface SigningKeyRow {
  kid: string;
  privateJwk: string;
  createdAt: number;
  signsFrom: number;
  retiredAt: number | null;
}

const COLUMNS = [
  'kid',
  'private_jwk as privateJwk',
  'created_at as createdAt',
  'signs_from as signsFrom',
  'retired_at as retiredAt',
] as const;

export class SigningKeyRepository {
  constructor(private readonly db: Kysely<Schema>) {}

  /** Keys not retired at `now`, newest first. */
  async current(now: number): Promise<SigningKeyRow[]> {
    return this.db
      .selectFrom('signing_keys')
      .select(COLUMNS)
      .where((eb) => eb.or([eb('retired_at', 'is', null), eb('retired_at', '>', now)]))
      .orderBy('signs_from', 'desc')
      .orderBy('created_at', 'desc')
      .execute();
  }

  async all(): Promise<SigningKeyRow[]> {
    return this.db.selectFrom('signing_keys').select(COLUMNS).orderBy('signs_from', 'desc').execute();
  }

  async insert(row: SigningKeyRow): Promise<void> {
    await this.db
      .insertInto('signing_keys')
      .values({
        kid: row.kid,
        private_jwk: row.privateJwk,
        created_at: row.createdAt,
        signs_from: row.signsFrom,
        retired_at: row.retiredAt,
      })
      .execute();
  }

  /** Stops publishing a key from `at`; false when no such key is published. */
  async retire(kid: string, at: number): Promise<boolean> {
    const result = await this.db
      .updateTable('signing_keys')
      .set({ retired_at: at })
      .where('kid', '=', kid)
      .where('retired_at', 'is', null)
      .executeTakeFirst();
    return result.numUpdatedRows === 1n;
  }
}
