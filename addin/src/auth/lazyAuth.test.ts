import { describe, expect, it } from 'vitest';
import { memoryStore } from '../storage/keyValueStore.js';
import { NotSignedInError, type Account, type AuthPort } from './authPort.js';
import { LazyAuth } from './lazyAuth.js';

const ANNA: Account = { tenantId: 't', objectId: 'o', email: 'anna@contoso.com', name: 'Anna' };

/** Stands for MsalAuth: counts how often the module was loaded. */
function loader(options: { fail?: number } = {}) {
  let loads = 0;
  let account: Account | null = null;
  const port: AuthPort = {
    currentAccount: () => account,
    signIn: async () => (account = ANNA),
    signOut: async () => void (account = null),
    apiToken: async () => 'api-token',
    graphToken: async () => 'graph-token',
  };
  return {
    load: async () => {
      loads++;
      if (loads <= (options.fail ?? 0)) throw new Error('ChunkLoadError');
      return port;
    },
    loads: () => loads,
  };
}

describe('LazyAuth', () => {
  it('loads nothing until sign-in, and has no token to give before', async () => {
    const modules = loader();
    const auth = new LazyAuth(modules.load, memoryStore());
    expect(auth.signedInBefore).toBe(false);
    expect(auth.currentAccount()).toBeNull();
    await expect(auth.apiToken()).rejects.toBeInstanceOf(NotSignedInError);
    await expect(auth.graphToken(['Mail.Send'])).rejects.toBeInstanceOf(NotSignedInError);
    expect(modules.loads()).toBe(0);
    expect(await auth.signIn()).toEqual(ANNA);
    expect(modules.loads()).toBe(1);
    expect(await auth.apiToken()).toBe('api-token');
  });

  it('remembers a sign-in on this device until sign-out, so the next pane loads at once', async () => {
    const store = memoryStore();
    const first = new LazyAuth(loader().load, store);
    await first.signIn();
    expect(new LazyAuth(loader().load, store).signedInBefore).toBe(true);
    await first.signOut();
    expect(new LazyAuth(loader().load, store).signedInBefore).toBe(false);
  });

  it('loads once, and tries again after a failed load', async () => {
    const modules = loader({ fail: 1 });
    const auth = new LazyAuth(modules.load, memoryStore());
    await expect(auth.signIn()).rejects.toThrow('ChunkLoadError');
    await auth.ready();
    await auth.ready();
    expect(modules.loads()).toBe(2);
    expect(auth.currentAccount()).toBeNull();
  });
});
