/** Starts the real server process (what `npm start` runs) on a free port; several may share one data folder. */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './testServer.js';

export interface ServerProcess {
  baseUrl: string;
  dataDir: string;
  process: ChildProcess;
  /** Everything the process wrote so far (stdout and stderr). */
  output(): string;
  /** Resolves once the output matches `pattern` at least `times` times (each time the process writes, not on a timer). */
  waitForOutput(pattern: RegExp, times?: number): Promise<void>;
  stop(options?: { keepData?: boolean }): Promise<void>;
}

export async function startServerProcess(
  env: Record<string, string> = {},
  options: { dataDir?: string; nodeArgs?: readonly string[] } = {},
): Promise<ServerProcess> {
  const entry = path.resolve('build/server/src/main.js');
  if (!fs.existsSync(entry) || !fs.existsSync(path.resolve('build/addin/playground.html')))
    throw new Error('Run "npm run build" before the end-to-end tests.');
  // The port is free when chosen, but the process takes seconds to listen on it, and other
  // processes of the run open ports meanwhile: one taken by then is chosen again.
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(entry, await freePort(), env, options);
    } catch (error) {
      if (attempt >= 3 || !(error instanceof Error) || !error.message.includes('EADDRINUSE')) throw error;
    }
  }
}

async function startOnce(
  entry: string,
  port: number,
  env: Record<string, string>,
  options: { dataDir?: string; nodeArgs?: readonly string[] },
): Promise<ServerProcess> {
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'outmerge-server-'));
  // With a certificate (TLS_CERT_FILE) the server speaks HTTPS under the name its certificate carries.
  const baseUrl = env.TLS_CERT_FILE ? `https://localhost:${port}` : `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), entry], {
    env: {
      ...process.env,
      NODE_ENV: 'test',
      PORT: String(port),
      PUBLIC_URL: baseUrl,
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const waiting = new Set<() => void>();
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    for (const check of [...waiting]) check();
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const count = (pattern: RegExp) =>
    output.match(new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`))
      ?.length ?? 0;
  const waitForOutput = (pattern: RegExp, times = 1) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (count(pattern) < times) return;
        waiting.delete(check);
        child.off('exit', exited);
        resolve();
      };
      const exited = (code: number | null) => {
        waiting.delete(check);
        reject(
          new Error(`The server exited (${code}) before writing ${pattern} ${times} times:\n${output.slice(-4000)}`),
        );
      };
      waiting.add(check);
      child.once('exit', exited);
      check();
    });
  try {
    await waitForOutput(/Outmerge is running at/);
  } catch (error) {
    // A start that failed (a port taken meanwhile, a bad configuration) leaves no folder of its own behind.
    if (!options.dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  return {
    baseUrl,
    dataDir,
    process: child,
    output: () => output,
    waitForOutput,
    async stop(options = {}) {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      if (!options.keepData) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
