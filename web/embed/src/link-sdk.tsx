/**
 * `{PUBLIC_URL}/link-sdk`: a drop-in for Codat's `https://link-sdk.codat.io` (codat-spec §7).
 * `new CodatLink({ target, props })` opens the mount's Link session with the server-relevant
 * options, then mounts the one Link UI (web/link, mountLink) in a shadow root on the target,
 * with an embedding that reports Codat's callbacks and runs platforms in a popup.
 */
import { render } from 'preact';
import { mountLink } from '../../link/src/mount';
import type { LinkEmbedding } from '../../link/src/embedding';
import { LoadError } from '../../link/src/screens/LoadError';
import { describeError } from '../../link/src/errors';
import type { LinkConnection } from '../../../src/wire/link/link-api-schemas';
import { createAuthorizationWindow } from './authorization-window';
import type { CodatLinkInit, CodatLinkProps, ConnectionCallbackArgs } from './codat-props';
import { rememberFullPageReturn, takeFullPageReturn } from './full-page-return';
import { dataTypeTexts, mountPrimaryColor, mountTexts, serverOptions } from './link-options';
import { guardCallback, onceCallback, readPropsOnce } from './shell/callbacks';
import { doorwayOrigin, embeddedApiBase } from './shell/doorway-origin';
import { toErrorCallbackArgs } from './shell/errors';
import { LINK_UI_CSS } from './shell/link-css';
import { openEmbeddedSession } from './shell/open-session';
import { mountShadow, type ShadowMount } from './shell/shadow-mount';

export type * from './codat-props';

/** Codat's ConnectionCallbackArgs from the Link contract's connection. */
export function connectionCallbackArgs(connection: LinkConnection): ConnectionCallbackArgs {
  return {
    connectionId: connection.id,
    integrationId: connection.integrationId,
    integrationKey: connection.platformKey,
    platformName: connection.platformName,
    sourceId: connection.sourceId,
    sourceType: connection.sourceType,
  };
}

export class CodatLink {
  readonly #props: Readonly<CodatLinkProps>;
  readonly #shadow: ShadowMount;
  #unmountLink: (() => void) | null = null;
  #destroyed = false;

  constructor(init: CodatLinkInit) {
    if (!init || typeof init !== 'object') throw new TypeError('Doorway: new CodatLink({ target, props }).');
    this.#props = readPropsOnce(init.props);
    const options = this.#props.options ?? {};
    this.#shadow = mountShadow(init.target, { css: LINK_UI_CSS, nonce: options.nonce });
    void this.#start();
  }

  /** Removes the component (Doorway's addition: Codat's pages remove the target instead). */
  destroy(): void {
    this.#destroyed = true;
    this.#unmountLink?.();
    render(null, this.#shadow.container);
    this.#shadow.remove();
  }

  async #start(): Promise<void> {
    const props = this.#props;
    const onError = guardCallback('onError', props.onError);
    const options = props.options ?? {};
    const apiBase = embeddedApiBase(String(props.companyId ?? ''));
    if (!props.accessToken) {
      onError({ message: 'Doorway needs the company access token (props.accessToken).', errorCode: 401, userRecoverable: false });
      return this.#showStartError('The access token is missing.');
    }
    let sessionId: string;
    try {
      sessionId = (await openEmbeddedSession(apiBase, props.accessToken, serverOptions(options))).sessionId;
    } catch (error) {
      const args = toErrorCallbackArgs(error);
      onError(args);
      return this.#showStartError(describeError({}, error), args.userRecoverable);
    }
    if (this.#destroyed) return;
    const returningFor = takeFullPageReturn(props.companyId);
    const bootstrap = {
      apiBase,
      csrfToken: sessionId,
      view: 'flow' as const,
      ...(returningFor ? { initialStep: { kind: 'result' as const, connectionId: returningFor } } : {}),
    };
    this.#unmountLink = mountLink(this.#shadow.container, bootstrap, {
      auth: { kind: 'accessToken', accessToken: props.accessToken },
      embedding: this.#embedding(),
    });
  }

  #embedding(): LinkEmbedding {
    const props = this.#props;
    const options = props.options ?? {};
    const started = guardCallback('onConnectionStarted', props.onConnectionStarted);
    const connected = guardCallback('onConnection', props.onConnection);
    const onError = guardCallback('onError', props.onError);
    // Each connection is reported Linked once, however often its result is read again.
    const reported = new Set<string>();
    return {
      text: { ...dataTypeTexts(options), ...mountTexts(options.text) },
      primaryColor: mountPrimaryColor(options),
      border: !(options.hideBorder || options.nonModal),
      closable: typeof props.onClose === 'function' && !options.nonModal,
      platformWindow: createAuthorizationWindow({ doorwayOrigin: doorwayOrigin() }),
      returnUrl: () => window.location.href,
      onConnectionStarted: (connection) => started(connectionCallbackArgs(connection)),
      onConsent: guardCallback('onConsent', (text: string) => props.onConsent?.({ text })),
      onConnection: (connection) => {
        if (reported.has(connection.id)) return;
        reported.add(connection.id);
        connected(connectionCallbackArgs(connection));
      },
      onFinish: onceCallback('onFinish', props.onFinish),
      onClose: onceCallback('onClose', props.onClose),
      onError: (error, userRecoverable) => onError(toErrorCallbackArgs(error, userRecoverable)),
      onLeaveForPlatform: (connection) => rememberFullPageReturn(props.companyId, connection.id),
    };
  }

  /** Opening the session failed: say so inside the component, with Try again when it may help. */
  #showStartError(message: string, retry = false): void {
    const container = this.#shadow.container;
    container.className = 'dw-link dw-embedded';
    const again = () => {
      render(null, container);
      void this.#start();
    };
    render(
      <div class="dw-main">
        <div class="dw-card">
          <LoadError texts={{}} message={message} {...(retry ? { onRetry: again } : {})} />
        </div>
      </div>,
      container,
    );
  }
}
