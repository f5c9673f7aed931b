import type { ComponentChildren } from 'preact';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { LinkApi } from './api';
import { HeadingFocus } from '../../ui/src/components/Heading';
import { Layout } from './components/Layout';
import { describeError } from './errors';
import {
  findCategory,
  findConnection,
  findIntegration,
  initialScreen,
  restartEndpoint,
  screenKey,
  transition,
  type FlowEvent,
  type Outcome,
  type PreviewControl,
  type Screen,
} from './flow';
import { Consent } from './screens/Consent';
import { Credentials } from './screens/Credentials';
import { Done } from './screens/Done';
import { ExitDialog } from './screens/ExitDialog';
import { Finished } from './screens/Finished';
import { Landing } from './screens/Landing';
import { Loading } from './screens/Loading';
import { LoadError } from './screens/LoadError';
import { Main } from './screens/Main';
import { Platforms } from './screens/Platforms';
import { Result } from './screens/Result';
import { uiText } from './text';
import { applyTheme, themeVars } from './theme';
import type { LinkBootstrap, LinkCategory, LinkConnection, LinkIntegration, LinkState } from '../../../src/wire/link/link-api-schemas';

export interface AppProps {
  bootstrap: LinkBootstrap;
  api: LinkApi;
  navigate: (url: string) => void;
  root: HTMLElement;
  /** Set only by the Portal's live preview (preview/mount-preview.tsx). */
  preview?: PreviewControl | undefined;
}

const NO_TEXT: Readonly<Record<string, string>> = {};

/**
 * Runs API calls one at a time. While one runs, buttons ignore clicks; once the page is leaving
 * (navigate called) it stays busy, so nothing can be sent twice while the next page loads.
 */
function useRunner(onError: (error: unknown) => void) {
  const [busy, setBusy] = useState(false);
  const running = useRef(false);
  const leaving = useRef(false);
  const run = async (work: () => Promise<void>): Promise<void> => {
    if (running.current || leaving.current) return;
    running.current = true;
    setBusy(true);
    try {
      await work();
    } catch (error) {
      onError(error);
    } finally {
      if (!leaving.current) {
        running.current = false;
        setBusy(false);
      }
    }
  };
  return { busy, run, leaving };
}

