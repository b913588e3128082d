/**
 * The crypto floor of a license check, in a process of its own (forked by licenseBench.ts): the
 * RS256 verification of the caller's access token and the ES256 signature of the license token,
 * with the same library (jose), the same key types, options and claims as the server
 * (identity/accessTokenValidator.ts, license/licenseService.ts), and many pairs in flight at once,
 * as a loaded server has them. jose's WebCrypto work runs on libuv's thread pool; this process's
 * `process.cpuUsage()` counts every thread, pool included, exactly as /proc counts the server's.
 *
 * Messages: {type:'init', jwksUrl, audience, tokens} → {type:'ready'};
 *           {type:'run', pairs, concurrency} → {type:'result', cpuMs, wallMs, pairs}.
 */
import { createRemoteJWKSet, generateKeyPair, jwtVerify, SignJWT } from 'jose';
import { LICENSE_TOKEN_ALGORITHM, LICENSE_TOKEN_AUDIENCE, LICENSE_TOKEN_TYPE } from '../../shared/src/license/licenseToken.js';
import { cpuMs, wallMs } from '../stats.js';

export type CryptoRequest = { type: 'init'; jwksUrl: string; audience: string; tokens: string[] } | { type: 'run'; pairs: number; concurrency: number };
export type CryptoAnswer = { type: 'ready' } | { type: 'result'; cpuMs: number; wallMs: number; pairs: number };

let pair: ((i: number) => Promise<void>) | null = null;

async function init(request: Extract<CryptoRequest, { type: 'init' }>): Promise<void> {
  const keys = createRemoteJWKSet(new URL(request.jwksUrl), { cacheMaxAge: 24 * 3600 * 1000 });
  // As signingKeys.ts makes the server's key: a P-256 CryptoKey.
  const { privateKey } = await generateKeyPair(LICENSE_TOKEN_ALGORITHM, { extractable: true });
  const { tokens, audience } = request;
  pair = async (i) => {
    const { payload } = await jwtVerify(tokens[i % tokens.length]!, keys, { algorithms: ['RS256'], audience, requiredClaims: ['exp', 'iat', 'iss', 'tid', 'oid'], clockTolerance: 60 });
    const iat = Math.floor(Date.now() / 1000);
    await new SignJWT({ tid: payload.tid, code: 'ACTIVE', footer: false, plan: 'monthly', subscriptionId: '5f0c3a52-1d7e-4d38-9a41-0f7f6a0b9c11', nonce: `bench-nonce-${String(i).padStart(8, '0')}` })
      .setProtectedHeader({ alg: LICENSE_TOKEN_ALGORITHM, kid: 'bench-kid', typ: LICENSE_TOKEN_TYPE })
      .setIssuer('http://127.0.0.1:3000')
      .setAudience(LICENSE_TOKEN_AUDIENCE)
      .setSubject(String(payload.oid))
      .setIssuedAt(iat)
      .setNotBefore(iat - 60)
      .setExpirationTime(iat + 7 * 86400)
      .sign(privateKey);
  };
  await run(400, 32);
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
