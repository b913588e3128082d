/**
 * How a document the reader asked for is answered: in which language it is written, and the
 * headers of a printable page and of a PDF download. Invoices, credit notes and partners' key
 * invoices are personal and financial, so none is kept by a browser or a proxy (`no-store`).
 */
import type { FastifyReply } from 'fastify';
import { resolveLocale, type Locale } from '#shared/i18n/translate.js';

/** The language a document is written in: `?lang=` when the page asks, else the browser's Accept-Language. */
export function readerLocale(request: { query: { lang?: string }; headers: { 'accept-language'?: string } }): Locale {
  return resolveLocale(request.query.lang ?? request.headers['accept-language']);
}

/** A printable HTML page (already escaped by its renderer). */
export function sendPrintablePage(reply: FastifyReply, html: string): FastifyReply {
  return reply.type('text/html; charset=utf-8').header('Cache-Control', 'no-store').send(html);
}

/** A PDF the browser downloads as `<number>.pdf`. */
export function sendPdfDownload(reply: FastifyReply, number: string, pdf: Uint8Array): FastifyReply {
  return (
    reply
      .type('application/pdf')
      .header('Cache-Control', 'no-store')
      .header('Content-Disposition', `attachment; filename="${number}.pdf"`)
      // A Buffer is sent as it is (Fastify serialises only what is not one).
      .send(Buffer.from(pdf))
  );
}
