/**
 * One Idempotency-Key per distinct request body: resubmitting the same order (a double click, a
 * retry after a network error) reuses its key and is charged once; a corrected order (another
 * card, another quantity) gets a new key.
 */
export function idempotencyKeys(newKey: () => string = () => crypto.randomUUID()): (body: unknown) => string {
  let last: { body: string; key: string } | null = null;
  return (body) => {
    const serialized = JSON.stringify(body);
    if (last?.body !== serialized) last = { body: serialized, key: newKey() };
    return last.key;
  };
}
