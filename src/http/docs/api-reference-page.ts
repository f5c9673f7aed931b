/**
 * A self-contained, readable API reference rendered from our own OpenAPI document: no CDN, no
 * client-side script, so it works offline and under a strict CSP.
 */
import { tokensCss } from '../../../web/ui/src/tokens.js';

interface OpenApiParameter {
  name: string;
  in: string;
  required?: boolean;
  description?: string;
}

interface OpenApiOperation {
  operationId?: string;
  summary?: string;
  description?: string;
  tags?: string[];
  /** Inline, or a `$ref` to a shared one in components.parameters (the Idempotency-Key header). */
  parameters?: Array<OpenApiParameter | { $ref: string }>;
  requestBody?: { content?: Record<string, { schema?: unknown }> };
  responses?: Record<string, { description?: string }>;
}

interface OpenApiDocument {
  info: { title: string; version: string; description?: string };
  paths: Record<string, Record<string, OpenApiOperation>>;
  components?: { parameters?: Record<string, OpenApiParameter> };
}

/** The page's own rules over the one palette (web/ui/src/tokens.ts): no colour value of its own. */
export const API_REFERENCE_CSS = `${tokensCss(':root')}body{font:16px/1.5 var(--dw-font-body);max-width:60rem;margin:0 auto;padding:1rem 1.5rem;color:var(--dw-ink);background:var(--dw-card)}
a{color:var(--dw-accent)}code{background:var(--dw-neutral-bg);padding:0 .25em;border-radius:var(--dw-radius-sm)}section{border-top:1px solid var(--dw-line);padding:.5rem 0}
.m{font:bold 12px monospace;padding:2px 6px;border-radius:var(--dw-radius-sm);color:var(--dw-on-primary);background:var(--dw-neutral)}.get{background:var(--dw-primary)}.post{background:var(--dw-ok)}
.put{background:var(--dw-warn)}.patch{background:var(--dw-secondary)}.delete{background:var(--dw-danger)}h3{margin:.5rem 0}h4{margin:.5rem 0 0}`;

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);

const inlineCode = (text: string) => escapeHtml(text).replace(/`([^`]+)`/g, '<code>$1</code>');

export function renderApiReference(doc: OpenApiDocument): string {
  const byTag = new Map<string, string[]>();
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const tag = op.tags?.[0] ?? 'Other';
      const params = (op.parameters ?? [])
        .flatMap((p) => ('$ref' in p ? [doc.components?.parameters?.[p.$ref.split('/').pop() ?? '']].filter((shared) => shared !== undefined) : [p]))
        .map((p) => `<li><code>${escapeHtml(p.name)}</code> <small>${escapeHtml(p.in)}${p.required ? ', required' : ''}</small>${p.description ? ` — ${inlineCode(p.description)}` : ''}</li>`)
        .join('');
      const bodyRef = op.requestBody?.content?.['application/json']?.schema as { $ref?: string } | undefined;
      const responses = Object.entries(op.responses ?? {})
        .map(([status, r]) => `<li><b>${escapeHtml(status)}</b> ${inlineCode(r.description ?? '')}</li>`)
        .join('');
      const section = `<section id="${escapeHtml(op.operationId ?? `${method}-${path}`)}">
  <h3><span class="m ${method}">${method.toUpperCase()}</span> <code>${escapeHtml(path)}</code></h3>
  <p><b>${escapeHtml(op.summary ?? '')}</b>${op.description ? ` — ${inlineCode(op.description)}` : ''}</p>
  ${params ? `<h4>Parameters</h4><ul>${params}</ul>` : ''}
  ${bodyRef?.$ref ? `<h4>Body</h4><p><code>${escapeHtml(bodyRef.$ref.split('/').pop() ?? '')}</code></p>` : ''}
  <h4>Responses</h4><ul>${responses}</ul>
</section>`;
      byTag.set(tag, [...(byTag.get(tag) ?? []), section]);
    }
  }
  const nav = [...byTag.keys()].map((tag) => `<a href="#tag-${escapeHtml(tag)}">${escapeHtml(tag)}</a>`).join(' · ');
  const body = [...byTag.entries()].map(([tag, sections]) => `<h2 id="tag-${escapeHtml(tag)}">${escapeHtml(tag)}</h2>${sections.join('\n')}`).join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(doc.info.title)} API reference</title>
<style>${API_REFERENCE_CSS}</style></head>
<body><h1>${escapeHtml(doc.info.title)} <small>${escapeHtml(doc.info.version)}</small></h1>
<p>${inlineCode(doc.info.description ?? '')}</p><p>Machine-readable: <a href="/openapi.json">/openapi.json</a></p><nav>${nav}</nav>${body}</body></html>`;
}
