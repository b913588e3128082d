/**
 * The stand-in's second origin, playing Exchange's `https://outlook.office.com`: Graph's upload
 * sessions hand out an `uploadUrl` there (learn.microsoft.com/graph/outlook-large-attachments),
 * pre-authenticated by its `authtoken` and taking no Authorization header. It is a separate HTTP
 * server on its own port so that the pane's Content-Security-Policy (`connect-src`) and the
 * browser's CORS checks are exercised exactly as with Exchange: a cross-origin PUT with a
 * Content-Range header is preflighted, and Authorization is not among the allowed headers.
 */
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { assertDevelopment } from '../assertDevelopment.js';

export interface UploadRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  /** Cuts the connection without an answer (fault injection). */
  drop(): void;
}

export interface UploadAnswer {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface UploadOrigin {
  origin: string;
  serve(handler: (request: UploadRequest) => Promise<UploadAnswer | null>): void;
  close(): Promise<void>;
}

/** Bodies above this are refused before they are read (a range is at most 4 MiB). */
const MAX_BODY = 4 * 1024 * 1024 + 1024;
const CORS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Expose-Headers': 'Location, request-id, client-request-id',
};

export async function startUploadOrigin(options: {
  host: string;
  port: number;
  publicHostname: string;
  tls: { certFile: string; keyFile: string } | null;
}): Promise<UploadOrigin> {
  assertDevelopment('The Graph stand-in');
  let handler: ((request: UploadRequest) => Promise<UploadAnswer | null>) | null = null;
  const listener = (req: http.IncomingMessage, res: http.ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://upload');
    if (req.method === 'OPTIONS') {
      // The preflight allows only what Exchange's upload URL takes: no Authorization header.
      res.writeHead(204, {
        ...CORS,
        'Access-Control-Allow-Methods': 'PUT, DELETE',
        'Access-Control-Allow-Headers': 'Content-Type, Content-Range, client-request-id',
        'Access-Control-Max-Age': '600',
      });
      return res.end();
    }
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > MAX_BODY) {
      res.writeHead(413, { ...CORS, 'Content-Type': 'application/json', Connection: 'close' });
      res.end(
        JSON.stringify({
          error: { code: 'ErrorRequestEntityTooLarge', message: 'Each byte range must be at most 4 MB.' },
        }),
      );
      req.destroy();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY) chunks.push(chunk);
    });
    req.on('end', () => {
      const request: UploadRequest = {
        method: req.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        body: Buffer.concat(chunks),
        drop: () => req.socket.destroy(),
      };
      const answer: Promise<UploadAnswer | null> = handler
        ? handler(request)
        : Promise.resolve({ status: 503, body: { error: { code: 'ServiceUnavailable', message: 'Not ready.' } } });
      answer.then(
        (result) => {
          if (result === null) return;
          res.writeHead(result.status, {
            ...CORS,
            ...(result.body === undefined ? {} : { 'Content-Type': 'application/json' }),
            ...result.headers,
          });
          res.end(result.body === undefined ? undefined : JSON.stringify(result.body));
        },
        () => {
          res.writeHead(500, CORS);
          res.end();
        },
      );
    });
  };
  const server = options.tls
    ? https.createServer(
        { cert: fs.readFileSync(options.tls.certFile), key: fs.readFileSync(options.tls.keyFile) },
        listener,
      )
    : http.createServer(listener);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  // URL.hostname already brackets an IPv6 address.
  const hostname = options.publicHostname;
  return {
    origin: `${options.tls ? 'https' : 'http'}://${hostname}:${port}`,
    serve(next) {
      handler = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
