import type { PortalBootstrap } from '../../wire/portal/session.js';
import { escapeHtml } from '../link/friendly-page.js';

/**
 * The one HTML page of the Portal: every path under /portal serves it and the app routes in the
 * browser. Bootstrap data travels in a JSON script element (never executed), so the CSP can
 * forbid inline script; `<` is escaped so nothing in it can close the element.
 */
export function renderPortalShell(bootstrap: PortalBootstrap): string {
  const json = JSON.stringify(bootstrap).replace(/</g, '\\u003c');
  return `<!doctype html><html lang="en" class="dw-portal-page"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml('Doorway Portal')}</title><link rel="icon" href="/favicon.ico"><link rel="stylesheet" href="/portal/assets/portal.css"></head>
<body><div id="doorway-portal"></div>
<script type="application/json" id="doorway-portal-bootstrap">${json}</script>
<script type="module" src="/portal/assets/portal.js"></script></body></html>`;
}
