import { useLayoutEffect, useMemo, useState } from 'preact/hooks';
import type { LinkApi } from './api';
import { HeadingFocus } from '../../ui/src/components/Heading';
import { Layout } from './components/Layout';
import { describeError } from './errors';
import { Invite } from './screens/Invite';
import { LoadError } from './screens/LoadError';
import { uiText } from './text';
import { applyTheme, themeVars } from './theme';
import type { LinkBootstrap } from '../../../src/wire/link/link-api-schemas';

export interface InviteAppProps {
  bootstrap: LinkBootstrap;
  api: LinkApi;
  navigate: (url: string) => void;
  root: HTMLElement;
  /** Set only by the Portal's live preview: inside the Portal's page, so no landmarks of its own. */
  embedded?: boolean | undefined;
}

// The Invite page has no company yet, hence no session state or server texts: only bootstrap data.
const NO_TEXT: Readonly<Record<string, string>> = {};

export function InviteApp({ bootstrap, api, navigate, root, embedded = false }: InviteAppProps) {
  const invite = bootstrap.invite;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const focus = useMemo(() => ({ enabled: false }), []);

  useLayoutEffect(() => {
    applyTheme(root, themeVars(invite?.primaryColor));
  }, [invite?.primaryColor]);

  const submit = async (companyName: string) => {
    if (!invite || busy) return;
    setBusy(true);
    setError('');
    try {
      // Stays busy on success: the browser is on its way to the new company's flow.
      navigate(await api.invite(invite.clientSlug, companyName));
    } catch (e) {
      setError(describeError(NO_TEXT, e));
      setBusy(false);
    }
  };

  return (
    <HeadingFocus.Provider value={focus}>
      <Layout
        header={{ clientName: invite?.clientName ?? '', logoUrl: invite?.logoUrl ?? null, exitLabel: uiText(NO_TEXT, 'ui.exit') }}
        busy={busy}
        error={error}
        status=""
        embedded={embedded}
      >
        <div class="dw-screen" data-screen="invite">
          {invite ? (
            <Invite texts={NO_TEXT} invite={invite} busy={busy} onSubmit={(name) => void submit(name)} />
          ) : (
            <LoadError texts={NO_TEXT} message={uiText(NO_TEXT, 'ui.error.generic')} />
          )}
        </div>
      </Layout>
    </HeadingFocus.Provider>
  );
}
