import { render } from 'preact';
import { createLinkApi } from './api';
import { FlowApp } from './app';
import { InviteApp } from './invite-app';
import { clearTheme } from './theme';
import type { LinkBootstrap } from '../../../src/wire/link/link-api-schemas';
import './styles';

/**
 * The one entry point of the Link UI: renders it into `target` and returns a function that
 * removes it again. Hosted Link calls it from main.tsx; Embedded Link can call it directly.
 */
export function mountLink(target: HTMLElement, bootstrap: LinkBootstrap): () => void {
  const api = createLinkApi(bootstrap.apiBase, bootstrap.csrfToken);
  const navigate = (url: string): void => window.location.assign(url);
  // All styles are scoped under this class so an embedding page's own styles are left alone.
  target.classList.add('dw-link');
  render(
    bootstrap.view === 'invite' ? (
      <InviteApp bootstrap={bootstrap} api={api} navigate={navigate} root={target} />
    ) : (
      <FlowApp bootstrap={bootstrap} api={api} navigate={navigate} root={target} />
    ),
    target,
  );
  return () => {
    render(null, target);
    target.classList.remove('dw-link');
    clearTheme(target);
  };
}
