/**
 * The ES256 keys that sign license tokens, the same on every instance. Three sources, in order:
 *
 * - Configuration (LICENSE_SIGNING_KEYS, a JSON array of private JWKs, newest first): every key
 *   is published, the first one signs. Rotating is adding a new key at the end everywhere,
 *   moving it to the front once every cached key set has it, and dropping the old one once tokens
 *   it signed have expired.
 * - With DATABASE_URL, the database (`signing_keys`): the first instance generates a key (under an
 *   advisory lock, so instances starting together make one), every instance reads them and reads
 *   again every minute (`refresh`). Every key not retired is published; the newest whose
 *   `signs_from` has come signs, so a rotated key is published by all before any signs with it
 *   (../admin/licenseSigningKeys.ts). Never generated per instance.
 * - Otherwise (SQLite, one process), a file in the data folder, generated on first start (never
 *   committed), managed like the configured list.
 */
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, SignJWT, type JWK } from 'jose';
import fs from 'node:fs';
import path from 'node:path';
import { LICENSE_TOKEN_ALGORITHM, LICENSE_TOKEN_TYPE, type LicenseClaims } from '#shared/license/licenseToken.js';
import type { SigningKeyRow, UnitOfWork } from '../storage/unitOfWork.js';

/** Signs license tokens with one key: a compact JWS, header `{ alg: ES256, typ, kid }`. */
export interface LicenseTokenSigner {
  readonly kid: string;
  sign(claims: LicenseClaims): Promise<string>;
}

export interface SigningKeys {
  /** The key that signs now. */
  readonly signing: LicenseTokenSigner;
  /** Public halves of every published key, for `/.well-known/jwks.json`. */
  readonly jwks: { keys: JWK[] };
  /** Reads the shared keys again (database keys; configured and file keys do not change while running). */
  refresh(): Promise<void>;
}

interface LoadedKey {
  signer: LicenseTokenSigner;
  publicJwk: JWK;
}

const KEY_FILE = 'license-signing-keys.json';
/** Held while the first key is made, so that instances starting together make one. */
const FIRST_KEY_LOCK = 'outmerge:license-signing-keys';

/** A new private P-256 key as a JWK, its `kid` the key's thumbprint. */
export async function newSigningJwk(): Promise<JWK> {
  const { privateKey } = await generateKeyPair(LICENSE_TOKEN_ALGORITHM, { extractable: true });
  const jwk = await exportJWK(privateKey);
  jwk.kid = await calculateJwkThumbprint(jwk);
  return jwk;
}

/**
 * The signer of one private key: the only code that signs a license token (the license bench's
 * baselines load a key through `loadSigningKeys` too, so they sign exactly as a check does).
 */
function licenseTokenSigner(kid: string, key: CryptoKey): LicenseTokenSigner {
  return {
    kid,
    sign: ({ iss, aud, sub, iat, nbf, exp, ...claims }) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: LICENSE_TOKEN_ALGORITHM, kid, typ: LICENSE_TOKEN_TYPE })
        .setIssuer(iss)
        .setAudience(aud)
        .setSubject(sub)
        .setIssuedAt(iat)
        .setNotBefore(nbf)
        .setExpirationTime(exp)
        .sign(key),
  };
}

/** A private JWK (its `kid` set or computed), checked to be a P-256 key, made a signer and a public JWK. */
async function loadKey(jwk: JWK): Promise<LoadedKey> {
  if (jwk.kty !== 'EC' || jwk.crv !== 'P-256' || !jwk.d)
    throw new Error('License signing keys must be private P-256 (ES256) JWKs.');
  const kid = jwk.kid ?? (await calculateJwkThumbprint(jwk));
  const { d: _private, ...publicJwk } = jwk;
  return {
    signer: licenseTokenSigner(kid, (await importJWK({ ...jwk, kid }, LICENSE_TOKEN_ALGORITHM)) as CryptoKey),
    publicJwk: { ...publicJwk, kid, alg: LICENSE_TOKEN_ALGORITHM, use: 'sig' },
  };
}

