import fs from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import preact from '@preact/preset-vite';
import { build, type Plugin } from 'vite';

export interface PreviewPage {
  url: string;
  close(): Promise<void>;
}

const ENTRY = path.resolve('web/link/src/preview/index.ts');

// A stand-in for the Portal's Link settings page: its own landmarks and h1, and the preview in a
// column beside the form, as docs/portal.md's page will have it.
const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Link settings preview</title><link rel="stylesheet" href="/preview.css">
<style>body{margin:0;font-family:sans-serif}.layout{display:flex;flex-wrap:wrap;gap:16px;padding:16px}.form{flex:1 1 280px}.preview{flex:1 1 420px;border:1px solid #ccc}</style>
</head><body><main><h1>Link settings</h1><div class="layout"><div class="form"><p>The form goes here.</p></div>
<section class="preview" aria-label="Preview"><div id="preview"></div></section></div></main>
<script type="module">import { mountLinkPreview } from '/preview.js'; window.mountLinkPreview = mountLinkPreview; document.body.dataset.ready = 'yes';</script>
</body></html>`;

/**
 * Builds web/link/src/preview/ the way a Portal bundle would (Vite, Preact, the palette) and
 * serves it on a page of its own, so a real browser can drive mountLinkPreview before the
 * Portal exists. Everything is served from one folder; nothing else is reachable.
 */
export async function startPreviewPage(): Promise<PreviewPage> {
  // Loaded at run time: the plugin imports a `.ts` path, which the server's tsconfig does not compile.
  const tokensPlugin = path.resolve('web/ui/vite-tokens-plugin.ts');
  const { dwTokens } = (await import(tokensPlugin)) as { dwTokens: (selector: string) => Plugin };
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'doorway-preview-'));
  await build({
    configFile: false,
    logLevel: 'silent',
    root: path.resolve('web/link'),
    plugins: [preact({ devToolsEnabled: false, prefreshEnabled: false, reactAliasesEnabled: false }), dwTokens('.dw-link')],
    build: { outDir, emptyOutDir: true, lib: { entry: ENTRY, formats: ['es'], fileName: () => 'preview.js', cssFileName: 'preview' } },
  });
  fs.writeFileSync(path.join(outDir, 'index.html'), PAGE);
  const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };
  const server: Server = createServer((req, res) => {
    const name = path.basename(new URL(req.url ?? '/', 'http://x').pathname) || 'index.html';
    const file = path.join(outDir, name);
    if (!fs.existsSync(file)) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': types[path.extname(name)] ?? 'application/octet-stream' }).end(fs.readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      fs.rmSync(outDir, { recursive: true, force: true });
    },
  };
}
