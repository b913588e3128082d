/**
 * Where the keyboard's focus goes when a screen changes without the user moving it (WCAG 2.4.3,
 * focus order; 4.1.3, status messages): to the page's title after a move inside the portal, to
 * a message that appears (an error, what an action did), to a step that opens. Otherwise focus
 * stays on a button that no longer exists, the browser puts it back at the top of the page, and
 * a keyboard or screen-reader user has to find the change again. Everything focused this way
 * gets `tabIndex={-1}`: focusable by script, not an extra Tab stop.
 */
import { useEffect, useRef } from 'react';

/** Set once the address's fragment changes: the portal moved to another page by itself or by a link. */
let movedInPage = false;
if (typeof window !== 'undefined') window.addEventListener('hashchange', () => (movedInPage = true));

/**
 * A page title that takes the focus when its page opens after a move inside the portal (not on
 * the first load: a screen reader starts at the top of a page it just opened).
 */
export function useFocusOnNavigation<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  useEffect(() => {
    if (movedInPage) ref.current?.focus();
  }, []);
  return ref;
}

/**
 * Focuses the element each time `shown` becomes a new non-empty value (a message appears or
 * says something else, a step opens); `skipFirst` leaves the value a screen opens with alone.
 */
export function useFocusWhenShown<T extends HTMLElement>(
  shown: object | string | null | undefined | false,
  options: { skipFirst?: boolean } = {},
) {
  const ref = useRef<T>(null);
  const first = useRef(true);
  useEffect(() => {
    const skip = first.current && options.skipFirst;
    first.current = false;
    if (shown && !skip) ref.current?.focus();
    // Only a new value moves the focus.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [shown]);
  return ref;
}