/** A fixed list: the first key signs, all are published. */
async function fixedKeys(privateJwks: JWK[]): Promise<SigningKeys> {
  const keys = await Promise.all(privateJwks.map(loadKey));
  const first = keys[0];
  if (!first) throw new Error('At least one license signing key is needed.');
  const signing = first.signer;
  const jwks = { keys: keys.map((k) => k.publicJwk) };
  return { signing, jwks, refresh: async () => {} };
}

/** The instances' shared keys in the database, read again by `refresh`. */
class DatabaseSigningKeys implements SigningKeys {
  private current: { signing: LicenseTokenSigner; jwks: { keys: JWK[] } } | null = null;
  private readonly loaded = new Map<string, LoadedKey>();

  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: () => number,
  ) {}

  get signing(): LicenseTokenSigner {
    if (!this.current) throw new Error('The license signing keys are not loaded yet.');
    return this.current.signing;
  }

  get jwks(): { keys: JWK[] } {
    if (!this.current) throw new Error('The license signing keys are not loaded yet.');
    return this.current.jwks;
  }

  async refresh(): Promise<void> {
    const now = this.clock();
    let rows = await this.uow.read.signingKeys.current(now);
    if (!rows.some((row) => row.signsFrom <= now)) rows = await this.makeFirstKey(now);
    const keys = await Promise.all(rows.map((row) => this.load(row)));
    // Newest first: the first whose time to sign has come signs; later ones are only published yet.
    const signer = keys[rows.findIndex((row) => row.signsFrom <= now)] ?? keys[keys.length - 1];
    if (!signer) throw new Error('No license signing key could be loaded.');
    this.current = { signing: signer.signer, jwks: { keys: keys.map((k) => k.publicJwk) } };
  }

  /** No key signs yet (a new database, or every key retired): one is made, once across instances. */
  private makeFirstKey(now: number): Promise<SigningKeyRow[]> {
    return this.uow.transaction(async (tx) => {
      await tx.locks.lock(FIRST_KEY_LOCK);
      const rows = await tx.signingKeys.current(now);
      if (rows.some((row) => row.signsFrom <= now)) return rows;
      const jwk = await newSigningJwk();
      await tx.signingKeys.insert({
        kid: jwk.kid!,
        privateJwk: JSON.stringify(jwk),
        createdAt: now,
        signsFrom: now,
        retiredAt: null,
      });
      return tx.signingKeys.current(now);
    });
  }

  private async load(row: SigningKeyRow): Promise<LoadedKey> {
    let key = this.loaded.get(row.kid);
    if (!key) this.loaded.set(row.kid, (key = await loadKey(JSON.parse(row.privateJwk) as JWK)));
    return key;
  }
}

export async function loadSigningKeys(options: {
  configuredJson: string | null;
  dataDir: string;
  uow?: UnitOfWork;
  clock?: () => number;
}): Promise<SigningKeys> {
  if (options.configuredJson !== null) return fixedKeys(parseConfigured(options.configuredJson));
  if (options.uow?.engine === 'postgres') {
    const keys = new DatabaseSigningKeys(options.uow, options.clock ?? Date.now);
    await keys.refresh();
    return keys;
  }
  return fixedKeys(await readOrCreateKeyFile(options.dataDir));
}

function parseConfigured(json: string): JWK[] {
  const parsed: unknown = JSON.parse(json);
  if (!Array.isArray(parsed) || parsed.length === 0)
    throw new Error('LICENSE_SIGNING_KEYS must be a JSON array of private JWKs.');
  return parsed as JWK[];
}

async function readOrCreateKeyFile(dataDir: string): Promise<JWK[]> {
  const file = path.join(dataDir, KEY_FILE);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dataDir, { recursive: true });
    const jwk = await newSigningJwk();
    try {
      // 'wx' fails if another process created the file first; then we use theirs.
      fs.writeFileSync(file, JSON.stringify([jwk], null, 2), { flag: 'wx', mode: 0o600 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  return parseConfigured(fs.readFileSync(file, 'utf8'));
}
