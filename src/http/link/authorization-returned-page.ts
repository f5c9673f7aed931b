import { PUBLIC_ROUTES } from '../../domain/public-urls.js';
import { escapeHtml } from './friendly-page.js';

/**
 * What an embedded session's popup shows after the callback: the result goes to the page that
 * opened it by `postMessage`, addressed to the exact origin the session was opened from (never
 * `*`: another page that opened this URL learns nothing), then the popup closes. The Link CSP
 * forbids inline script, so the data sits in a JSON block and a small file served by Doorway
 * sends it. The text is for a browser that keeps the window open (or severed the opener).
 */
export function renderAuthorizationReturnedPage(result: { connectionId: string; targetOrigin: string; ok: boolean }): string {
  const data = JSON.stringify({ connectionId: result.connectionId, targetOrigin: result.targetOrigin }).replace(/</g, '\\u003c');
  const title = result.ok ? 'You are connected' : 'The connection did not complete';
  const message = result.ok
    ? 'You can close this window and carry on in the application.'
    : 'You can close this window: the application shows what happened and lets you try again.';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)}</title><link rel="stylesheet" href="/link/assets/page.css"></head>
<body><main class="dw-page"><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p></main>
<script type="application/json" id="doorway-authorization-result">${data}</script>
<script src="${PUBLIC_ROUTES.authorizationReturnedScript}"></script></body></html>`;
}

/**
 * A full-page authorization (popups blocked) returns to the client's page through this page, not
 * a 302: a platform's consent page is usually a form, and browsers apply its `form-action` CSP to
 * every redirect the submission leads to, so a redirect to the client's origin would be blocked
 * (the Sandbox's own page allows only Doorway). A meta refresh is a new navigation, outside it.
 */
export function renderFullPageReturnPage(returnUrl: string): string {
  const url = escapeHtml(returnUrl);
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta http-equiv="refresh" content="0;url=${url}"><title>Returning to the application</title><link rel="stylesheet" href="/link/assets/page.css"></head>
<body><main class="dw-page"><h1>Returning to the application</h1><p><a href="${url}">Continue</a></p></main></body></html>`;
}

/**
 * The popup's script (docs/embedded-link.md, web/embed/src/authorization-window.ts): the message
 * the Link SDK waits for, then close. Without an opener (severed, or opened by hand) it only
 * tries to close; the Link SDK also asks the Link API, so nothing depends on the message arriving.
 */
export const AUTHORIZATION_RETURNED_SCRIPT = `(function () {
  var block = document.getElementById('doorway-authorization-result');
  var data = block ? JSON.parse(block.textContent) : null;
  if (data && window.opener) {
    window.opener.postMessage({ source: 'doorway-link', type: 'authorization-returned', connectionId: data.connectionId }, data.targetOrigin);
  }
  window.close();
})();
`;
