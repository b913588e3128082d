import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chunksWithSources, referencedAssets, transfer } from './paneSize.js';

describe('what the pane-size bench counts', () => {
  it('finds the scripts and style sheets of html-webpack-plugin’s minified output, unquoted attributes included', () => {
    const html =
      '<!doctype html><html lang=en><head><meta charset=utf-8><title>Outmerge</title>' +
      '<script src=https://appsforoffice.microsoft.com/lib/1/hosted/office.js></script>' +
      '<script defer src=/js/669.ff8421cb.js></script><script defer="defer" src="/js/taskpane.da97bb93.js"></script>' +
      "<link rel=stylesheet href=/css/a.css><link href='/css/b.css' rel='preload stylesheet'><link rel=preload href=/js/x.js as=script>" +
      '</head><body><div id=root></div></body></html>';
    expect(referencedAssets(html)).toEqual([
      'https://appsforoffice.microsoft.com/lib/1/hosted/office.js',
      '/js/669.ff8421cb.js',
      '/js/taskpane.da97bb93.js',
      '/css/a.css',
      '/css/b.css',
    ]);
  });

  it('finds the chunks whose source maps name a source', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outmerge-bench-maps-'));
    try {
      const map = (sources: string[]) => JSON.stringify({ version: 3, sources, mappings: '' });
      fs.writeFileSync(
        path.join(dir, '850.aa.js.map'),
        map(['webpack://outmerge/../../main/node_modules/@azure/msal-common/dist/utils/Constants.mjs']),
      );
      fs.writeFileSync(
        path.join(dir, '463.bb.js.map'),
        map(['webpack://outmerge/./addin/src/auth/msalAuth.ts', 'webpack://outmerge/./addin/src/auth/authPort.ts']),
      );
      fs.writeFileSync(
        path.join(dir, '33.cc.js.map'),
        map(['webpack://outmerge/../../main/node_modules/react-dom/index.js']),
      );
      expect(chunksWithSources(dir, /@azure\/msal-|addin\/src\/auth\/msalAuth\.ts$/)).toEqual([
        'js/463.bb.js',
        'js/850.aa.js',
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  describe('bytes on the wire', () => {
    const body = Buffer.from('x'.repeat(50_000));
    let server: http.Server;
    let base: string;
    beforeAll(async () => {
      server = http.createServer((request, response) => {
        const gzip = /gzip/.test(String(request.headers['accept-encoding'] ?? ''));
        const sent = gzip ? zlib.gzipSync(body) : body;
        response.writeHead(200, {
          'content-type': 'text/plain',
          'content-length': sent.length,
          ...(gzip ? { 'content-encoding': 'gzip' } : {}),
        });
        response.end(sent);
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it('counts the compressed body and the headers, not the decompressed size', async () => {
      const compressed = await transfer(`${base}/a`, 'br, gzip');
      expect(compressed.encoding).toBe('gzip');
      expect(compressed.bodyBytes).toBe(zlib.gzipSync(body).length);
      expect(compressed.wireBytes).toBeGreaterThan(compressed.bodyBytes);
      expect(compressed.wireBytes).toBeLessThan(compressed.bodyBytes + 500);
      const plain = await transfer(`${base}/a`, 'identity');
      expect(plain).toMatchObject({ encoding: 'identity', bodyBytes: body.length });
    });
  });
});
