import { Hono } from 'hono';
import { AppError } from '../../domain/errors.js';
import type { ProviderRegistry } from '../../providers/registry.js';
import { respondWithApiError } from '../api/api-errors.js';
import type { HttpEnv } from '../env.js';
import { notFoundWith } from '../not-found.js';
import { monogramSvg } from '../static/monogram-logo.js';
import { renderFavicon } from '../static/favicon.js';
import { renderApiReference } from './api-reference-page.js';

export interface DocsAppOptions {
  providers: Pick<ProviderRegistry, 'get'>;
  version: string;
  /** The API surface's OpenAPI document (built once, on first use: the routes do not change). */
  describeApi: () => object;
}

/** Paths this surface owns, any method: an unknown method on them is a 404 here, never a 401. */
const OWNED_PATHS = ['/', '/favicon.ico', '/healthz', '/openapi.json', '/docs', '/static/*'];

/**
 * The public, key-free surface for people and probes: the API reference and its document,
 * health, platform logos, the site root and its icon. Errors use the API's envelope.
 */
export function createDocsApp(options: DocsAppOptions): Hono<HttpEnv> {
  const docs = new Hono<HttpEnv>();
  let document: object | undefined;
  const apiDocument = () => (document ??= options.describeApi());
  const favicon = new Uint8Array(renderFavicon());

  docs.get('/', (c) => c.redirect('/docs', 302));
  docs.get('/favicon.ico', (c) => {
    c.header('Content-Type', 'image/x-icon');
    c.header('Cache-Control', 'public, max-age=86400');
    return c.body(favicon);
  });
  docs.get('/healthz', (c) => c.json({ status: 'ok', version: options.version }));
  docs.get('/openapi.json', (c) => c.json(apiDocument()));
  docs.get('/docs', (c) => c.html(renderApiReference(apiDocument() as never)));
  docs.get('/static/logos/:file{[a-z]{4}\\.svg}', (c) => {
    const key = c.req.param('file').slice(0, 4);
    const provider = options.providers.get(key);
    if (!provider) return respondWithApiError(c, new AppError('NOT_FOUND', `No logo for ${key}.`));
    c.header('Content-Type', 'image/svg+xml');
    c.header('Cache-Control', 'public, max-age=86400');
    return c.body(monogramSvg(provider.key, provider.name));
  });
  for (const path of OWNED_PATHS) docs.all(path, notFoundWith(respondWithApiError));
  return docs;
}
