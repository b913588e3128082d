/**
 * `npm start`: builds what changed since the last build, then runs the server.
 *
 * Each part (server, pages) has a fingerprint: the SHA-256 of its source files' contents (tests
 * excluded) and of any setting baked into it. A part is rebuilt only when its fingerprint differs
 * from the one written after its last successful build, so a second start takes seconds, not the
 * minutes a full build takes.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const parts = [
  {
    name: 'server',
    script: 'build:server',
    // build/package.json resolves the compiled server's `#shared/…` imports (scripts/write-build-package.mjs).
    outputs: ['build/server/src/main.js', 'build/package.json'],
    inputs: [
      'server/src',
      'shared/src',
      'server/tsconfig.json',
      'tsconfig.base.json',
      'package.json',
      'package-lock.json',
      'scripts/write-build-package.mjs',
    ],
    settings: [],
  },
  {
    name: 'pages',
    script: 'build:addin',
    outputs: ['build/addin/index.html'],
    inputs: [
      'addin/src',
      'addin/public',
      'shared/src',
      'addin/tsconfig.json',
      'tsconfig.base.json',
      'webpack.config.js',
      'package.json',
      'package-lock.json',
    ],
    settings: [],
  },
];

function filesUnder(relative) {
  const absolute = path.join(root, relative);
  if (!fs.existsSync(absolute)) return [];
  if (fs.statSync(absolute).isFile()) return [relative];
  return fs
    .readdirSync(absolute, { withFileTypes: true })
    .flatMap((entry) =>
      entry.isDirectory()
        ? filesUnder(path.join(relative, entry.name))
        : entry.name.endsWith('.test.ts')
          ? []
          : [path.join(relative, entry.name)],
    );
}

function fingerprint(part) {
  const hash = createHash('sha256');
  for (const file of part.inputs.flatMap(filesUnder).sort())
    hash
      .update(file)
      .update('\0')
      .update(fs.readFileSync(path.join(root, file)))
      .update('\0');
  for (const name of part.settings) hash.update(`${name}=${process.env[name] ?? ''}\0`);
  return hash.digest('hex');
}

for (const part of parts) {
  const stampFile = path.join(root, 'build', `.fingerprint-${part.name}`);
  const current = fingerprint(part);
  const built =
    part.outputs.every((output) => fs.existsSync(path.join(root, output))) &&
    fs.existsSync(stampFile) &&
    fs.readFileSync(stampFile, 'utf8') === current;
  if (built) continue;
  console.log(`Building the ${part.name} (its sources changed since the last build)…`);
  const result = spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', '--silent', part.script], {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
  fs.writeFileSync(stampFile, current);
}

await import(pathToFileURL(path.join(root, 'build/server/src/main.js')).href);
