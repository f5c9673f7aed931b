import fs from 'node:fs';
import path from 'node:path';
import type { Hono } from 'hono';

const TYPES: Record<string, string> = { 'portal.js': 'text/javascript; charset=utf-8', 'portal.css': 'text/css; charset=utf-8' };

/** The built Portal app (`dist/web/portal`), next to the Link app's directory. */
export const portalAssetsDirBeside = (linkAssetsDir: string): string => path.join(path.dirname(linkAssetsDir), 'portal');

/**
 * Serves the Portal's two built files from memory (read once at start), with an ETag so a
 * reload costs a 304 and a deploy is picked up at once.
 */
export function registerPortalAssets(app: Hono<any>, assetsDir: string): void {
  const files = new Map<string, { body: Buffer; etag: string }>();
  for (const name of Object.keys(TYPES)) {
    const file = path.join(assetsDir, name);
    if (!fs.existsSync(file)) continue;
    const stat = fs.statSync(file);
    files.set(name, { body: fs.readFileSync(file), etag: `"${stat.size.toString(36)}-${stat.mtimeMs.toString(36)}"` });
  }
  app.get('/portal/assets/:name{portal\\.(js|css)}', (c) => {
    const name = c.req.param('name');
    const file = files.get(name);
    if (!file) return c.text('The Portal app has not been built. Run `npm run build`.', 503);
    c.header('Cache-Control', 'no-cache');
    c.header('ETag', file.etag);
    if (c.req.header('If-None-Match') === file.etag) return c.body(null, 304);
    c.header('Content-Type', TYPES[name]!);
    return c.body(new Uint8Array(file.body));
  });
}
