/**
 * The scroll element's size for a TanStack virtualiser, without reading it at mount. The library's
 * own observer reads `clientHeight` as the virtualiser attaches, in React's commit: on a screen just
 * put into the DOM that forces a layout of the whole page inside the task (10–15 ms of the pane's
 * longest tasks). A ResizeObserver reports the first size after the browser's own layout instead;
 * until then the virtualiser's `initialRect` (the scroller's known height) stands.
 */
import type { Rect, Virtualizer } from '@tanstack/react-virtual';

export function observeRectAfterLayout<T extends Element>(
  instance: Virtualizer<T, Element>,
  onRect: (rect: Rect) => void,
): (() => void) | undefined {
  const element = instance.scrollElement;
  const ResizeObserverOfPage = instance.targetWindow?.ResizeObserver;
  if (!element || !ResizeObserverOfPage) return undefined;
  const observer = new ResizeObserverOfPage(([entry]) => {
    if (!entry) return;
    // The content box: the scroller has no padding, so this is the `clientWidth`/`clientHeight` the library reads.
    onRect({ width: Math.round(entry.contentRect.width), height: Math.round(entry.contentRect.height) });
  });
  observer.observe(element, { box: 'content-box' });
  return () => observer.disconnect();
}
