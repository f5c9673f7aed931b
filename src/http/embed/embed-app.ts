import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Hono } from 'hono';
import { compress } from 'hono/compress';
import { PUBLIC_ROUTES } from '../../domain/public-urls.js';
import type { HttpEnv } from '../env.js';

/** The built Embedded Link modules (`dist/web/embed`), next to the Link app's directory. */
export const embedAssetsDirBeside = (linkAssetsDir: string): string => path.join(path.dirname(linkAssetsDir), 'embed');

/** Each stable URL a page imports, and the file of web/embed's build behind it. */
const MODULES = [
  { route: PUBLIC_ROUTES.linkSdk, file: 'link-sdk.js', name: 'Link SDK' },
  { route: PUBLIC_ROUTES.connectionsSdk, file: 'connections-sdk.js', name: 'Connections SDK' },
] as const;

const IMMUTABLE = 'public, max-age=31536000, immutable';
/** What a version looks like: the first 20 hex digits of the file's SHA-256. */
const VERSION_FILE = /^[0-9a-f]{20}\.js$/;

/**
 * Every page on any origin may load the modules: a module script is fetched in CORS mode
 * (every hop of the redirect included), and a host page with COEP needs CORP to accept it.
 */
const CROSS_ORIGIN = { 'Access-Control-Allow-Origin': '*', 'Cross-Origin-Resource-Policy': 'cross-origin' } as const;

/**
 * Embedded Link's ES modules (docs/embedded-link.md, "The modules"): `GET /link-sdk` is a
 * short-lived redirect to `/link-sdk/<content hash>.js`, which never changes and may be cached
 * for a year (another version redirects to this one). A page therefore always gets the current version, and a page that already loaded
 * one keeps working across deploys (each module is one file: nothing is fetched later).
 * Read once at start, like the Link app's files; a rebuilt module gets a new hash.
 */
export function createEmbedApp(options: { assetsDir: string }): Hono<HttpEnv> {
  const app = new Hono<HttpEnv>();
  for (const module of MODULES) {
    const file = path.join(options.assetsDir, module.file);
    const body = fs.existsSync(file) ? fs.readFileSync(file) : null;
    const version = body ? `${createHash('sha256').update(body).digest('hex').slice(0, 20)}.js` : null;

    app.use(`${module.route}/*`, compress());
    app.get(module.route, (c) => {
      if (!version) return c.text(`The ${module.name} has not been built. Run \`npm run build\`.`, 503, { ...CROSS_ORIGIN, 'Cache-Control': 'no-store' });
      return c.body(null, 302, { ...CROSS_ORIGIN, Location: `${module.route}/${version}`, 'Cache-Control': 'no-cache' });
    });
    app.get(`${module.route}/:version`, (c) => {
      // Another version's file: during a rolling deploy the redirect may come from a process of
      // the other deploy. That page gets this process's version rather than a broken import (a
      // page that already loaded a module fetches nothing more, so it keeps its own).
      if (version && c.req.param('version') !== version && VERSION_FILE.test(c.req.param('version'))) {
        return c.body(null, 302, { ...CROSS_ORIGIN, Location: `${module.route}/${version}`, 'Cache-Control': 'no-cache' });
      }
      if (!body || c.req.param('version') !== version) {
        // Plain text, which a browser's console shows as it is; the stable URL is the way back.
        return c.text(`No such version of the ${module.name}: import ${module.route} for the current one.\n`, 404, {
          ...CROSS_ORIGIN,
          'Cache-Control': 'no-cache',
        });
      }
      return c.body(new Uint8Array(body), 200, { ...CROSS_ORIGIN, 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': IMMUTABLE });
    });
  }
  return app;
}
