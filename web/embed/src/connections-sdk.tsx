import { createAuthorizationWindow } from './authorization-window';
import type { CodatConnectionsInit } from './codat-props';
import connectionsCss from './connections/connections.css?inline';
import { mountConnections } from './connections/mount-connections';
import { LinkApiError } from '../../link/src/api';
import { guardCallback, readPropsOnce } from './shell/callbacks';
import { doorwayOrigin } from './shell/doorway-origin';
import { toErrorCallbackArgs } from './shell/errors';
import { LINK_UI_CSS } from './shell/link-css';
import { mountShadow } from './shell/shadow-mount';

/**
 * `{PUBLIC_URL}/connections-sdk`: Codat's Connections SDK (codat-spec §7), used as Codat's is,
 * `new CodatConnections({ target, props })`. The company comes from the access token; the list,
 * disconnect and reconnect go through the embedded Link API, the reconnect's sign-in through the
 * same popup as the Link SDK's. Props are read once; callbacks that throw never break it.
 */
export class CodatConnections {
  constructor(init: CodatConnectionsInit) {
    const props = readPropsOnce(init.props);
    const onError = guardCallback('onError', props.onError);
    const onDisconnect = guardCallback('onDisconnect', props.onDisconnect);
    const onReconnect = guardCallback('onReconnect', props.onReconnect);
    const origin = doorwayOrigin();
    const shadow = mountShadow(init.target, { css: [...LINK_UI_CSS, connectionsCss], nonce: props.options?.nonce });
    mountConnections(shadow.container, { ...props, ...(props.onClose ? { onClose: guardCallback('onClose', props.onClose) } : {}) }, {
      doorwayOrigin: origin,
      authorizationWindow: () => createAuthorizationWindow({ doorwayOrigin: origin }),
      events: {
        disconnected: (connectionId) => onDisconnect({ connectionId }),
        reconnected: (connectionId) => onReconnect({ connectionId }),
        // The server's message is written for the page's developer; without one, what the UI says.
        error: (error, message, userRecoverable) => {
          const args = toErrorCallbackArgs(error, userRecoverable);
          onError(error instanceof LinkApiError && error.message ? args : { ...args, message });
        },
      },
    });
  }
}
