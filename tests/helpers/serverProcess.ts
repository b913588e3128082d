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
  stop(options?: { keepData?: boolean }): Promise<void>;
}

export async function startServerProcess(env: Record<string, string> = {}, options: { dataDir?: string } = {}): Promise<ServerProcess> {
  const entry = path.resolve('build/server/src/main.js');
  if (!fs.existsSync(entry) || !fs.existsSync(path.resolve('build/addin/playground.html'))) throw new Error('Run "npm run build" before the end-to-end tests.');
  const port = await freePort();
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'outmerge-server-'));
  // With a certificate (TLS_CERT_FILE) the server speaks HTTPS under the name its certificate carries.
  const baseUrl = env.TLS_CERT_FILE ? `https://localhost:${port}` : `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [entry], { env: { ...process.env, NODE_ENV: 'test', PORT: String(port), PUBLIC_URL: baseUrl, DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Outmerge is running at')) resolve();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`The server exited with ${code}:\n${output}`)));
  });
  return {
    baseUrl,
    dataDir,
    process: child,
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

