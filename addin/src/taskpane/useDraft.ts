/**
 * The message being composed, through the host port (Office.js in Outlook, the simulated compose
 * window in the playground): read when the pane opens and after sign-in, read again on request and
 * at campaign start; its inline pictures for the preview; and an attachment's bytes for Graph,
 * looked up by what the campaign recorded (ids last one session, so the draft is read again).
 */
import { useCallback, useEffect, useState } from 'react';
import { pictureDataUrl, usableInlineImages } from '../campaign/inlineImages.js';
import type { GraphFileAttachment } from '../graph/graphMailClient.js';
import type { Draft, DraftAttachment, MailHost } from '../host/mailHost.js';
import { useI18n } from '../i18n/I18nProvider.js';

export interface DraftAccess {
  draft: Draft | null;
  error: string | null;
  reload(): void;
  /** What the message says now (the last one read when the host cannot tell); the pane shows it from then on. */
  latest(): Promise<Draft | null>;
  /** The draft's inline pictures by content id, as data URLs for the preview. */
  pictures: ReadonlyMap<string, string>;
  /** A file of the draft by name, as Graph takes it. */
  attachment(name: string): Promise<GraphFileAttachment>;
  /** An inline image by content id, sent inline under the same content id so that the body's cid: reference resolves. */
  inlineImage(contentId: string): Promise<GraphFileAttachment>;
  /** The campaign files this pane's message does not hold (by name, and inline pictures by content id): from the attachment list only. */
  missingFiles(files: { names: readonly string[]; contentIds: readonly string[] }): Promise<string[]>;
}

/** `signedIn` changes when the user signs in: the From of a message in one's own mailbox is then one's own address. */
export function useDraft(host: MailHost, signedIn: unknown): DraftAccess {
  const { t } = useI18n();
  const [draft, setDraft] = useState<Draft | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pictures, setPictures] = useState<ReadonlyMap<string, string>>(new Map());

  const reload = useCallback(() => {
    host.readDraft().then(
      (read) => {
        setDraft(read);
        setError(null);
      },
      (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
    );
  }, [host]);
  useEffect(reload, [reload, signedIn]);

  const latest = useCallback(async () => {
    const read = await host.readDraft().catch(() => draft);
    if (read) setDraft(read);
    return read;
  }, [host, draft]);

  useEffect(() => {
    let current = true;
    const attachments = draft?.attachments ?? [];
    const byContentId = new Map(attachments.map((a) => [a.contentId, a.id]));
    void Promise.all(
      usableInlineImages(attachments).map(async (image) => {
        const id = byContentId.get(image.contentId);
        const content = id ? await host.readAttachment(id).catch(() => null) : null;
        const url = content ? pictureDataUrl(content.contentType, content.contentBytes) : null;
        return url ? ([image.contentId, url] as const) : null;
      }),
    ).then((read) => {
      if (current) setPictures(new Map(read.filter((entry) => entry !== null)));
    });
    return () => {
      current = false;
    };
  }, [draft, host]);

  /** A draft attachment's bytes as Graph takes them; with a content id it goes inline under that id. */
  const forGraph = useCallback(
    async (
      find: (attachment: DraftAttachment) => boolean,
      missing: string,
      contentId?: string,
    ): Promise<GraphFileAttachment> => {
      const found = (await host.readDraft()).attachments.find(find);
      if (!found) throw new Error(missing);
      const content = await host.readAttachment(found.id);
      return {
        '@odata.type': '#microsoft.graph.fileAttachment',
        name: content.name,
        contentType: content.contentType,
        contentBytes: content.contentBytes,
        ...(contentId ? { isInline: true, contentId } : {}),
      };
    },
    [host],
  );
  const attachment = useCallback(
    (name: string) =>
      forGraph((a) => !a.isInline && a.name === name, t('problems.missingAttachment', { row: '', name })),
    [forGraph, t],
  );
  const inlineImage = useCallback(
    (contentId: string) =>
      forGraph((a) => a.isInline && a.contentId === contentId, t('template.inlineUnmatched', { count: 1 }), contentId),
    [forGraph, t],
  );

  const missingFiles = useCallback(
    async ({ names, contentIds }: { names: readonly string[]; contentIds: readonly string[] }): Promise<string[]> => {
      const current = (await host.readDraft()).attachments;
      return [
        ...names.filter((name) => !current.some((a) => !a.isInline && a.name === name)),
        ...contentIds.filter((id) => !current.some((a) => a.isInline && a.contentId === id)),
      ];
    },
    [host],
  );
  return { draft, error, reload, latest, pictures, attachment, inlineImage, missingFiles };
}
