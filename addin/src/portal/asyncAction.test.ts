import { describe, expect, it } from 'vitest';
import { message } from '#shared/i18n/message.js';
import { IDLE, runAction, type ActionState } from './asyncAction.js';

function screen(initial: ActionState = { busy: null, error: 'old error', notice: message('billingProfile.saved') }) {
  const states: ActionState[] = [];
  let state = initial;
  let reloads = 0;
  const effects = {
    set: (update: (s: ActionState) => ActionState) => {
      state = update(state);
      states.push(state);
    },
    describe: (error: unknown) => `Could not: ${(error as Error).message}`,
    reload: () => void reloads++,
  };
  return { effects, states, reloads: () => reloads };
}

describe('runAction', () => {
  it('clears the feedback and is busy while the work runs, then says what was done and reads the data again', async () => {
    const s = screen();
    let during: ActionState | undefined;
    const ok = await runAction(
      async () => {
        during = s.states.at(-1);
        return { quantity: 7 };
      },
      { notice: (r) => message('quantity.done', { quantity: r.quantity }) },
      s.effects,
    );
    expect(ok).toBe(true);
    expect(during).toEqual({ busy: '', error: null, notice: null });
    expect(s.states.at(-1)).toEqual({
      busy: null,
      error: null,
      notice: { key: 'quantity.done', params: { quantity: 7 } },
    });
    expect(s.reloads()).toBe(1);
  });

  it('names what runs when asked, so a screen can mark that one button', async () => {
    const s = screen(IDLE);
    await runAction(
      async () => undefined,
      { key: 'contoso.com', notice: message('domains.provenNow', { domain: 'contoso.com' }) },
      s.effects,
    );
    expect(s.states[0]).toEqual({ busy: 'contoso.com', error: null, notice: null });
  });

  it('leaves the data alone after work that changes nothing on the screen', async () => {
    const s = screen(IDLE);
    await runAction(async () => undefined, { reload: false }, s.effects);
    expect(s.reloads()).toBe(0);
    expect(s.states.at(-1)).toEqual(IDLE);
  });

  it('says what went wrong, keeps the data as it is, and lets the screen step back', async () => {
    const s = screen();
    let steppedBack = false;
    const ok = await runAction(
      () => Promise.reject(new Error('card declined')),
      { notice: message('billing.paid'), onError: () => (steppedBack = true) },
      s.effects,
    );
    expect(ok).toBe(false);
    expect(s.states.at(-1)).toEqual({ busy: null, error: 'Could not: card declined', notice: null });
    expect(s.reloads()).toBe(0);
    expect(steppedBack).toBe(true);
  });
});
