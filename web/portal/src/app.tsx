import { useEffect, useMemo, useState } from 'preact/hooks';
import type { PortalBootstrap, PortalSessionView, StaffRole } from '../../../src/wire/portal/session';
import { createPortalApi, PortalApiError } from './api';
import { PortalLayout } from './layout/PortalLayout';
import { NotFound } from './pages/NotFound';
import { SignIn } from './pages/SignIn';
import { PortalContext, type PortalContextValue } from './portal-context';
import { matchPath, navigate, useLocation } from './router';
import { HOME, PUBLIC_ROUTES, ROUTES } from './routes';

const RANK: StaffRole[] = ['viewer', 'developer', 'admin'];

type SessionState = { status: 'loading' } | { status: 'signed-out' } | { status: 'signed-in'; session: PortalSessionView } | { status: 'unreachable'; message: string };

/**
 * The Portal app: asks who is signed in, shows the sign-in form or the page for the current
 * path inside the layout. Pages that need no session (accepting an invitation) are in
 * PUBLIC_ROUTES.
 */
export function PortalApp({ bootstrap }: { bootstrap: PortalBootstrap }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });
  const api = useMemo(() => createPortalApi(bootstrap.preSessionCsrfToken, () => setState({ status: 'signed-out' })), [bootstrap]);
  const location = useLocation();

  const loadSession = async () => {
    try {
      const session = await api.get<PortalSessionView>('/session');
      api.setCsrfToken(session.csrfToken);
      setState({ status: 'signed-in', session });
    } catch (error) {
      if (error instanceof PortalApiError && error.status === 401) setState({ status: 'signed-out' });
      else setState({ status: 'unreachable', message: error instanceof Error ? error.message : String(error) });
    }
  };
  useEffect(() => {
    void loadSession();
  }, []);

  const signedIn = (session: PortalSessionView) => {
    api.setCsrfToken(session.csrfToken);
    setState({ status: 'signed-in', session });
  };

  const publicRoute = PUBLIC_ROUTES.find((route) => matchPath(route.pattern, location.path));
  if (publicRoute) {
    const params = matchPath(publicRoute.pattern, location.path)!;
    return publicRoute.page({ api, params, bootstrap, onSignedIn: signedIn });
  }
  if (state.status === 'loading') return <p class="pt-loading">Loading…</p>;
  if (state.status === 'unreachable') return <p class="pt-loading">Doorway could not be reached: {state.message}</p>;
  if (state.status === 'signed-out') {
    return <SignIn api={api} onSignedIn={signedIn} />;
  }

  const session = state.session;
  if (location.path === '/') {
    navigate(HOME, { replace: true });
    return null;
  }
  const can = (role: StaffRole) => RANK.indexOf(session.user.role) >= RANK.indexOf(role);
  const route = ROUTES.find((candidate) => matchPath(candidate.pattern, location.path) && (!candidate.minRole || can(candidate.minRole)));
  const context: PortalContextValue = {
    api,
    session,
    location,
    params: route ? matchPath(route.pattern, location.path)! : {},
    can,
    refreshSession: loadSession,
  };
  const signOut = async (everywhere: boolean) => {
    await (everywhere ? api.post('/session/sign-out-everywhere') : api.del('/session')).catch(() => undefined);
    api.setCsrfToken(bootstrap.preSessionCsrfToken);
    setState({ status: 'signed-out' });
  };
  return (
    <PortalContext.Provider value={context}>
      <PortalLayout currentPattern={route?.pattern} onSignOut={(everywhere) => void signOut(everywhere)}>
        {route ? <route.page key={route.pattern} /> : <NotFound />}
      </PortalLayout>
    </PortalContext.Provider>
  );
}
