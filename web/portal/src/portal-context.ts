import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { PortalSessionView } from '../../../src/wire/portal/session';
import type { PortalApi } from './api';
import type { Location } from './router';

/** What every page can use: the API client, who is signed in, where we are. */
export interface PortalContextValue {
  api: PortalApi;
  session: PortalSessionView;
  location: Location;
  /** Route parameters of the current page (`/companies/:companyId` → `{ companyId }`). */
  params: Record<string, string>;
  /** Whether the signed-in user may change things in an area that needs `role`. */
  can: (role: 'viewer' | 'developer' | 'admin') => boolean;
  /** Reloads the session (after a change to the signed-in user itself). */
  refreshSession: () => Promise<void>;
}

export const PortalContext = createContext<PortalContextValue | null>(null);

export function usePortal(): PortalContextValue {
  const value = useContext(PortalContext);
  if (!value) throw new Error('usePortal outside the Portal app');
  return value;
}
