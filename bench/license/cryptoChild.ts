/**
 * The crypto floor of a license check, in a process of its own (forked by licenseBench.ts): the
 * RS256 verification of the caller's access token (jose, as the server verifies) and the ES256
 * signature of the license token (the server's own signer), with the same key types, options and
 * claims as the server (identity/accessTokenValidator.ts, licenseCheck/signingKeys.ts), and many
 * pairs in flight at once, as a loaded server has them. jose's WebCrypto verification runs on libuv's thread pool; this
 * process's `process.cpuUsage()` counts every thread, pool included, exactly as /proc counts the server's.
 *
 * It also runs the server's own access token validator (identity/accessTokenValidator.ts, with
 * its cache of verified tokens) on tokens it is sent: CPU per validation of tokens never seen
 * against one token validated again and again, what the cache saves by itself.
 *
 * Messages: {type:'init', jwksUrl, audience, tokens} → {type:'ready'};
 *           {type:'run', pairs, concurrency} → {type:'result', cpuMs, wallMs, pairs};
 *           {type:'validate', tokens, repeat, concurrency} → {type:'validated', cpuMs, validations, verified, cached}.
 */
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { LICENSE_TOKEN_AUDIENCE } from '#shared/license/licenseToken.js';
import { createAccessTokenValidator } from '../../server/src/identity/accessTokenValidator.js';
import { loadSigningKeys, newSigningJwk } from '../../server/src/licenseCheck/signingKeys.js';
import { cpuMs, wallMs } from '../stats.js';

export type CryptoRequest =
  | { type: 'init'; jwksUrl: string; audience: string; tokens: string[] }
  | { type: 'run'; pairs: number; concurrency: number }
  | { type: 'validate'; tokens: string[]; repeat: number; concurrency: number };
export type CryptoAnswer =
  | { type: 'ready' }
  | { type: 'result'; cpuMs: number; wallMs: number; pairs: number }
  | { type: 'validated'; cpuMs: number; validations: number; verified: number; cached: number };

let pair: ((i: number) => Promise<void>) | null = null;
let validator: ReturnType<typeof createAccessTokenValidator> | null = null;

async function init(request: Extract<CryptoRequest, { type: 'init' }>): Promise<void> {
  const keys = createRemoteJWKSet(new URL(request.jwksUrl), { cacheMaxAge: 24 * 3600 * 1000 });
  // The server's own signer (signingKeys.ts), a key made and loaded as the server makes and loads one.
  const { signing: signer } = await loadSigningKeys({
    configuredJson: JSON.stringify([await newSigningJwk()]),
    dataDir: '.',
  });
  const { tokens, audience } = request;
  pair = async (i) => {
    const { payload } = await jwtVerify(tokens[i % tokens.length]!, keys, {
      algorithms: ['RS256'],
      audience,
      requiredClaims: ['exp', 'iat', 'iss', 'tid', 'oid'],
      clockTolerance: 60,
    });
    const iat = Math.floor(Date.now() / 1000);
    await signer.sign({
      iss: 'http://127.0.0.1:3000',
      aud: LICENSE_TOKEN_AUDIENCE,
      sub: String(payload.oid),
      tid: String(payload.tid),
      code: 'ACTIVE',
      footer: false,
      plan: 'monthly',
      subscriptionId: '5f0c3a52-1d7e-4d38-9a41-0f7f6a0b9c11',
      nonce: `bench-nonce-${String(i).padStart(8, '0')}`,
      iat,
      nbf: iat - 60,
      exp: iat + 7 * 86400,
    });
  };
  await run(400, 32);
  // The server's validator with its production options (services.ts): the same key set over HTTP, audience, issuer template and scope.
  validator = createAccessTokenValidator({
    jwks: new URL(request.jwksUrl),
    audience,
    issuerTemplate: 'https://login.microsoftonline.com/{tid}/v2.0',
    requiredScope: 'access_as_user',
  });
  for (const token of tokens) await validator(`Bearer ${token}`);
}

/** Each token `repeat` times, `concurrency` validations in flight. */
async function validate(
  tokens: string[],
  repeat: number,
  concurrency: number,
): Promise<Extract<CryptoAnswer, { type: 'validated' }>> {
  if (!validator) throw new Error('init first');
  const check = validator;
  const total = tokens.length * repeat;
  const before = check.stats();
  let next = 0;
  const cpu = cpuMs();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) await check(`Bearer ${tokens[next++ % tokens.length]}`);
    }),
  );
  const spent = cpuMs() - cpu;
  const after = check.stats();
  return {
    type: 'validated',
    cpuMs: spent,
    validations: total,
    verified: after.verified - before.verified,
    cached: after.cached - before.cached,
  };
}

/** `pairs` verify+sign pairs, `concurrency` of them in flight at any time. */
async function run(pairs: number, concurrency: number): Promise<{ cpuMs: number; wallMs: number }> {
  if (!pair) throw new Error('init first');
  const work = pair;
  let next = 0;
  const cpu = cpuMs();
  const wall = wallMs();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < pairs) await work(next++);
    }),
  );
  return { cpuMs: cpuMs() - cpu, wallMs: wallMs() - wall };
}

process.on('message', (message: CryptoRequest) => {
  const answer = async (): Promise<CryptoAnswer> => {
    if (message.type === 'init') {
      await init(message);
      return { type: 'ready' };
    }
    if (message.type === 'validate') return validate(message.tokens, message.repeat, message.concurrency);
    return { type: 'result', pairs: message.pairs, ...(await run(message.pairs, message.concurrency)) };
  };
  answer().then(
    (reply) => process.send?.(reply),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
});
