// The trivial-route baseline: the project's own Fastify (same version), no plugins, no logger, one
// route. What a request costs Fastify and Node's HTTP themselves; whatever the license check costs
// beyond it is ours. Prints "listening <url> fastify <version>" once it accepts connections.
import Fastify from 'fastify';

const app = Fastify();
app.get('/', async () => ({ hello: 'world' }));
const address = await app.listen({ port: 0, host: '127.0.0.1' });
process.stdout.write(`listening ${address} fastify ${app.version}\n`);
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
