import { render } from 'preact';
import { LinkApiError } from '../../../link/src/api';
import type { LinkCategoryKey } from '../../../../src/wire/link/link-api-schemas';
import type { AuthorizationWindow } from '../authorization-window';
import type { CodatConnectionsProps } from '../codat-props';
import { companyIdFromAccessToken } from './access-token';
import { embeddedApiBase } from '../shell/doorway-origin';
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
  /** Doorway's origin (where the module was served from). */
  doorwayOrigin: string;
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
  const openApi = async () => {
    const companyId = typeof props.accessToken === 'string' ? companyIdFromAccessToken(props.accessToken) : undefined;
    if (!companyId) throw new LinkApiError(401, 'UNAUTHORIZED', '');
    return openConnectionsApi(embeddedApiBase(companyId, env.doorwayOrigin), props.accessToken, env.fetch);
  };
  container.classList.add('dw-link', 'dw-embedded', 'dw-conn-root');
  render(
    <ConnectionsApp
      openApi={openApi}
      authorizationWindow={env.authorizationWindow}
      resolveUrl={(url) => new URL(url, env.doorwayOrigin).toString()}
      dataTypes={dataTypesFrom(props.options?.text)}
      events={env.events}
      onClose={props.onClose ? () => props.onClose?.() : undefined}
    />,
    container,
  );
  return () => render(null, container);
}
