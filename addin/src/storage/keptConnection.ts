/**
 * One IndexedDB connection per page and database, opened on first use and opened again on the
 * next use after it was taken away (Indexed Database API 3.0, "Handling versionchange" and the
 * connection's `close` event):
 * - `versionchange`: another page of the same origin (another pane, a newer version of Outmerge
 *   in another tab) upgrades or deletes the database. This connection is closed at once, so that
 *   the other page is not blocked, and forgotten;
 * - `close`: the browser closed the connection itself (the user cleared the site's data, a disk
 *   error). Forgotten too.
 * A pane left open keeps working either way: its next read or write opens the database again,
 * instead of failing for the rest of its life on a closed connection ("InvalidStateError: The
 * database connection is closing").
 *
 * The database as another pane of a newer version left it: a newer version only adds stores and
 * steps (ARCHITECTURE.md, "Where a campaign is kept"), so this pane opens it at its current
 * version rather than failing with `VersionError` because it asks for an older one.
 */
import { openDB, type DBSchema, type IDBPDatabase, type OpenDBCallbacks } from 'idb';

/** The opened connection went away: forget it, the next use opens the database again. */
export interface ConnectionLoss {
  onVersionChange(connection: IDBDatabase): void;
  onClose(): void;
}

/** `open(loss)` opens the database and reports through `loss` when the connection goes; the result opens at most once per loss. */
export function keptConnection<Connection>(
  open: (loss: ConnectionLoss) => Promise<Connection>,
): () => Promise<Connection> {
  let current: Promise<Connection> | null = null;
  return () => {
    if (current) return current;
    const opening: Promise<Connection> = open({
      onVersionChange(connection) {
        connection.close();
        if (current === opening) current = null;
      },
      onClose() {
        if (current === opening) current = null;
      },
    });
    current = opening;
    // A failed opening (storage refused) is tried again by the next use.
    opening.catch(() => {
      if (current === opening) current = null;
    });
    return opening;
  };
}

function isVersionError(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'VersionError';
}

/**
 * `openDB` at `version` with `upgrade`, wired to `loss`; when another pane of a newer version has
 * already upgraded the database, opened at that newer version (its stores include ours).
 */
export async function openKept<Schema extends DBSchema>(
  name: string,
  version: number,
  upgrade: NonNullable<OpenDBCallbacks<Schema>['upgrade']>,
  loss: ConnectionLoss,
): Promise<IDBPDatabase<Schema>> {
  const callbacks: OpenDBCallbacks<Schema> = {
    blocking(_current, _next, event) {
      loss.onVersionChange(event.target as IDBDatabase);
    },
    terminated() {
      loss.onClose();
    },
  };
  try {
    return await openDB<Schema>(name, version, { ...callbacks, upgrade });
  } catch (error) {
    if (!isVersionError(error)) throw error;
    return openDB<Schema>(name, undefined, callbacks);
  }
}
