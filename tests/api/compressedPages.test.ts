/**
 * The built pages as the server sends them (issue 12, pages): the brotli or gzip copy written at
 * build time (scripts/precompress.ts) when the browser accepts it, `Vary: Accept-Encoding`,
 * content-hashed scripts cached for a year, pages revalidated every time, and the page headers
 * (frame-ancestors, opener and resource policies) the same whichever copy is sent.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { precompressDirectory } from '../../scripts/precompress.js';
import { startTestServer, type TestServer } from '../helpers/testServer.js';

let server: TestServer;
let pages: string;
/** Big enough to be worth compressing, as the real bundles are. */
const SCRIPT = Array.from(
  { length: 400 },
  (_, i) => `export const label${i} = "Outmerge sends one message per row (${i})";`,
).join('\n');
const PANE = `<!doctype html><html><head><title>Outmerge</title><script defer src="/js/taskpane.0123abcd.js"></script></head><body>${'<div id="root"></div>'.repeat(40)}</body></html>`;

beforeAll(async () => {
  pages = fs.mkdtempSync(path.join(os.tmpdir(), 'outmerge-compressed-'));
  fs.writeFileSync(path.join(pages, 'index.html'), PANE.replace('taskpane', 'home'));
  fs.writeFileSync(path.join(pages, 'taskpane.html'), PANE);
  fs.writeFileSync(path.join(pages, 'tiny.html'), '<p>x</p>');
  fs.mkdirSync(path.join(pages, 'js'));
  fs.writeFileSync(path.join(pages, 'js/taskpane.0123abcd.js'), SCRIPT);
  fs.mkdirSync(path.join(pages, 'assets'));
  fs.copyFileSync(path.resolve('addin/public/assets/icon-80.png'), path.join(pages, 'assets/icon-80.png'));
  const written = precompressDirectory(pages);
  expect(written.map((w) => w.file).sort()).toEqual([
    'index.html',
    'js/taskpane.0123abcd.js',
    'taskpane.html',
    'tiny.html',
  ]);
  server = await startTestServer({ STATIC_DIR: pages });
});
afterAll(async () => {
  await server.close();
  fs.rmSync(pages, { recursive: true, force: true });
});

const get = (url: string, acceptEncoding?: string, headers: Record<string, string> = {}) =>
  server.app.inject({
    method: 'GET',
    url,
    headers: { ...(acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding }), ...headers },
  });

describe('precompressed pages', () => {
  it('writes a brotli and a gzip copy that decompress to the file, and none that would not be smaller', () => {
    const script = fs.readFileSync(path.join(pages, 'js/taskpane.0123abcd.js'));
    expect(zlib.brotliDecompressSync(fs.readFileSync(path.join(pages, 'js/taskpane.0123abcd.js.br')))).toEqual(script);
    expect(zlib.gunzipSync(fs.readFileSync(path.join(pages, 'js/taskpane.0123abcd.js.gz')))).toEqual(script);
    expect(fs.statSync(path.join(pages, 'js/taskpane.0123abcd.js.br')).size).toBeLessThan(script.length / 4);
    expect(fs.existsSync(path.join(pages, 'tiny.html.br'))).toBe(false);
    expect(fs.existsSync(path.join(pages, 'assets/icon-80.png.br'))).toBe(false);
  });

  it('sends brotli when accepted, else gzip, else the file, always saying the answer varies with Accept-Encoding', async () => {
    const script = fs.readFileSync(path.join(pages, 'js/taskpane.0123abcd.js'));
    const cases: Array<[string | undefined, string | undefined, (body: Buffer) => Buffer]> = [
      ['gzip, deflate, br, zstd', 'br', (body) => zlib.brotliDecompressSync(body)],
      ['br;q=1.0, gzip;q=0.8', 'br', (body) => zlib.brotliDecompressSync(body)],
      ['gzip', 'gzip', (body) => zlib.gunzipSync(body)],
      ['identity', undefined, (body) => body],
      [undefined, undefined, (body) => body],
    ];
    for (const [accepted, encoding, decode] of cases) {
      const response = await get('/js/taskpane.0123abcd.js', accepted);
      expect(response.statusCode, String(accepted)).toBe(200);
      expect(response.headers['content-encoding'], String(accepted)).toBe(encoding);
      expect(response.headers['content-type']).toMatch(/^(?:application|text)\/javascript/);
      expect(String(response.headers.vary)).toMatch(/accept-encoding/i);
      expect(decode(response.rawPayload)).toEqual(script);
    }
  });

  it('lets browsers keep content-hashed scripts a year, and asks them to revalidate pages and icons', async () => {
    expect((await get('/js/taskpane.0123abcd.js', 'br')).headers['cache-control']).toBe(
      'public, max-age=31536000, immutable',
    );
    expect((await get('/js/taskpane.0123abcd.js')).headers['cache-control']).toBe(
      'public, max-age=31536000, immutable',
    );
    for (const [url, accepted] of [
      ['/taskpane.html', 'br'],
      ['/taskpane.html', undefined],
      ['/', 'gzip'],
      ['/assets/icon-80.png', 'br'],
    ] as const) {
      expect((await get(url, accepted)).headers['cache-control'], `${url} ${accepted}`).toBe('public, max-age=0');
    }
    // Revalidation answers 304 while the file is unchanged.
    const first = await get('/taskpane.html', 'br');
    expect(first.headers.etag).toBeDefined();
    expect((await get('/taskpane.html', 'br', { 'if-none-match': String(first.headers.etag) })).statusCode).toBe(304);
  });

  it('gives a compressed page the headers of the page itself: Outlook may frame the pane, other pages stay its own', async () => {
    for (const accepted of ['br', 'gzip', undefined]) {
      const pane = await get('/taskpane.html', accepted);
      expect(pane.headers['content-encoding']).toBe(accepted);
      expect(pane.headers['content-type']).toMatch(/^text\/html/);
      expect(String(pane.headers['content-security-policy'])).toMatch(
        /frame-ancestors 'self' https:\/\/outlook\.office\.com/,
      );
      expect(pane.headers['cross-origin-opener-policy']).toBeUndefined();
      expect(pane.headers['cross-origin-resource-policy']).toBe('cross-origin');
      const home = await get('/', accepted);
      expect(home.headers['content-type']).toMatch(/^text\/html/);
      expect(String(home.headers['content-security-policy'])).toMatch(/frame-ancestors 'self'(;|$)/);
      expect(home.headers['cross-origin-resource-policy']).toBe('same-origin');
      expect(home.headers['cross-origin-opener-policy']).toBe('same-origin-allow-popups');
    }
    expect((await get('/js/taskpane.0123abcd.js', 'br')).headers['cross-origin-resource-policy']).toBe('cross-origin');
  });

  it('does not serve a compressed copy by its own name as another kind of file', async () => {
    const direct = await get('/js/taskpane.0123abcd.js.br');
    // Reachable like any built file, but never labelled as the script it stands for.
    expect(direct.headers['content-encoding']).toBeUndefined();
    expect(direct.headers['content-type'] ?? '').not.toMatch(/javascript/);
  });
});