export function FlowApp({ bootstrap, api, navigate, root, preview }: AppProps) {
  const [state, setState] = useState<LinkState | null>(null);
  const [loadError, setLoadError] = useState('');
  const [screen, setScreen] = useState<Screen>({ name: 'loading' });
  const [error, setError] = useState('');
  const [status, setStatus] = useState('');
  const [exitOpen, setExitOpen] = useState(false);
  const focus = useMemo(() => ({ enabled: false }), []);
  const texts = state?.text ?? NO_TEXT;
  const { busy, run, leaving } = useRunner((e) => setError(describeError(texts, e)));

  const loadState = async (): Promise<LinkState | null> => {
    try {
      const fresh = await api.getState();
      setState(fresh);
      setLoadError('');
      return fresh;
    } catch (e) {
      setLoadError(describeError(texts, e));
      return null;
    }
  };

  const start = async () => {
    const loaded = await loadState();
    if (loaded) setScreen(preview?.startAt ?? initialScreen(bootstrap, loaded));
    // The finished page has nothing to do with the session, so it shows even if that has ended.
    else if (bootstrap.view === 'result' && !bootstrap.initialStep) setScreen({ name: 'finished' });
  };

  useEffect(() => {
    void start();
  }, []);

  // The preview's settings changed: the first load is start()'s, every later one is this.
  useEffect(() => {
    if (state) void loadState();
  }, [preview?.revision]);

  useLayoutEffect(() => {
    if (state) applyTheme(root, themeVars(state.branding.primaryColor, state.branding.secondaryColor));
  }, [state?.branding.primaryColor, state?.branding.secondaryColor]);

  // After the first real screen, every screen change moves focus to its heading (see Heading).
  const key = screenKey(screen);
  useEffect(() => {
    if (screen.name === 'loading') return;
    focus.enabled = true;
    preview?.onScreen?.(screen);
  }, [key]);

  const apply = (outcome: Outcome) => {
    if ('navigate' in outcome) {
      leaving.current = true;
      navigate(outcome.navigate);
      return;
    }
    setError('');
    setStatus('');
    setScreen(outcome.screen);
    // Connections may have changed (new link, another tab), so the overview is always fresh.
    if (outcome.screen.name === 'main' || outcome.screen.name === 'done') void loadState();
  };
  const dispatch = (event: FlowEvent) => apply(transition(screen, event));

  // ---- actions -------------------------------------------------------------------------------

  const chooseCategory = (category: LinkCategory) => {
    // Funnel analytics must never hold up or break the journey.
    api.postEvent({ type: 'category_chosen', sourceType: category.sourceType }).catch(() => undefined);
    dispatch({ type: 'category.chosen', category: category.key });
  };

  const pickPlatform = (category: LinkCategory, integration: LinkIntegration) =>
    run(async () => {
      // Awaited so the server records platform_chosen before the connection it leads to.
      await api
        .postEvent({ type: 'platform_chosen', sourceType: category.sourceType, platformKey: integration.key })
        .catch(() => undefined);
      const connection = await api.createConnection(integration.key);
      dispatch({ type: 'connection.started', category: category.key, connection });
    });

  const authorize = (connection: LinkConnection, restart: boolean) =>
    run(async () => {
      const useReconnect = restart && restartEndpoint(connection) === 'reconnect';
      const next = useReconnect ? await api.reconnect(connection.id) : await api.consent(connection.id);
      dispatch({ type: 'authorization.next', connection, next });
    });

  const submitCredentials = (connection: LinkConnection, values: Record<string, string>) =>
    run(async () => {
      const saved = await api.submitCredentials(connection.id, values);
      dispatch({ type: 'credentials.saved', connection: saved.connection, ...(saved.next ? { next: saved.next } : {}) });
    });

  const disconnect = (connection: LinkConnection) =>
    run(async () => {
      await api.disconnect(connection.id);
      await loadState();
      setStatus(uiText(texts, 'ui.disconnected', { platformName: connection.platformName }));
    });

  const complete = () => run(async () => apply({ navigate: await api.complete() }));

  const exit = async () => {
    await run(async () => apply({ navigate: await api.exit() }));
    // On failure close the dialog so the error notice behind it can be read.
    if (!leaving.current) setExitOpen(false);
  };

  // ---- rendering -----------------------------------------------------------------------------

  const body = (): ComponentChildren => {
    if (screen.name === 'finished') return <Finished texts={texts} state={state} />;
    if (!state) {
      return loadError ? <LoadError texts={texts} message={loadError} onRetry={() => void start()} /> : <Loading texts={texts} />;
    }
    const back = () => dispatch({ type: 'back' });
    switch (screen.name) {
      case 'loading':
        return <Loading texts={texts} />;
      case 'landing':
        return <Landing texts={texts} onNext={() => dispatch({ type: 'landing.next' })} />;
      case 'main':
        return (
          <Main
            state={state}
            busy={busy}
            onConnect={chooseCategory}
            onDisconnect={disconnect}
            onRestart={(c) => void authorize(c, true)}
            onResume={(category, connection) => dispatch({ type: 'connection.started', category: category.key, connection })}
            onComplete={() => dispatch({ type: 'complete.chosen' })}
          />
        );
      case 'platforms': {
        const category = findCategory(state, screen.category);
        if (!category) return <LoadError texts={texts} message={uiText(texts, 'ui.error.generic')} />;
        return <Platforms texts={texts} category={category} busy={busy} onPick={(i) => void pickPlatform(category, i)} onBack={back} />;
      }
      case 'consent':
        return (
          <Consent
            texts={texts}
            category={screen.category}
            // Codat's {companyName} in consent copy is the business asking for the data: the client.
            companyName={state.client.name}
            connection={screen.connection}
            busy={busy}
            onNext={() => void authorize(screen.connection, false)}
            onBack={back}
          />
        );
      case 'credentials': {
        const connection = screen.connection ?? findConnection(state, screen.connectionId)?.connection;
        const integration = connection && findIntegration(state, connection.platformKey)?.integration;
        if (!connection || !integration) return <LoadError texts={texts} message={uiText(texts, 'ui.error.generic')} />;
        return (
          <Credentials
            texts={texts}
            connection={connection}
            integration={integration}
            busy={busy}
            onSubmit={(values) => void submitCredentials(connection, values)}
            onBack={back}
          />
        );
      }
      case 'result':
        return (
          <Result
            texts={texts}
            connectionId={screen.connectionId}
            busy={busy}
            load={(id) => api.getConnection(id)}
            allowsAnother={(c) => findIntegration(state, c.platformKey)?.category.allowMultiple ?? false}
            announce={setStatus}
            describeError={(e) => describeError(texts, e)}
            onContinue={() => dispatch({ type: 'result.continue' })}
            onAnother={(c) => {
              const category = findIntegration(state, c.platformKey)?.category;
              if (category) chooseCategory(category);
            }}
            onRetry={(c) => void authorize(c, true)}
          />
        );
      case 'done':
        return <Done state={state} busy={busy} onContinue={() => void complete()} onBack={back} />;
    }
  };

  const canExit = state !== null && screen.name !== 'finished';
  return (
    <HeadingFocus.Provider value={focus}>
      <Layout
        header={{
          clientName: state?.client.name ?? '',
          logoUrl: state?.client.logoUrl ?? null,
          exitLabel: uiText(texts, 'ui.exit'),
          onExit: canExit ? () => setExitOpen(true) : undefined,
        }}
        busy={busy}
        error={error}
        status={status}
        embedded={preview !== undefined}
        overlays={
          canExit ? (
            <ExitDialog open={exitOpen} texts={texts} busy={busy} onConfirm={() => void exit()} onClose={() => setExitOpen(false)} />
          ) : null
        }
      >
        <div class="dw-screen" key={key} data-screen={screen.name}>
          {body()}
        </div>
      </Layout>
    </HeadingFocus.Provider>
  );
}
