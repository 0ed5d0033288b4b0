/**
 * Which screen is showing, mirrored in the URL hash (#/patients/<id>) so a
 * reload or the back button behaves. Hash routing also works from file://.
 */
import { create } from 'zustand';

export type Route =
  | { name: 'search' }
  | { name: 'register' }
  | { name: 'chart'; patientId: string }
  | { name: 'staff' }
  | { name: 'audit'; patientId?: string }
  | { name: 'diary' }
  | { name: 'queue' }
  | { name: 'receptionSetup' }
  | { name: 'sync' }
  | { name: 'conflicts' }
  | { name: 'duplicates' }
  | { name: 'consultation'; visitId: string }
  | { name: 'vaccinationsDue' }
  | { name: 'clinicalLists' };

export function routeToHash(route: Route): string {
  switch (route.name) {
    case 'search':
      return '#/';
    case 'register':
      return '#/register';
    case 'chart':
      return `#/patients/${encodeURIComponent(route.patientId)}`;
    case 'staff':
      return '#/staff';
    case 'audit':
      return route.patientId ? `#/audit?patient=${encodeURIComponent(route.patientId)}` : '#/audit';
    case 'diary':
      return '#/diary';
    case 'queue':
      return '#/queue';
    case 'receptionSetup':
      return '#/reception-setup';
    case 'sync':
      return '#/sync';
    case 'conflicts':
      return '#/conflicts';
    case 'duplicates':
      return '#/duplicates';
    case 'consultation':
      return `#/consultations/${encodeURIComponent(route.visitId)}`;
    case 'vaccinationsDue':
      return '#/vaccinations-due';
    case 'clinicalLists':
      return '#/clinical-lists';
  }
}

export function hashToRoute(hash: string): Route {
  const path = hash.replace(/^#/, '');
  const chart = /^\/patients\/([^/?]+)/.exec(path);
  if (chart?.[1]) return { name: 'chart', patientId: decodeURIComponent(chart[1]) };
  const consultation = /^\/consultations\/([^/?]+)/.exec(path);
  if (consultation?.[1]) return { name: 'consultation', visitId: decodeURIComponent(consultation[1]) };
  if (path.startsWith('/register')) return { name: 'register' };
  if (path.startsWith('/vaccinations-due')) return { name: 'vaccinationsDue' };
  if (path.startsWith('/clinical-lists')) return { name: 'clinicalLists' };
  if (path.startsWith('/staff')) return { name: 'staff' };
  if (path.startsWith('/diary')) return { name: 'diary' };
  if (path.startsWith('/queue')) return { name: 'queue' };
  if (path.startsWith('/reception-setup')) return { name: 'receptionSetup' };
  if (path.startsWith('/sync')) return { name: 'sync' };
  if (path.startsWith('/conflicts')) return { name: 'conflicts' };
  if (path.startsWith('/duplicates')) return { name: 'duplicates' };
  if (path.startsWith('/audit')) {
    const patient = /[?&]patient=([^&]+)/.exec(path);
    return patient?.[1] ? { name: 'audit', patientId: decodeURIComponent(patient[1]) } : { name: 'audit' };
  }
  return { name: 'search' };
}

interface NavState {
  route: Route;
  /** Bumped by Ctrl/Cmd+K so the search box refocuses even when already shown. */
  focusSearchTick: number;
  go(route: Route): void;
  focusSearch(): void;
}

export const useNav = create<NavState>()((set) => ({
  route: hashToRoute(window.location.hash),
  focusSearchTick: 0,
  go(route) {
    const hash = routeToHash(route);
    if (window.location.hash !== hash) window.location.hash = hash;
    set({ route });
  },
  focusSearch() {
    const hash = routeToHash({ name: 'search' });
    if (window.location.hash !== hash && window.location.hash !== '') window.location.hash = hash;
    set((s) => ({ route: { name: 'search' }, focusSearchTick: s.focusSearchTick + 1 }));
  },
}));

window.addEventListener('hashchange', () => {
  useNav.setState({ route: hashToRoute(window.location.hash) });
});
