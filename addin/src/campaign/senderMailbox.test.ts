import { describe, expect, it } from 'vitest';
import { senderMailbox } from './senderMailbox.js';

describe('senderMailbox', () => {
  it('is the sender’s own for any of their addresses, in any case', () => {
    expect(
      senderMailbox('Anna.Schmidt@Contoso.com', ['anna@contoso.onmicrosoft.com', 'anna.schmidt@contoso.com']),
    ).toBeNull();
    expect(senderMailbox(null, ['anna@contoso.com'])).toBeNull();
    expect(senderMailbox('  ', ['anna@contoso.com'])).toBeNull();
  });

  it('is the shared mailbox From names otherwise', () => {
    expect(senderMailbox('team@contoso.com', ['anna@contoso.com', null])).toBe('team@contoso.com');
  });
});
