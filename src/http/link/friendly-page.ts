import { tokensCss } from '../../../web/ui/src/tokens.js';

/**
 * Server-rendered pages for moments when the Link app cannot run (unknown link, expired session,
 * failed callback, finished flow). No script, one stylesheet, readable on a phone.
 */
export const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);

export function friendlyPage(options: { title: string; message: string; action?: { href: string; label: string } }): string {
  const action = options.action ? `<p><a class="dw-button" href="${escapeHtml(options.action.href)}">${escapeHtml(options.action.label)}</a></p>` : '';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(options.title)}</title><link rel="stylesheet" href="/link/assets/page.css"></head>
<body><main class="dw-page"><h1>${escapeHtml(options.title)}</h1><p>${escapeHtml(options.message)}</p>${action}</main></body></html>`;
}

/** Styles for the friendly pages, served as a file because our CSP forbids inline styles. */
export const FRIENDLY_PAGE_CSS = `${tokensCss(':root')}body{margin:0;font:16px/1.5 var(--dw-font-body);color:var(--dw-ink);background:var(--dw-page)}
.dw-page{max-width:30rem;margin:10vh auto;padding:2rem 1.5rem;background:var(--dw-card);border-radius:var(--dw-radius-lg);box-shadow:0 1px 4px rgba(0,0,0,.08)}
h1{font-size:1.4rem;margin:0 0 .75rem}.dw-button{display:inline-block;padding:.7rem 1.2rem;border-radius:var(--dw-radius-md);background:var(--dw-primary);color:var(--dw-on-primary);text-decoration:none}
.dw-button:focus-visible{outline:var(--dw-focus-width) solid var(--dw-accent);outline-offset:var(--dw-focus-offset)}`;
