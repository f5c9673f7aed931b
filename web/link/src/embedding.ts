// How another page embeds the Link flow (the Link SDK, web/embed): the same FlowApp, told what
// to report and how to reach the platform without leaving the host page. Hosted Link passes no
// embedding and behaves exactly as before.

import type { LinkConnection } from '../../../src/wire/link/link-api-schemas';
import type { Texts } from './text';

/** What the platform's authorization window answered (implemented by web/embed/src/authorization-window.ts). */
export type PlatformWindowResult =
  /** Doorway's callback page was reached: re-read the connection for Linked or its error. */
  | { kind: 'returned'; connectionId: string }
  /** The person closed the popup before the platform sent them back. */
  | { kind: 'closed' }
  /** The browser refused to open a popup. */
  | { kind: 'blocked' };

/** The popup the platform's sign-in runs in (the Link SDK's and the Connections SDK's). */
export interface PlatformWindow {
  /** Call synchronously in the click handler (Safari blocks a later window.open). False when blocked. */
  open(): boolean;
  /**
   * Sends the opened popup to `url` (the embedded authorize URL of the consent answer) and waits
   * for the outcome. `check` reads the connection through the Link API and answers true once it
   * is no longer waiting for this authorization (`authorizationSettled`).
   */
  run(url: string, connectionId: string, check: () => Promise<boolean>): Promise<PlatformWindowResult>;
  /** Closes a popup opened for a step that did not need it (a credentials form, an error). */
  abandon(): void;
  /** A blocked popup's fallback: this whole page goes to `url`, and the callback returns to `returnUrl`. */
  fullPage(url: string, returnUrl: string): void;
}

/**
 * The popup's fallback check: the connection is no longer waiting for this attempt once it is
 * Linked or has a new error, compared by the server's own timestamp (the browser's clock never
 * matters).
 */
export function authorizationSettled(getConnection: (id: string) => Promise<LinkConnection>, connection: LinkConnection): () => Promise<boolean> {
  const errorBefore = connection.lastError?.at ?? null;
  return async () => {
    const now = await getConnection(connection.id);
    return now.status === 'Linked' || (now.lastError?.at ?? null) !== errorBefore;
  };
}

export interface LinkEmbedding {
  /** Texts over the client's (Doorway's keys, which are Codat's): the mount's `options.text`. */
  text: Texts;
  /** The mount's primary colour over the client's branding, when valid. */
  primaryColor: string | undefined;
  /** False for `hideBorder` (and `nonModal`). */
  border: boolean;
  /** The close button and its exit dialog: only when the page gave `onClose`. */
  closable: boolean;
  platformWindow: PlatformWindow;
  /** Where a full-page authorization comes back to (the host page's own URL). */
  returnUrl: () => string;
  onConnectionStarted(connection: LinkConnection): void;
  /** The consent screen as Markdown, once the person has consented. */
  onConsent(markdown: string): void;
  /** A connection is Linked (the result screen read it so). */
  onConnection(connection: LinkConnection): void;
  onFinish(): void;
  onClose(): void;
  onError(error: unknown, userRecoverable?: boolean): void;
  /** This page is about to go to the platform in full (a blocked popup's fallback). */
  onLeaveForPlatform(connection: LinkConnection): void;
}
