import { render } from 'preact';
import { createLinkApi, type LinkApi, type LinkApiAuth } from './api';
import { FlowApp } from './app';
import type { LinkEmbedding } from './embedding';
import { InviteApp } from './invite-app';
import { clearTheme } from './theme';
import type { LinkBootstrap, LinkState } from '../../../src/wire/link/link-api-schemas';
import './styles';

export interface MountOptions {
  /** How the Link API calls authenticate: Hosted Link's cookie (the default) or an access token. */
  auth?: LinkApiAuth;
  /** Embedded Link (the Link SDK, web/embed): the same flow inside another page. */
  embedding?: LinkEmbedding;
}

/**
 * The one entry point of the Link UI: renders it into `target` and returns a function that
 * removes it again. Hosted Link calls it from main.tsx; the Link SDK with an embedding.
 */
export function mountLink(target: HTMLElement, bootstrap: LinkBootstrap, options: MountOptions = {}): () => void {
  const { embedding } = options;
  const linkApi = createLinkApi(bootstrap.apiBase, bootstrap.csrfToken, fetch, options.auth);
  const api = bootstrap.view === 'invite' ? linkApi : withFirstStateReadStarted(linkApi);
  const navigate = (url: string): void => window.location.assign(url);
  // All styles are scoped under this class so an embedding page's own styles are left alone.
  const classes = ['dw-link', ...(embedding ? ['dw-embedded', ...(embedding.border ? [] : ['dw-embedded--borderless'])] : [])];
  target.classList.add(...classes);
  render(
    bootstrap.view === 'invite' ? (
      <InviteApp bootstrap={bootstrap} api={api} navigate={navigate} root={target} />
    ) : (
      <FlowApp bootstrap={bootstrap} api={api} navigate={navigate} root={target} embedding={embedding} />
    ),
    target,
  );
  return () => {
    render(null, target);
    target.classList.remove(...classes);
    clearTheme(target);
  };
}

/**
 * The flow's first read of the state starts now, before the first render, rather than in the
 * effect after it: the request and Preact's first render (the loading screen, adopting the
 * stylesheets) overlap. Every later read is a new request.
 */
function withFirstStateReadStarted(api: LinkApi): LinkApi {
  let first: Promise<LinkState> | null = api.getState();
  // Handled where the flow reads it; this only keeps an early failure from being reported as unhandled.
  first.catch(() => undefined);
  return {
    ...api,
    getState: () => {
      const pending = first;
      first = null;
      return pending ?? api.getState();
    },
  };
}
