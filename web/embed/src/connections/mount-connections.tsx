import { render } from 'preact';
import { LinkApiError } from '../../../link/src/api';
import { publicPaths } from '../../../../src/domain/public-urls';
import type { LinkCategoryKey } from '../../../../src/wire/link/link-api-schemas';
import type { AuthorizationWindow } from '../authorization-window';
import type { CodatConnectionsProps } from '../codat-props';
import { companyIdFromAccessToken } from './access-token';
import { openConnectionsApi } from './connections-api';
import { ConnectionsApp, type ConnectionsEvents } from './ConnectionsApp';

const CATEGORIES: readonly LinkCategoryKey[] = ['accounting', 'banking', 'commerce'];

/** `options.text['{category}.connectionDetails.dataTypes']`, kept only when it is a list of strings. */
export function dataTypesFrom(text: Readonly<Record<string, unknown>> | undefined): Partial<Record<LinkCategoryKey, string[]>> {
  const types: Partial<Record<LinkCategoryKey, string[]>> = {};
  for (const category of CATEGORIES) {
    const value: unknown = text?.[`${category}.connectionDetails.dataTypes`];
    if (Array.isArray(value) && value.every((item) => typeof item === 'string')) types[category] = value.slice(0, 50);
  }
  return types;
}

export interface ConnectionsMountEnv {
  /** Doorway's public URL (where the module was served from). */
  doorwayUrl: string;
  authorizationWindow: () => AuthorizationWindow;
  events: ConnectionsEvents;
  fetch?: typeof fetch;
}

/**
 * Renders the Connections SDK into `container` (inside the shell's shadow root) for the company
 * the access token names; returns the unmount. A token that names no company is refused at once,
 * without a call, like one the server refuses.
 */
export function mountConnections(container: HTMLElement, props: CodatConnectionsProps, env: ConnectionsMountEnv): () => void {
  const base = env.doorwayUrl.replace(/\/+$/, '');
  const openApi = async () => {
    const companyId = typeof props.accessToken === 'string' ? companyIdFromAccessToken(props.accessToken) : undefined;
    if (!companyId) throw new LinkApiError(401, 'UNAUTHORIZED', '');
    return openConnectionsApi(publicPaths.embeddedLinkApi(companyId, base), props.accessToken, env.fetch);
  };
  container.classList.add('dw-link', 'dw-conn-root');
  render(
    <ConnectionsApp
      openApi={openApi}
      authorizationWindow={env.authorizationWindow}
      // Paths the server mints are under PUBLIC_URL, which may have a path of its own.
      resolveUrl={(url) => (/^https?:\/\//.test(url) ? url : `${base}${url}`)}
      dataTypes={dataTypesFrom(props.options?.text)}
      events={env.events}
      onClose={props.onClose ? () => props.onClose?.() : undefined}
    />,
    container,
  );
  return () => render(null, container);
}
