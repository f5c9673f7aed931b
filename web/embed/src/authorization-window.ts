/**
 * The platform's authorization for an embedded mount, in a popup (docs/embedded-link.md): the
 * contract the Link SDK and the Connections SDK use. The popup must be opened synchronously in
 * the user's click (Safari blocks any later `window.open`), before the Link API has said where it
 * goes, so opening and navigating are two steps.
 *
 * The outcome arrives by `postMessage` from Doorway's callback page, sent to the exact origin of
 * the page that mounted the SDK, with a fallback that asks the Link API (`check`) while the popup
 * is open and once it has closed, for the browsers and platforms that sever the opener.
 */

import type { PlatformWindow, PlatformWindowResult } from '../../link/src/embedding';

/** The contract is the Link UI's (web/link/src/embedding.ts), which this module implements. */
export type AuthorizationResult = PlatformWindowResult;
export type AuthorizationWindow = PlatformWindow;

/** The message Doorway's callback page posts to the opener. */
export interface AuthorizationMessage {
  source: 'doorway-link';
  type: 'authorization-returned';
  connectionId: string;
}

export const isAuthorizationMessage = (data: unknown): data is AuthorizationMessage =>
  typeof data === 'object' &&
  data !== null &&
  (data as AuthorizationMessage).source === 'doorway-link' &&
  (data as AuthorizationMessage).type === 'authorization-returned' &&
  typeof (data as AuthorizationMessage).connectionId === 'string';

export interface AuthorizationWindowOptions {
  /** Doorway's origin: the only sender whose message is believed. */
  doorwayOrigin: string;
  /** The page's window (another one in tests). */
  win?: Window;
}

/** How often the popup is looked at: `closed` is cheap; a check is a Link API call. */
const CLOSED_POLL_MS = 500;
const CHECK_EVERY_MS = 2000;
const POPUP_FEATURES = 'popup,width=520,height=720';

/** The popup of one mount: open() in the click, then run() once the Link API has said where it goes. */
export function createAuthorizationWindow({ doorwayOrigin, win = window }: AuthorizationWindowOptions): AuthorizationWindow {
  let popup: Window | null = null;

  const close = () => {
    if (popup && !popup.closed) popup.close();
    popup = null;
  };

  return {
    open() {
      // A name of its own, so two mounts on one page never share (and navigate) one window.
      popup = win.open('', `doorway-authorization-${Date.now().toString(36)}${Math.random().toString(36).slice(2)}`, POPUP_FEATURES);
      return popup !== null;
    },

    run(url, connectionId, check) {
      const opened = popup;
      if (!opened) return Promise.resolve({ kind: 'blocked' });
      if (!opened.closed) opened.location.replace(url);
      return new Promise<AuthorizationResult>((resolve) => {
        let settled = false;
        let checking = false;
        const settle = (result: AuthorizationResult) => {
          if (settled) return;
          settled = true;
          win.removeEventListener('message', onMessage);
          win.clearInterval(closedTimer);
          win.clearInterval(checkTimer);
          if (popup === opened) close();
          resolve(result);
        };
        const returned: AuthorizationResult = { kind: 'returned', connectionId };
        const onMessage = (event: MessageEvent) => {
          if (event.origin !== doorwayOrigin || event.source !== opened) return;
          if (isAuthorizationMessage(event.data) && event.data.connectionId === connectionId) settle(returned);
        };
        // Closed by the person, or by the callback page: only the Link API can tell which.
        const closedTimer = win.setInterval(() => {
          if (!opened.closed) return;
          win.clearInterval(closedTimer);
          win.clearInterval(checkTimer);
          check().then(
            (done) => settle(done ? returned : { kind: 'closed' }),
            () => settle({ kind: 'closed' }),
          );
        }, CLOSED_POLL_MS);
        // For a popup that can no longer reach its opener (a platform's own opener policy).
        const checkTimer = win.setInterval(() => {
          if (checking || opened.closed) return;
          checking = true;
          check().then(
            (done) => {
              checking = false;
              if (done) settle(returned);
            },
            () => {
              checking = false;
            },
          );
        }, CHECK_EVERY_MS);
        win.addEventListener('message', onMessage);
      });
    },

    abandon: close,

    fullPage(url, returnUrl) {
      win.location.assign(`${url}&returnUrl=${encodeURIComponent(returnUrl)}`);
    },
  };
}
