/**
 * Writes a brotli (`.br`) and a gzip (`.gz`) copy beside each text file of the built pages, once,
 * at build time (`npm run build:addin` runs it after webpack), so that the server sends them
 * compressed without compressing on every request: @fastify/static's `preCompressed` picks the
 * copy the browser's Accept-Encoding allows (brotli first, then gzip, else the file itself) and
 * answers `Vary: Accept-Encoding` (server/src/app.ts).
 *
 * Node's own zlib (brotli at its best quality, 11; gzip at 9), not a webpack plugin: one
 * dependency fewer, and the build's output stays webpack's alone until this step. A copy that
 * would not be smaller than the file is not written; the server then sends the file.
 *
 *   node --import tsx scripts/precompress.ts build/addin
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

/** Text the browser loads. Source maps are left out: only developer tools ask for them. */
const COMPRESSIBLE = /\.(?:html|js|css|json|svg|txt|xml)$/i;

export interface Precompressed {
  file: string;
  bytes: number;
  brotli: number | null;
  gzip: number | null;
}

function filesUnder(directory: string): string[] {
  return fs.readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(directory, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });
}

export function precompressDirectory(directory: string): Precompressed[] {
  const results: Precompressed[] = [];
  for (const file of filesUnder(directory)
    .filter((name) => COMPRESSIBLE.test(name))
    .sort()) {
    const content = fs.readFileSync(file);
    const brotli = zlib.brotliCompressSync(content, {
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: content.length,
        [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
      },
    });
    const gzip = zlib.gzipSync(content, { level: zlib.constants.Z_BEST_COMPRESSION });
    const write = (suffix: string, compressed: Buffer): number | null => {
      const target = `${file}${suffix}`;
      if (compressed.length >= content.length) {
        fs.rmSync(target, { force: true });
        return null;
      }
      fs.writeFileSync(target, compressed);
      return compressed.length;
    };
    results.push({
      file: path.relative(directory, file),
      bytes: content.length,
      brotli: write('.br', brotli),
      gzip: write('.gz', gzip),
    });
  }
  return results;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const directory = process.argv[2];
  if (!directory || !fs.existsSync(directory)) {
    console.error('Usage: node --import tsx scripts/precompress.ts <built pages folder>');
    process.exit(1);
  }
  const results = precompressDirectory(directory);
  const sum = (pick: (r: Precompressed) => number) =>
    (results.reduce((total, r) => total + pick(r), 0) / 1024).toFixed(0);
  console.log(
    `Precompressed ${results.length} files: ${sum((r) => r.bytes)} KB, brotli ${sum((r) => r.brotli ?? r.bytes)} KB, gzip ${sum((r) => r.gzip ?? r.bytes)} KB`,
  );
}
