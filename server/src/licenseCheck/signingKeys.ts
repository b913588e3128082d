/**
 * The ES256 keys that sign license tokens. Given by configuration (LICENSE_SIGNING_KEYS, a JSON
 * array of private JWKs, newest first) or generated on first start and kept in the data folder
 * (never committed). Every key in the list is published, the first one signs: rotating is adding
 * a new key in front, and dropping the old one once tokens signed by it have expired.
 */
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';
import fs from 'node:fs';
import path from 'node:path';
import { LICENSE_TOKEN_ALGORITHM } from '../../../shared/src/license/licenseToken.js';

export interface SigningKeys {
  signing: { kid: string; key: CryptoKey };
  /** Public halves of every key, for `/.well-known/jwks.json`. */
  jwks: { keys: JWK[] };
}

const KEY_FILE = 'license-signing-keys.json';

export async function loadSigningKeys(options: { configuredJson: string | null; dataDir: string }): Promise<SigningKeys> {
  const privateJwks = options.configuredJson !== null ? parseConfigured(options.configuredJson) : await readOrCreateKeyFile(options.dataDir);
  const keys = await Promise.all(
    privateJwks.map(async (jwk) => {
      if (jwk.kty !== 'EC' || jwk.crv !== 'P-256' || !jwk.d) throw new Error('License signing keys must be private P-256 (ES256) JWKs.');
      const kid = jwk.kid ?? (await calculateJwkThumbprint(jwk));
      const { d: _private, ...publicJwk } = jwk;
      return {
        kid,
        key: (await importJWK({ ...jwk, kid }, LICENSE_TOKEN_ALGORITHM)) as CryptoKey,
        publicJwk: { ...publicJwk, kid, alg: LICENSE_TOKEN_ALGORITHM, use: 'sig' },
      };
    }),
  );
  const first = keys[0];
  if (!first) throw new Error('At least one license signing key is needed.');
  return { signing: { kid: first.kid, key: first.key }, jwks: { keys: keys.map((k) => k.publicJwk) } };
}

function parseConfigured(json: string): JWK[] {
  const parsed: unknown = JSON.parse(json);
  if (!Array.isArray(parsed) || parsed.length === 0) throw new Error('LICENSE_SIGNING_KEYS must be a JSON array of private JWKs.');
  return parsed as JWK[];
}

async function readOrCreateKeyFile(dataDir: string): Promise<JWK[]> {
  const file = path.join(dataDir, KEY_FILE);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dataDir, { recursive: true });
    const { privateKey } = await generateKeyPair(LICENSE_TOKEN_ALGORITHM, { extractable: true });
    const jwk = await exportJWK(privateKey);
    jwk.kid = await calculateJwkThumbprint(jwk);
    try {
      // 'wx' fails if another process created the file first; then we use theirs.
      fs.writeFileSync(file, JSON.stringify([jwk], null, 2), { flag: 'wx', mode: 0o600 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  return parseConfigured(fs.readFileSync(file, 'utf8'));
}
