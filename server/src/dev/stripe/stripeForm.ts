/**
 * Stripe's request bodies: `application/x-www-form-urlencoded` with bracketed keys for nested
 * objects and lists (`metadata[order]=1`, `expand[0]=payment_method`, `expand[]=x`), as Stripe's
 * API reference shows in every curl example ("-d metadata[order_id]=6735") and stripe-node writes
 * them (its `stringifyRequestData`, qs's indexed array format). Written here in a few lines
 * rather than with `qs`: the stand-in needs only this subset, and `qs` is not a dependency.
 */
export type FormValue = string | FormValue[] | { [key: string]: FormValue };

/** Reads a form body into nested objects; a key given twice or a list with gaps is refused (null). */
export function parseStripeForm(body: string): Record<string, FormValue> | null {
  const root: Record<string, FormValue> = {};
  for (const [fullKey, value] of new URLSearchParams(body)) {
    const match = /^([^[\]]+)((?:\[[^[\]]*\])*)$/.exec(fullKey);
    if (!match) return null;
    const path = [match[1]!, ...[...match[2]!.matchAll(/\[([^[\]]*)\]/g)].map((m) => m[1]!)];
    let node: Record<string, FormValue> | FormValue[] = root;
    for (let i = 0; i < path.length; i++) {
      const last = i === path.length - 1;
      const part = path[i]!;
      const nextIsList = !last && (path[i + 1] === '' || /^\d+$/.test(path[i + 1]!));
      if (Array.isArray(node)) {
        const index: number = part === '' ? node.length : Number(part);
        if (!/^\d*$/.test(part) || index > node.length) return null;
        if (last) {
          if (index < node.length) return null;
          node.push(value);
        } else {
          node[index] ??= nextIsList ? [] : {};
          const child: FormValue | undefined = node[index];
          if (typeof child !== 'object') return null;
          node = child;
        }
      } else {
        if (last) {
          if (part in node) return null;
          node[part] = value;
        } else {
          node[part] ??= nextIsList ? [] : {};
          const child: FormValue = node[part]!;
          if (typeof child !== 'object') return null;
          node = child;
        }
      }
    }
  }
  return root;
}
