/** Hash-based routes (#/buy, #/subscriptions/<id>, #/it-help, #/partners/<id>/<tab>, #/offer?code=…&token=…, #/partner-request?token=…): no router library, works on any static host. */
import { useEffect, useState } from 'react';

export type PartnerTab = 'customers' | 'offers' | 'requests' | 'keys' | 'staff' | 'notifications';
export const PARTNER_TABS: readonly PartnerTab[] = [
  'customers',
  'offers',
  'requests',
  'keys',
  'staff',
  'notifications',
];

export type PortalRoute =
  | { page: 'dashboard' }
  | { page: 'buy' }
  | { page: 'subscription'; id: string }
  | { page: 'it-help' }
  | { page: 'accept'; token: string }
  | { page: 'become-partner' }
  | { page: 'partner'; id: string; tab: PartnerTab }
  | { page: 'offer'; code: string; token: string }
  | { page: 'partner-request'; token: string }
  | { page: 'redeem-key' };

export function parseRoute(hash: string): PortalRoute {
  const path = hash.replace(/^#/, '');
  const subscription = /^\/subscriptions\/([0-9a-f-]{36})$/i.exec(path);
  if (subscription?.[1]) return { page: 'subscription', id: subscription[1] };
  if (path === '/buy') return { page: 'buy' };
  if (path === '/it-help') return { page: 'it-help' };
  const accept = /^\/accept\?token=([A-Za-z0-9_-]+)$/.exec(path);
  if (accept?.[1]) return { page: 'accept', token: accept[1] };
  // Partners (P1–P5): the partner area, and the links customers follow (the server builds them).
  if (path === '/partners/new') return { page: 'become-partner' };
  const partner = /^\/partners\/([0-9a-f-]{36})(?:\/([a-z]+))?$/i.exec(path);
  if (partner?.[1])
    return { page: 'partner', id: partner[1], tab: PARTNER_TABS.find((tab) => tab === partner[2]) ?? 'customers' };
  if (path === '/redeem-key') return { page: 'redeem-key' };
  const linkQuery = /^\/(offer|partner-request)\?(.*)$/.exec(path);
  if (linkQuery?.[1] && linkQuery[2] !== undefined) {
    const params = new URLSearchParams(linkQuery[2]);
    const token = params.get('token');
    const code = params.get('code');
    if (linkQuery[1] === 'offer' && token && code) return { page: 'offer', code, token };
    if (linkQuery[1] === 'partner-request' && token) return { page: 'partner-request', token };
  }
  return { page: 'dashboard' };
}

export function useHashRoute(): PortalRoute {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const update = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', update);
    // The address may have changed before this listened (the admin-consent return rewrites it on load).
    update();
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return route;
}

export function navigate(hash: string): void {
  window.location.hash = hash;
}
