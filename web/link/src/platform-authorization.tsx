// Starting a platform's authorization: Hosted Link leaves the page for the platform; an
// embedded Link (the Link SDK) runs it in a popup so the host page stays, and reports what
// happened (docs/embedded-link.md, "The platform's authorization: a popup").

import { useState } from 'preact/hooks';
import { Button } from '../../ui/src/components/Button';
import type { LinkApi } from './api';
import { consentMarkdown } from './consent-text';
import { authorizationSettled, type LinkEmbedding } from './embedding';
import { restartEndpoint } from './flow';
import { uiText, type Texts, type Vars } from './text';
import type { LinkCategoryKey, LinkConnection, LinkNextStep } from '../../../src/wire/link/link-api-schemas';

/** A popup that did not get the person to the platform and back, with what to offer next. */
type PopupNotice = { kind: 'closed' | 'blocked'; connection: LinkConnection };

export interface PlatformAuthorizationDeps {
  embedding: LinkEmbedding | undefined;
  api: LinkApi;
  texts: Texts;
  /** FlowApp's runner: one call at a time, errors shown in the notice. */
  run: (work: () => Promise<void>) => Promise<void>;
  /** The hosted behaviour: leave for `next.url`, or show the credentials form. */
  proceed: (connection: LinkConnection, next: LinkNextStep) => void;
  /** The platform sent the person back: show the connection's result. */
  showResult: (connectionId: string) => void;
  showError: (message: string) => void;
  /** The page is navigating away: stay busy. */
  leave: () => void;
}

/** When restarting, a connection already authorized once uses reconnect; otherwise consent. */
function nextStep(api: LinkApi, connection: LinkConnection, restart: boolean): Promise<LinkNextStep> {
  return restart && restartEndpoint(connection) === 'reconnect' ? api.reconnect(connection.id) : api.consent(connection.id);
}

export function usePlatformAuthorization(deps: PlatformAuthorizationDeps) {
  const { embedding, api, texts, run } = deps;
  const [notice, setNotice] = useState<PopupNotice | null>(null);

  const report = (kind: PopupNotice['kind'], connection: LinkConnection) => {
    const message = uiText(texts, kind === 'closed' ? 'ui.popup.closed' : 'ui.popup.blocked', { platformName: connection.platformName });
    setNotice({ kind, connection });
    deps.showError(message);
    embedding?.onError(new Error(message), true);
  };

  /**
   * `consent` is set when the person pressed the consent screen's button (so Codat's onConsent
   * fires), absent for "Try again" and reconnect, which skip that screen.
   */
  const authorize = (connection: LinkConnection, restart: boolean, consent?: { category: LinkCategoryKey; vars: Vars }) =>
    run(async () => {
      if (!embedding) {
        deps.proceed(connection, await nextStep(api, connection, restart));
        return;
      }
      setNotice(null);
      const popup = embedding.platformWindow;
      // Before any await: this still runs inside the click, which is what lets a browser open it.
      const opened = popup.open();
      let next: LinkNextStep;
      try {
        next = await nextStep(api, connection, restart);
      } catch (error) {
        popup.abandon();
        throw error;
      }
      if (consent) embedding.onConsent(consentMarkdown(texts, consent.category, consent.vars));
      if (next.kind !== 'redirect') {
        popup.abandon();
        deps.proceed(connection, next);
        return;
      }
      if (!opened) return report('blocked', connection);
      const result = await popup.run(next.url, connection.id, authorizationSettled(api.getConnection, connection));
      if (result.kind === 'returned') deps.showResult(connection.id);
      else report(result.kind, connection);
    });

  /** A blocked popup's fallback: the whole host page goes to the platform and comes back. */
  const continueInThisWindow = (connection: LinkConnection) =>
    run(async () => {
      if (!embedding) return;
      // A fresh authorize URL: the one the blocked attempt got may already be spent.
      const next = await nextStep(api, connection, true);
      if (next.kind !== 'redirect') return deps.proceed(connection, next);
      embedding.onLeaveForPlatform(connection);
      deps.leave();
      embedding.platformWindow.fullPage(next.url, embedding.returnUrl());
    });

  const noticeActions = (busy: boolean) =>
    notice ? (
      <div class="dw-actions">
        <Button busy={busy} onClick={() => void authorize(notice.connection, true)}>
          {uiText(texts, 'ui.tryAgain')}
        </Button>
        {notice.kind === 'blocked' ? (
          <Button variant="secondary" busy={busy} onClick={() => void continueInThisWindow(notice.connection)}>
            {uiText(texts, 'ui.popup.continueHere')}
          </Button>
        ) : null}
      </div>
    ) : null;

  return { authorize, noticeActions };
}
