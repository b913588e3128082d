/** Hash-based routes (#/buy, #/subscriptions/<id>, #/it-help): no router library, works on any static host. */
import { useEffect, useState } from 'react';

export type PortalRoute = { page: 'dashboard' } | { page: 'buy' } | { page: 'subscription'; id: string } | { page: 'it-help' } | { page: 'accept'; token: string };

export function parseRoute(hash: string): PortalRoute {
  const path = hash.replace(/^#/, '');
  const subscription = /^\/subscriptions\/([0-9a-f-]{36})$/i.exec(path);
  if (subscription?.[1]) return { page: 'subscription', id: subscription[1] };
  if (path === '/buy') return { page: 'buy' };
  if (path === '/it-help') return { page: 'it-help' };
  const accept = /^\/accept\?token=([A-Za-z0-9_-]+)$/.exec(path);
  if (accept?.[1]) return { page: 'accept', token: accept[1] };
  return { page: 'dashboard' };
}

export function useHashRoute(): PortalRoute {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const update = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return route;
}

export function navigate(hash: string): void {
  window.location.hash = hash;
}
