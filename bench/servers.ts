/**
 * The processes the benches measure: the product server as `npm start` runs it in production
 * terms (its own process, the built code, request logging at the production level and format:
 * LOG_LEVEL=info, LOG_FORMAT=json, see server/src/http/loggerOptions.ts), and the bare Fastify
 * baseline. A server's stdout is drained and thrown away once it runs: a production log collector
 * reads the lines too, and keeping them here would grow this process instead.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { startServerProcess, type ServerProcess } from '../tests/helpers/serverProcess.js';

export const PRODUCTION_LOGGING = { LOG_LEVEL: 'info', LOG_FORMAT: 'json' } as const;

export async function startProductServer(
  env: Record<string, string> = {},
  options: { dataDir?: string } = {},
): Promise<ServerProcess & { pid: number }> {
  // BENCH_SERVER_PROFILE=<dir>: a V8 CPU profile of each product server, written as it exits (figures of such a run are not comparable).
  const profileDir = process.env.BENCH_SERVER_PROFILE;
  const nodeArgs = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(profileDir)}`] : [];
  const server = await startServerProcess({ ...PRODUCTION_LOGGING, ...env }, { ...options, nodeArgs });
  const stdout = server.process.stdout;
  // The helper keeps the start-up output for its error message; past "running" nothing is kept,
  // the stream keeps flowing (a flowing stream with no 'data' listener discards what it reads).
  stdout?.removeAllListeners('data');
  stdout?.resume();
  if (server.process.pid === undefined) throw new Error('the server has no pid');
  return { ...server, pid: server.process.pid };
}

/** A JSON POST to a server the bench started, failing on any answer that is not a success (the benches' set-up). */
export async function postJson<T = Record<string, unknown>>(
  baseUrl: string,
  route: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<T> {
  const response = await fetch(`${baseUrl}${route}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${route}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

export interface BareServer {
  baseUrl: string;
  pid: number;
  fastifyVersion: string;
  stop(): Promise<void>;
}

/** bench/license/bareFastify.mjs in a process of its own: plain JavaScript, as the product server runs its build. */
export async function startBareFastify(): Promise<BareServer> {
  const child: ChildProcess = spawn(process.execPath, [path.resolve('bench/license/bareFastify.mjs')], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = await new Promise<string>((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('\n')) resolve(output.split('\n')[0]!);
    });
    child.once('exit', (code) => reject(new Error(`bare Fastify exited with ${code}: ${output}`)));
  });
  const match = /^listening (\S+) fastify (\S+)$/.exec(line);
  if (!match || child.pid === undefined) throw new Error(`bare Fastify said "${line}"`);
  return {
    baseUrl: match[1]!,
    pid: child.pid,
    fastifyVersion: match[2]!,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
