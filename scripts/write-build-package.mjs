/**
 * Writes build/package.json after `tsc` has compiled the server into build/ (`npm run build:server`).
 *
 * Node resolves a `#shared/…` import through the "imports" of the package.json nearest to the importing
 * file. For the compiled server that must be one in build/, whose "./shared/src/*" is the compiled
 * build/shared/src/*.js — the root one would point Node at the TypeScript sources. The build mirrors the
 * repository's layout (server/tsconfig.json: rootDir "..", outDir "../build"), so the root package.json's
 * "type" and "imports" serve unchanged: they are copied, never written twice.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { type, imports } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
fs.mkdirSync(path.join(root, 'build'), { recursive: true });
fs.writeFileSync(
  path.join(root, 'build', 'package.json'),
  `${JSON.stringify({ private: true, type, imports }, null, 2)}\n`,
);
