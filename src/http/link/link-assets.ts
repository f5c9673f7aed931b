import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Hono } from 'hono';
import { PUBLIC_ROUTES } from '../../domain/public-urls.js';
import { AUTHORIZATION_RETURNED_SCRIPT } from './authorization-returned-page.js';
import { FRIENDLY_PAGE_CSS } from './friendly-page.js';

/** The built Link app lives in `<package root>/dist/web/link` whether we run from src or dist. */
export function findLinkAssetsDir(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return path.join(dir, 'dist', 'web', 'link');
}

const TYPES: Record<string, string> = { 'link.js': 'text/javascript; charset=utf-8', 'link.css': 'text/css; charset=utf-8' };

/**
 * Serves the two built files from memory (read once at start; they are small) with a short
 * cache lifetime, plus the friendly pages' stylesheet and the embedded popup's result script.
 */
export function registerLinkAssets(app: Hono<any>, assetsDir: string): void {
  const files = new Map<string, Buffer>();
  for (const name of Object.keys(TYPES)) {
    const file = path.join(assetsDir, name);
    if (fs.existsSync(file)) files.set(name, fs.readFileSync(file));
  }
  app.get('/link/assets/page.css', (c) => {
    c.header('Content-Type', 'text/css; charset=utf-8');
    c.header('Cache-Control', 'public, max-age=300');
    return c.body(FRIENDLY_PAGE_CSS);
  });
  app.get(PUBLIC_ROUTES.authorizationReturnedScript, (c) => {
    c.header('Content-Type', 'text/javascript; charset=utf-8');
    c.header('Cache-Control', 'public, max-age=300');
    return c.body(AUTHORIZATION_RETURNED_SCRIPT);
  });
  app.get('/link/assets/:name{link\\.(js|css)}', (c) => {
    const name = c.req.param('name');
    const body = files.get(name);
    if (!body) return c.text('The Link app has not been built. Run `npm run build`.', 503);
    c.header('Content-Type', TYPES[name]!);
    c.header('Cache-Control', 'public, max-age=300');
    return c.body(new Uint8Array(body));
  });
}
