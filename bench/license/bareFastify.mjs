// The trivial-route baseline: the project's own Fastify (same version), no plugins, no logger.
// - GET /: what a request costs Fastify and Node's HTTP themselves;
// - POST /sign: the same, plus the one piece of work no license check can skip, the license
//   token's signature, by the server's own signer (the built server/src/licenseCheck/signingKeys.ts,
//   a key made and loaded as the server makes and loads one, the claims it signs, the request's nonce).
//   Bare route + signature is the floor of any check: no identity, storage, headers or logging.
// Whatever the license check costs beyond them is ours. Plain JavaScript, as the product server
// runs its build (`npm run bench` builds first). Prints "listening <url> fastify <version>" once
// it accepts connections.
import Fastify from 'fastify';
import { loadSigningKeys, newSigningJwk } from '../../build/server/src/licenseCheck/signingKeys.js';

const { signing: signer } = await loadSigningKeys({
  configuredJson: JSON.stringify([await newSigningJwk()]),
  dataDir: '.',
});

const app = Fastify();
app.get('/', async () => ({ hello: 'world' }));
app.post('/sign', async (request) => {
  const iat = Math.floor(Date.now() / 1000);
  const licenseToken = await signer.sign({
    iss: 'http://127.0.0.1:3000',
    aud: 'outmerge-addin',
    sub: '00000000-0000-0000-66f3-3332eca7ea81',
    tid: '9188040d-6c67-4c5b-b112-36a304b66dad',
    code: 'ACTIVE',
    footer: false,
    plan: 'monthly',
    subscriptionId: '5f0c3a52-1d7e-4d38-9a41-0f7f6a0b9c11',
    nonce: String(request.body?.nonce ?? ''),
    iat,
    nbf: iat - 60,
    exp: iat + 7 * 86400,
  });
  return { licenseToken };
});
const address = await app.listen({ port: 0, host: '127.0.0.1' });
process.stdout.write(`listening ${address} fastify ${app.version}\n`);
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
