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

export type AuthorizationResult =
  /** Doorway's callback page was reached: re-read the connection for Linked or its error. */
  | { kind: 'returned'; connectionId: string }
  /** The person closed the popup before the platform sent them back. */
  | { kind: 'closed' }
  /** The browser refused to open a popup. */
  | { kind: 'blocked' };

export interface AuthorizationWindow {
  /** Call synchronously in the click handler. False when the browser blocked the popup. */
  open(): boolean;
  /**
   * Sends the opened popup to `url` (the embedded authorize URL of the consent answer) and waits
   * for the outcome. `check` reads the connection through the Link API and answers true once it
   * is no longer waiting for this authorization (Linked, or a new error recorded).
   */
  run(url: string, connectionId: string, check: () => Promise<boolean>): Promise<AuthorizationResult>;
  /** Closes a popup opened for a step that did not need it (a credentials form, an error). */
  abandon(): void;
  /** A blocked popup's fallback: this whole page goes to `url`, and the callback returns to `returnUrl`. */
  fullPage(url: string, returnUrl: string): void;
}

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
