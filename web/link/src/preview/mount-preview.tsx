import { render } from 'preact';
import { FlowApp } from '../app';
import { findCategory, type Screen } from '../flow';
import { InviteApp } from '../invite-app';
import { clearTheme } from '../theme';
import type { LinkBootstrap, LinkCategoryKey } from '../../../../src/wire/link/link-api-schemas';
import { createPreviewLinkApi, previewDestination } from './preview-api';
import { previewInviteInfo, previewLinkState, type LinkPreviewInput } from './preview-state';
import '../styles';
import './preview.css';

/** The screens the Portal can jump to (the preview's own buttons reach every other one). */
export type PreviewScreen =
  | { name: 'landing' }
  | { name: 'main' }
  | { name: 'platforms'; category: LinkCategoryKey }
  | { name: 'consent'; category: LinkCategoryKey }
  | { name: 'done' }
  | { name: 'finished' }
  | { name: 'invite' };

export interface LinkPreviewOptions {
  /** Told each screen the preview shows (its name and, where it has one, its category). */
  onScreen?: (screen: { name: Screen['name'] | 'invite'; category?: LinkCategoryKey }) => void;
  /** Told when the SMB would leave Link: Complete or Exit (to the client's redirect, or Doorway's end page). */
  onLeave?: (outcome: 'finished') => void;
}

export interface LinkPreviewHandle {
  /** New (unsaved) settings: the preview shows them on the screen it is on. */
  update(input: LinkPreviewInput): void;
  /** Shows one screen, as the SMB would see it with these settings. */
  show(screen: PreviewScreen): Promise<void>;
  unmount(): void;
}

type View = { kind: 'flow'; bootstrap: LinkBootstrap; startAt?: Screen } | { kind: 'invite' };

const FLOW: LinkBootstrap = { apiBase: '', csrfToken: '', view: 'flow' };
const FINISHED: LinkBootstrap = { apiBase: '', csrfToken: '', view: 'result' };

/**
 * The Portal's live preview: the real Link UI (the same FlowApp, InviteApp and screens as
 * mountLink) rendered into `target` from settings nobody has saved, over an in-memory Link API
 * (preview-api.ts) that never calls the server. `update` re-renders in place, keeping the screen.
 */
export function mountLinkPreview(target: HTMLElement, initial: LinkPreviewInput, options: LinkPreviewOptions = {}): LinkPreviewHandle {
  let input = initial;
  let revision = 0;
  // A new key mounts the app afresh, as a page load would (after a platform's login, say).
  let mountKey = 0;
  let view: View = { kind: 'flow', bootstrap: FLOW };
  let current: Screen | null = null;
  const api = createPreviewLinkApi(() => input);

  const navigate = (url: string): void => {
    const destination = previewDestination(url);
    if (destination.kind === 'authorize') {
      // The SMB signed in at the platform and said yes: back to the result, as from the callback.
      api.authorizeAtPlatform(destination.connectionId);
      go({ kind: 'flow', bootstrap: { ...FLOW, initialStep: { kind: 'result', connectionId: destination.connectionId } } });
    } else if (destination.kind === 'finished') {
      options.onLeave?.('finished');
      go({ kind: 'flow', bootstrap: FINISHED });
    } else if (destination.kind === 'flow') {
      go({ kind: 'flow', bootstrap: FLOW });
    }
    // Anything else (no screen links elsewhere today) stays put: a preview never leaves the Portal.
  };

  const onScreen = (screen: Screen): void => {
    current = screen;
    options.onScreen?.({ name: screen.name, ...('category' in screen ? { category: screen.category } : {}) });
  };

  function draw(): void {
    const app =
      view.kind === 'invite' ? (
        <InviteApp
          key={mountKey}
          bootstrap={{ ...FLOW, view: 'invite', invite: previewInviteInfo(input) }}
          api={api}
          navigate={navigate}
          root={target}
          embedded
        />
      ) : (
        <FlowApp key={mountKey} bootstrap={view.bootstrap} api={api} navigate={navigate} root={target} preview={{ startAt: view.startAt, revision, onScreen }} />
      );
    render(app, target);
  }

  function go(next: View): void {
    view = next;
    mountKey += 1;
    current = null;
    if (next.kind === 'invite') options.onScreen?.({ name: 'invite' });
    draw();
  }

  target.classList.add('dw-link', 'dw-link-preview');
  draw();

  return {
    update(next) {
      input = next;
      revision += 1;
      // A category the new settings switch off cannot stay on screen: back to the overview.
      const category = current && 'category' in current ? current.category : undefined;
      if (category && !findCategory(previewLinkState(input, api.connections()), category)) go({ kind: 'flow', bootstrap: FLOW, startAt: { name: 'main' } });
      else draw();
    },
    async show(screen) {
      if (screen.name === 'invite') return go({ kind: 'invite' });
      if (screen.name === 'finished') return go({ kind: 'flow', bootstrap: FINISHED });
      if (screen.name !== 'consent') return go({ kind: 'flow', bootstrap: FLOW, startAt: screen });
      // Consent follows choosing a platform: the category's first one, as if the SMB had picked it.
      const category = findCategory(await api.getState(), screen.category);
      const platform = category?.integrations[0];
      if (!category || !platform) return go({ kind: 'flow', bootstrap: FLOW, startAt: category ? { name: 'platforms', category: category.key } : { name: 'main' } });
      const connection = await api.createConnection(platform.key);
      go({ kind: 'flow', bootstrap: FLOW, startAt: { name: 'consent', category: category.key, connection } });
    },
    unmount() {
      render(null, target);
      target.classList.remove('dw-link', 'dw-link-preview');
      clearTheme(target);
    },
  };
}
