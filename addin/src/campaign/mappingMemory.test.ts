import { describe, expect, it } from 'vitest';
import { memoryStore } from '../storage/keyValueStore.js';
import { recallMapping, rememberMapping } from './mappingMemory.js';

describe('mapping memory', () => {
  it('recalls the mapping for the same headers in any order, and nothing for other headers', () => {
    const store = memoryStore();
    rememberMapping(store, ['Name', 'Mail', 'Boss'], { emailColumn: 'Mail', ccColumn: 'Boss', bccColumn: null });
    expect(recallMapping(store, ['Boss', 'Name', 'Mail'])).toEqual({
      emailColumn: 'Mail',
      ccColumn: 'Boss',
      bccColumn: null,
    });
    expect(recallMapping(store, ['Name', 'Mail'])).toBeNull();
  });
});
