import type { LinkBootstrap } from '../../wire/link/link-api-schemas.js';
import { escapeHtml } from './friendly-page.js';


/**
 * The HTML shell of the Link app. The bootstrap data travels in a JSON script element, which
 * browsers never execute, so the CSP can forbid every inline script; `<` is escaped so a
 * company name can never close the element.
 */
export function renderLinkShell(title: string, bootstrap: LinkBootstrap, iconUrl: string | null): string {
  const json = JSON.stringify(bootstrap).replace(/</g, '\\u003c');
  const icon = iconUrl ? `<link rel="icon" href="${escapeHtml(iconUrl)}">` : '';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)}</title>${icon}<link rel="stylesheet" href="/link/assets/link.css"></head>
<body><div id="doorway-link"></div>
<script type="application/json" id="doorway-link-bootstrap">${json}</script>
<script type="module" src="/link/assets/link.js"></script></body></html>`;
}
