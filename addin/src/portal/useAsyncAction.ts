/**
 * A portal screen's data and actions: what it loaded (read again after each change), whether a
 * request is running, and the last error, in words (errorText), or confirmation, a message written when shown. Every screen that
 * reads and changes something through the API uses this instead of its own load/act/error/notice.
 * `load` must be stable (useCallback): it is read again when it changes.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Role } from '#shared/permissions/permissions.js';
import type { Message } from '#shared/i18n/message.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { IDLE, runAction, type ActionState, type RunOptions } from './asyncAction.js';
import { errorText } from './errorText.js';

export interface AsyncAction<T> {
  data: T | null;
  busy: boolean;
  /** What runs, as named in `run`'s options; null when idle. */
  busyKey: string | null;
  error: string | null;
  notice: Message | null;
  reload(): void;
  /** Changes what was loaded with what an answer said, without reading it all again. */
  update(change: (data: T) => T): void;
  run<R>(work: () => Promise<R>, options?: RunOptions<R>): Promise<boolean>;
  /** Shows a mistake found before asking the server (e.g. no permission chosen). */
  fail(error: string): void;
  /** Shows a confirmation that needed no request (e.g. copied to the clipboard). */
  say(notice: Message | null): void;
}

/** `role`: the caller's role on the thing shown, for errorText; `reloadKey`: also read again when it changes (what another part of the page changed). */
export function useAsyncAction<T>(
  load: (() => Promise<T>) | null,
  options: { role?: Role; reloadKey?: string } = {},
): AsyncAction<T> {
  const { t } = useI18n();
  const { role, reloadKey } = options;
  const [data, setData] = useState<T | null>(null);
  const [state, setState] = useState<ActionState>(IDLE);
  const describe = useCallback((error: unknown) => errorText(error, t, role), [t, role]);

  // Only the latest read may show: an answer to an older one (other parameters) is dropped.
  const latest = useRef(0);
  const reload = useCallback(() => {
    if (!load) return;
    const reading = ++latest.current;
    load().then(
      (loaded) => {
        if (reading !== latest.current) return;
        setData(loaded);
        setState((current) => ({ ...current, error: null }));
      },
      (error: unknown) => reading === latest.current && setState((current) => ({ ...current, error: describe(error) })),
    );
  }, [load, describe]);
  useEffect(reload, [reload, reloadKey]);

  const run = useCallback(
    <R>(work: () => Promise<R>, runOptions: RunOptions<R> = {}) =>
      runAction(work, runOptions, { set: setState, describe, reload }),
    [describe, reload],
  );
  const update = useCallback(
    (change: (current: T) => T) => setData((current) => (current === null ? current : change(current))),
    [],
  );
  const fail = useCallback((error: string) => setState({ busy: null, error, notice: null }), []);
  const say = useCallback((notice: Message | null) => setState({ busy: null, error: null, notice }), []);

  return {
    data,
    busy: state.busy !== null,
    busyKey: state.busy,
    error: state.error,
    notice: state.notice,
    reload,
    update,
    run,
    fail,
    say,
  };
}
