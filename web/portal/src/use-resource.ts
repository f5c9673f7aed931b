import { useCallback, useEffect, useState } from 'preact/hooks';
import { PortalApiError } from './api';
import { usePortal } from './portal-context';

export interface Resource<T> {
  data: T | undefined;
  error: PortalApiError | undefined;
  loading: boolean;
  /** Loads again (after a change), keeping the old data on screen meanwhile. */
  reload: () => Promise<void>;
}

/**
 * GETs a Portal API path and follows it when the path changes (a new page, a new search).
 * An answer to an older path that arrives late is dropped, so the screen never shows a
 * previous search's rows.
 */
export function useResource<T>(path: string | undefined): Resource<T> {
  const { api } = usePortal();
  const [state, setState] = useState<{ path: string | undefined; data: T | undefined; error: PortalApiError | undefined; loading: boolean }>({
    path: undefined,
    data: undefined,
    error: undefined,
    loading: path !== undefined,
  });
  const load = useCallback(async () => {
    if (path === undefined) return;
    setState((previous) => ({ ...previous, path, loading: true }));
    try {
      const data = await api.get<T>(path);
      setState((previous) => (previous.path === path ? { path, data, error: undefined, loading: false } : previous));
    } catch (error) {
      const failure = error instanceof PortalApiError ? error : new PortalApiError(0, 'UNKNOWN', String(error));
      setState((previous) => (previous.path === path ? { ...previous, error: failure, loading: false } : previous));
    }
  }, [api, path]);
  useEffect(() => {
    void load();
  }, [load]);
  return { data: state.data, error: state.error, loading: state.loading, reload: load };
}
