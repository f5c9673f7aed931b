// How another page embeds the Link flow (the Link SDK, web/embed): the same FlowApp, told what
// to report and how to reach the platform without leaving the host page. Hosted Link passes no
// embedding and behaves exactly as before.

import type { LinkConnection } from '../../../src/wire/link/link-api-schemas';
import type { Texts } from './text';

/** What the platform's authorization window answered (web/embed/src/authorization-window.ts). */
export type PlatformWindowResult = { kind: 'returned'; connectionId: string } | { kind: 'closed' } | { kind: 'blocked' };

/** The popup the platform's sign-in runs in; the Link SDK's AuthorizationWindow has this shape. */
export interface PlatformWindow {
  /** Called synchronously in the click (Safari blocks a later window.open); false when blocked. */
  open(): boolean;
  run(url: string, connectionId: string, check: () => Promise<boolean>): Promise<PlatformWindowResult>;
  abandon(): void;
  fullPage(url: string, returnUrl: string): void;
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
