// A blocked popup's fallback takes the whole host page to the platform and back (docs/embedded-
// link.md). The page then loads again and mounts a new CodatLink; this marker, left in the tab's
// sessionStorage just before leaving, lets that mount open on the connection's result (and so
// fire onConnection) instead of starting over.

const KEY = 'doorway-link:full-page-return';

interface Marker {
  companyId: string;
  connectionId: string;
}

/** Storage can be switched off or full; the fallback then simply starts over on return. */
function storage(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

export function rememberFullPageReturn(companyId: string, connectionId: string): void {
  try {
    storage()?.setItem(KEY, JSON.stringify({ companyId, connectionId } satisfies Marker));
  } catch {
    // See storage().
  }
}

/** The connection this page came back for, read once: a later mount (or reload) starts afresh. */
export function takeFullPageReturn(companyId: string): string | null {
  const store = storage();
  try {
    const raw = store?.getItem(KEY);
    if (!raw) return null;
    const marker = JSON.parse(raw) as Partial<Marker>;
    if (marker.companyId !== companyId || typeof marker.connectionId !== 'string') return null;
    store?.removeItem(KEY);
    return marker.connectionId;
  } catch {
    return null;
  }
}
