/**
 * Slow clients cannot hold the server (issue 10, finding 8): against the real server process, a
 * body trickled one byte at a time and headers trickled the same way are cut with a 408 in the
 * API's error shape before they are complete, and a connection that sends nothing, or stays idle
 * after its request, is closed by the server. Short timeouts are configured so the test is quick;
 * it waits for the server's answer and the socket's close, never for a time.
 */
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServerProcess, type ServerProcess } from '../helpers/serverProcess.js';

let server: ServerProcess;
beforeAll(async () => {
  server = await startServerProcess({
    LOG_LEVEL: 'error',
    HTTP_HEADERS_TIMEOUT_SECONDS: '1',
    HTTP_REQUEST_TIMEOUT_SECONDS: '2',
    HTTP_CONNECTION_TIMEOUT_SECONDS: '2',
    HTTP_KEEP_ALIVE_TIMEOUT_SECONDS: '1',
  });
});
afterAll(() => server.stop());

interface Conversation {
  /** Everything the server sent. */
  received: string;
  /** Bytes we had sent when the server closed the connection. */
  sent: number;
}

/**
 * Opens a connection, sends `first`, then `drip` one byte at a time. The client never closes it:
 * the promise resolves only when the server does (a server that holds the connection fails the test by its timeout).
 */
function converse(first: string, drip = ''): Promise<Conversation> {
  const { port } = new URL(server.baseUrl);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), '127.0.0.1');
    let received = '';
    let sent = 0;
    let timer: NodeJS.Timeout | undefined;
    socket.on('data', (chunk) => (received += chunk.toString()));
    socket.on('error', (error: NodeJS.ErrnoException) => {
      // A reset after the answer is the server closing too.
      if (error.code !== 'ECONNRESET') reject(error);
    });
    socket.on('close', () => {
      clearInterval(timer);
      resolve({ received, sent });
    });
    socket.on('connect', () => {
      if (first) socket.write(first, () => (sent += Buffer.byteLength(first)));
      let index = 0;
      // The slow client's pace: a byte every 100 ms, for as long as the server lets it.
      if (drip) {
        timer = setInterval(() => {
          if (index >= drip.length || socket.destroyed) return clearInterval(timer);
          socket.write(drip[index++] ?? '', () => sent++);
        }, 100);
      }
    });
  });
}

describe('slow clients', () => {
  it('a body trickled one byte at a time is cut with 408 REQUEST_TIMEOUT before it is complete', async () => {
    // A route that reads a body without sign-in (a signed-in route refuses a missing token before reading any: below).
    const body = JSON.stringify({ code: 'A'.repeat(8), token: 't'.repeat(100) });
    const headers = `POST /api/v1/offers/view HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`;
    const conversation = await converse(headers, body);
    expect(conversation.received).toMatch(/^HTTP\/1\.1 408 /);
    expect(JSON.parse(conversation.received.split('\r\n\r\n')[1] ?? '')).toMatchObject({
      error: { code: 'REQUEST_TIMEOUT' },
    });
    expect(conversation.sent).toBeLessThan(Buffer.byteLength(headers) + body.length);
  });

  it('a request without a token is refused with 401 before its body is read', async () => {
    const body = JSON.stringify({ nonce: 'n'.repeat(100) });
    const headers = `POST /api/v1/license/check HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`;
    const conversation = await converse(headers, body);
    expect(conversation.received).toMatch(/^HTTP\/1\.1 401 /);
    expect(conversation.received).toContain('TOKEN_MISSING');
    expect(conversation.sent).toBeLessThan(Buffer.byteLength(headers) + body.length);
  });

  it('headers trickled one byte at a time are cut the same way', async () => {
    const headers = 'GET /healthz HTTP/1.1\r\nHost: localhost\r\n' + 'X-Slow: ' + 'a'.repeat(400) + '\r\n\r\n';
    const conversation = await converse('', headers);
    expect(conversation.received).toMatch(/^HTTP\/1\.1 408 /);
    expect(conversation.sent).toBeLessThan(headers.length);
  });

  it('a connection that sends nothing is closed by the server', async () => {
    const conversation = await converse('');
    // Node counts it as a request whose headers never came (the headers timeout is the shorter).
    expect(conversation.sent).toBe(0);
    expect(conversation.received).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('a keep-alive connection left idle after its request is closed by the server', async () => {
    const conversation = await converse('GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: keep-alive\r\n\r\n');
    expect(conversation.received).toMatch(/^HTTP\/1\.1 200 /);
    expect(conversation.received).toContain('{"status":"ok"}');
  });
});
