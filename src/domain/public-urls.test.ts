import { describe, expect, it } from 'vitest';
import { createPublicUrls, PUBLIC_ROUTES, publicPaths, SANDBOX_PATHS } from './public-urls.js';

/** Whether a minted path is one the Hono pattern serves, binding each `:param` to the given value. */
function matches(pattern: string, path: string, params: Record<string, string>): boolean {
  const expected = pattern.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    if (!(name in params)) throw new Error(`no value for :${name}`);
    return params[name]!;
  });
  return expected === path;
}

describe('public URLs', () => {
  const ids = { companyId: 'c-1', connectionId: 'k-2', sessionId: 's-3', clientSlug: 'acme-lending' };

  it('mints paths the route patterns serve', () => {
    expect(matches(PUBLIC_ROUTES.companyLink, publicPaths.companyLink(ids.companyId), ids)).toBe(true);
    expect(matches(PUBLIC_ROUTES.connectionLink, publicPaths.connectionLink(ids.companyId, ids.connectionId), ids)).toBe(true);
    expect(matches(PUBLIC_ROUTES.invite, publicPaths.invite(ids.clientSlug), ids)).toBe(true);
    expect(matches(PUBLIC_ROUTES.session, publicPaths.session(ids.sessionId), ids)).toBe(true);
    expect(matches(PUBLIC_ROUTES.authorize, publicPaths.authorize(ids.sessionId, ids.connectionId), ids)).toBe(true);
    expect(matches(PUBLIC_ROUTES.oauthCallback, publicPaths.oauthCallback(), ids)).toBe(true);
    expect(matches(PUBLIC_ROUTES.linkDone, publicPaths.linkDone(), ids)).toBe(true);
    expect(matches(PUBLIC_ROUTES.sessionDone, publicPaths.sessionDone(ids.sessionId), ids)).toBe(true);
    expect(publicPaths.embeddedAuthorize('dwt_a.b')).toBe(`${PUBLIC_ROUTES.embeddedAuthorize}?ticket=dwt_a.b`);
    expect(matches(PUBLIC_ROUTES.portalCompany, publicPaths.portalCompany(ids.companyId), ids)).toBe(true);
    // http/app.ts serves `/static/logos/:file{[a-z]{4}\\.svg}`.
    expect(publicPaths.providerLogo('gbol')).toMatch(/^\/static\/logos\/[a-z]{4}\.svg$/);
    expect(publicPaths.sandboxAuthorize()).toBe(SANDBOX_PATHS.authorize);
    expect(publicPaths.sandboxToken()).toBe(SANDBOX_PATHS.token);
    expect(publicPaths.sandboxRevoke()).toBe(SANDBOX_PATHS.revoke);
  });

  it('makes them absolute under the public base, with or without its trailing slash', () => {
    for (const base of ['https://doorway.example/base', 'https://doorway.example/base/']) {
      const urls = createPublicUrls(base);
      expect(urls.base).toBe('https://doorway.example/base');
      expect(urls.companyLink('c-1')).toBe('https://doorway.example/base/link/company/c-1');
      expect(urls.connectionLink('c-1', 'k-2')).toBe('https://doorway.example/base/link/companies/c-1/connections/k-2/start');
      expect(urls.invite('acme')).toBe('https://doorway.example/base/link/invite/acme');
      expect(urls.oauthCallback()).toBe('https://doorway.example/base/link/oauth/callback');
      expect(urls.embeddedAuthorize('dwt_a.b')).toBe('https://doorway.example/base/link/embed/authorize?ticket=dwt_a.b');
      expect(urls.portalCompany('c-1')).toBe('https://doorway.example/base/portal/companies/c-1');
      expect(urls.sandboxAuthorize()).toBe('https://doorway.example/base/sandbox/oauth/authorize');
      expect(urls.sandboxToken()).toBe('https://doorway.example/base/sandbox/oauth/token');
      expect(urls.sandboxRevoke()).toBe('https://doorway.example/base/sandbox/oauth/revoke');
      // The Sandbox providers' site-relative api.baseUrl resolves the same way.
      expect(urls.absolute(SANDBOX_PATHS.apiBase)).toBe('https://doorway.example/base/sandbox/api');
    }
  });

  it('leaves absolute URLs alone and roots relative ones under the base', () => {
    const urls = createPublicUrls('https://doorway.example');
    expect(urls.absolute('https://cdn.example/x.svg')).toBe('https://cdn.example/x.svg');
    expect(urls.absolute('/static/logos/gbol.svg')).toBe('https://doorway.example/static/logos/gbol.svg');
    expect(urls.absolute('static/logos/gbol.svg')).toBe('https://doorway.example/static/logos/gbol.svg');
  });
});
