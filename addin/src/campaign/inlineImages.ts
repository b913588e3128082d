/**
 * Inline images (signature logos, pasted pictures), pure. The body shows them as
 * `<img src="cid:…">`, and each is an attachment of the draft marked inline with that content id
 * (Office.js `AttachmentDetailsCompose.isInline`, and `contentId` from Mailbox 1.16). Every message
 * carries the inline images its own body shows, as Graph fileAttachments with `isInline` and
 * `contentId`, so that its `cid:` references resolve; they are not files and never listed as such.
 *
 * Below Mailbox 1.16 Outlook does not say which attachment a `cid:` reference means. Those
 * pictures, and any too large for one Graph request, cannot go with the message: the pane says so
 * before sending (the picture would show as a broken image), and the message goes without them.
 */
import { UPLOAD_SESSION_MIN_BYTES } from './attachmentDelivery.js';

export interface InlineCandidate {
  name: string;
  size: number;
  isInline?: boolean;
  /** Outlook's content id (Mailbox 1.16); null or absent where the host does not give it. */
  contentId?: string | null;
}

export interface InlineImage {
  name: string;
  size: number;
  contentId: string;
}

const CID_SOURCE = /<img\b[^>]*?\ssrc\s*=\s*(["']?)cid:([^"'\s>]+)\1/gi;

/** A content id as RFC 2392 writes it in a URL (percent-encoded), without angle brackets. */
function normaliseCid(value: string): string {
  let decoded = value;
  try {
    decoded = decodeURIComponent(value);
  } catch {
    /* not percent-encoded */
  }
  return decoded.replace(/^<|>$/g, '').toLowerCase();
}

/** The content ids the body's pictures refer to, each once, in order. */
export function cidReferences(html: string): string[] {
  if (!html.includes('cid:')) return [];
  const found = new Map<string, string>();
  for (const match of html.matchAll(CID_SOURCE)) {
    const cid = match[2] ?? '';
    if (!found.has(normaliseCid(cid))) found.set(normaliseCid(cid), cid);
  }
  return [...found.values()];
}

/**
 * Inline images that can go with each message: marked inline, with a content id, and small enough
 * to travel inside a Graph request (an upload session's attachment item carries no content id).
 */
export function usableInlineImages(attachments: readonly InlineCandidate[]): InlineImage[] {
  return attachments.flatMap((a) =>
    a.isInline && a.contentId && a.size < UPLOAD_SESSION_MIN_BYTES
      ? [{ name: a.name, size: a.size, contentId: a.contentId }]
      : [],
  );
}

/** The inline images one message's body shows. */
export function imagesShownIn(html: string, images: readonly InlineImage[]): string[] {
  if (images.length === 0 || !html.includes('cid:')) return [];
  const shown = new Set(cidReferences(html).map(normaliseCid));
  return images.filter((image) => shown.has(normaliseCid(image.contentId))).map((image) => image.contentId);
}

export interface InlineImageCheck {
  /** `cid:` references no usable inline image answers (Outlook below Mailbox 1.16, or a picture that is gone). */
  unmatched: string[];
  /** Names of inline pictures of 3 MB or more. */
  tooLarge: string[];
}

/** What the sender is told before sending about the body's pictures. */
export function checkInlineImages(bodyHtml: string, attachments: readonly InlineCandidate[]): InlineImageCheck {
  const usable = new Set(usableInlineImages(attachments).map((image) => normaliseCid(image.contentId)));
  const large = attachments.filter((a) => a.isInline && a.contentId && a.size >= UPLOAD_SESSION_MIN_BYTES);
  const largeIds = new Set(large.map((a) => normaliseCid(a.contentId ?? '')));
  const references = cidReferences(bodyHtml);
  return {
    unmatched: references.filter((cid) => !usable.has(normaliseCid(cid)) && !largeIds.has(normaliseCid(cid))),
    tooLarge: large
      .filter((a) => references.some((cid) => normaliseCid(cid) === normaliseCid(a.contentId ?? '')))
      .map((a) => a.name),
  };
}

/** A picture's bytes as the preview shows them: only image types, only base64 text. */
export function pictureDataUrl(contentType: string, contentBytes: string): string | null {
  if (!/^image\/(png|jpeg|gif|bmp|webp)$/i.test(contentType) || !/^[A-Za-z0-9+/]*={0,2}$/.test(contentBytes))
    return null;
  return `data:${contentType.toLowerCase()};base64,${contentBytes}`;
}

/**
 * The preview's copy of a message: each `cid:` picture it can show replaced by its data URL (the
 * sent message keeps `cid:`). A picture it cannot show — not read yet, or gone — gets an empty
 * source, which a browser does not fetch: the pane's CSP refuses `cid:` (a violation report each
 * render), and the picture's alt text says more than a broken image.
 */
export function withPicturesShown(html: string, pictures: ReadonlyMap<string, string>): string {
  if (!html.includes('cid:')) return html;
  const byCid = new Map([...pictures].map(([cid, url]) => [normaliseCid(cid), url]));
  return html.replace(CID_SOURCE, (whole, quote: string, cid: string) =>
    whole.replace(`${quote}cid:${cid}${quote}`, `"${byCid.get(normaliseCid(cid)) ?? ''}"`),
  );
}
