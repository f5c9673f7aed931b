import { useEffect, useState } from 'preact/hooks';

/**
 * A tiny history-API router for the one Portal page: paths are what follows `/portal`, so
 * `/portal/companies/abc?page=2` is `{ path: '/companies/abc', query: page=2 }`. Every page's
 * state that matters (search, filters, page number) lives in the query, so reload, back and a
 * shared URL all show the same thing.
 */
export const PORTAL_BASE = '/portal';

export interface Location {
  path: string;
  query: URLSearchParams;
}

export function currentLocation(): Location {
  const raw = window.location.pathname.startsWith(PORTAL_BASE) ? window.location.pathname.slice(PORTAL_BASE.length) : '/';
  return { path: raw === '' ? '/' : raw, query: new URLSearchParams(window.location.search) };
}

const listeners = new Set<() => void>();

/** Goes to a Portal path (`/companies?q=x`); `replace` for state changes that should not add a Back step. */
export function navigate(to: string, options: { replace?: boolean } = {}): void {
  const url = `${PORTAL_BASE}${to === '/' ? '' : to}`;
  if (options.replace) window.history.replaceState(null, '', url);
  else window.history.pushState(null, '', url);
  for (const listener of listeners) listener();
}

/** Re-renders on navigation (our own and the browser's Back/Forward). */
export function useLocation(): Location {
  const [location, setLocation] = useState(currentLocation);
  useEffect(() => {
    const update = () => setLocation(currentLocation());
    listeners.add(update);
    window.addEventListener('popstate', update);
    return () => {
      listeners.delete(update);
      window.removeEventListener('popstate', update);
    };
  }, []);
  return location;
}

/** Matches `/companies/:id` against a path; the params, decoded, or undefined. */
export function matchPath(pattern: string, path: string): Record<string, string> | undefined {
  const want = pattern.split('/').filter(Boolean);
  const have = path.split('/').filter(Boolean);
  if (want.length !== have.length) return undefined;
  const params: Record<string, string> = {};
  for (const [index, part] of want.entries()) {
    const actual = have[index]!;
    if (part.startsWith(':')) {
      try {
        params[part.slice(1)] = decodeURIComponent(actual);
      } catch {
        return undefined;
      }
    } else if (part !== actual) return undefined;
  }
  return params;
}

/** The query string with some values changed (empty or undefined values removed). */
export function withQuery(location: Location, changes: Record<string, string | number | undefined>): string {
  const query = new URLSearchParams(location.query);
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined || value === '') query.delete(key);
    else query.set(key, String(value));
  }
  const text = query.toString();
  return `${location.path}${text ? `?${text}` : ''}`;
}
