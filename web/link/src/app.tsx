import type { ComponentChildren } from 'preact';
import { useEffect, useLayoutEffect, useMemo, useState } from 'preact/hooks';
import type { LinkApi } from './api';
import { HeadingFocus } from '../../ui/src/components/Heading';
import { Layout } from './components/Layout';
import type { LinkEmbedding } from './embedding';
import { describeError } from './errors';
import {
  findCategory,
  findConnection,
  findIntegration,
  initialScreen,
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
import { usePlatformAuthorization } from './platform-authorization';
import { useRunner } from './use-runner';
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
  /** Set only by the Link SDK (web/embed): callbacks, texts, theme, and the popup for platforms. */
  embedding?: LinkEmbedding | undefined;
}

const NO_TEXT: Readonly<Record<string, string>> = {};

export function FlowApp({ bootstrap, api, navigate, root, preview, embedding }: AppProps) {
  const [state, setState] = useState<LinkState | null>(null);
  const [loadError, setLoadError] = useState('');
  const [screen, setScreen] = useState<Screen>({ name: 'loading' });
  const [error, setError] = useState('');
  const [status, setStatus] = useState('');
  const [exitOpen, setExitOpen] = useState(false);
  const focus = useMemo(() => ({ enabled: false }), []);
  const texts = state?.text ?? embedding?.text ?? NO_TEXT;
  const { busy, run, leaving } = useRunner((e) => {
    setError(describeError(texts, e));
    embedding?.onError(e);
  });

  const loadState = async (): Promise<LinkState | null> => {
    try {
      const loaded = await api.getState();
      // The mount's texts win over the client's (Codat: options override the Portal's settings).
      const fresh = embedding ? { ...loaded, text: { ...loaded.text, ...embedding.text } } : loaded;
      setState(fresh);
      setLoadError('');
      return fresh;
    } catch (e) {
      setLoadError(describeError(texts, e));
      embedding?.onError(e);
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
    if (state) applyTheme(root, themeVars(embedding?.primaryColor ?? state.branding.primaryColor, state.branding.secondaryColor));
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
      embedding?.onConnectionStarted(connection);
      dispatch({ type: 'connection.started', category: category.key, connection });
    });

  const { authorize, noticeActions } = usePlatformAuthorization({
    embedding,
    api,
    texts,
    run,
    proceed: (connection, next) => dispatch({ type: 'authorization.next', connection, next }),
    showResult: (connectionId) => dispatch({ type: 'authorization.returned', connectionId }),
    showError: setError,
    leave: () => (leaving.current = true),
  });

  // The result screen is where a connection is seen Linked, whichever way it got there.
  const loadResult = async (connectionId: string): Promise<LinkConnection> => {
    const connection = await api.getConnection(connectionId);
    if (connection.status === 'Linked') embedding?.onConnection(connection);
    return connection;
  };

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

  // Embedded, the funnel is recorded the same way but the host page decides what comes next.
  const finishEmbedded = (callback: () => void) => ((leaving.current = true), setExitOpen(false), callback());
  const complete = () =>
    run(async () => {
      const redirectUrl = await api.complete();
      return embedding ? finishEmbedded(embedding.onFinish) : apply({ navigate: redirectUrl });
    });

  const exit = async () => {
    await run(async () => {
      const redirectUrl = await api.exit();
      return embedding ? finishEmbedded(embedding.onClose) : apply({ navigate: redirectUrl });
    });
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
      case 'consent': {
        // Codat's {companyName} in consent copy is the business asking for the data: the client
        // (or the mount's `text.companyName`).
        const companyName = texts['companyName'] || state.client.name;
        return (
          <Consent
            texts={texts}
            category={screen.category}
            companyName={companyName}
            connection={screen.connection}
            busy={busy}
            onNext={() => void authorize(screen.connection, false, { category: screen.category, vars: { companyName, platformName: screen.connection.platformName } })}
            onBack={back}
          />
        );
      }
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
            load={loadResult}
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

  const canExit = state !== null && screen.name !== 'finished' && (embedding ? embedding.closable : true);
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
        errorActions={error ? noticeActions(busy) : null}
        status={status}
        embedded={preview !== undefined || embedding !== undefined}
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
