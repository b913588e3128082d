/**
 * How every portal screen acts on the API, pure: the feedback is cleared and the screen is busy
 * while a request runs; then it says what was done (and the screen's data is read again), or
 * what went wrong in words that say what to do. useAsyncAction.ts holds this state for React.
 * The confirmation is kept as a message (key and values, shared/src/i18n/message.ts) and written
 * when shown, so it follows a change of language.
 */
import type { Message } from '#shared/i18n/message.js';

export interface ActionState {
  /** What is running (a name the screen chose, e.g. the domain being checked); null when idle. */
  busy: string | null;
  error: string | null;
  notice: Message | null;
}

export const IDLE: ActionState = { busy: null, error: null, notice: null };

export interface RunOptions<T> {
  /** What to say once done: a message, or one made from the answer (null: nothing). */
  notice?: Message | null | ((result: T) => Message | null);
  /** Names what runs, for a screen that shows which of its buttons is busy. */
  key?: string;
  /** Also run when the work fails (e.g. to leave a payment step the bank declined). */
  onError?: () => void;
  /** False for work that changes nothing the screen shows (opening an invoice). */
  reload?: boolean;
}

export interface ActionEffects {
  set(update: (state: ActionState) => ActionState): void;
  /** The error in words (errorText with the screen's role). */
  describe(error: unknown): string;
  /** Reads the screen's data again after a change. */
  reload?: () => void;
}

/** Runs `work` with the screen's feedback; true when it succeeded. */
export async function runAction<T>(
  work: () => Promise<T>,
  options: RunOptions<T>,
  effects: ActionEffects,
): Promise<boolean> {
  effects.set(() => ({ busy: options.key ?? '', error: null, notice: null }));
  try {
    const result = await work();
    const notice = typeof options.notice === 'function' ? options.notice(result) : (options.notice ?? null);
    effects.set(() => ({ busy: null, error: null, notice }));
    if (options.reload !== false) effects.reload?.();
    return true;
  } catch (error) {
    effects.set(() => ({ busy: null, error: effects.describe(error), notice: null }));
    options.onError?.();
    return false;
  }
}
