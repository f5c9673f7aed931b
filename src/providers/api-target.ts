import { AppError } from '../domain/errors.js';
import type { ProviderDefinition } from './schema.js';

/** Where a Linked connection's platform API lives, and the headers every call to it carries. */
export interface ApiTarget {
  baseUrl: URL;
  headers: Readonly<Record<string, string>>;
  /** A site-relative base (the built-in Sandbox): Doorway's own public URL, not a destination someone configured. */
  isDoorwayItself: boolean;
}

const CONNECTION_INFO_PLACEHOLDER = /\$\{connectionInfo\.([A-Za-z_][A-Za-z0-9_]*)\}/g;

// integrator: switch to renderConnectionInfoTemplate (src/providers/url-template.ts) once merged.
function renderConnectionInfo(template: string, connectionInfo: Readonly<Record<string, unknown>> | null, encode: boolean): string {
  if (!template.includes('${')) return template;
  return template.replace(CONNECTION_INFO_PLACEHOLDER, (_placeholder, name: string) => {
    // hasOwn: a key named `constructor` must not resolve to Object.prototype's member.
    const value = connectionInfo && Object.hasOwn(connectionInfo, name) ? connectionInfo[name] : undefined;
    if ((typeof value !== 'string' && typeof value !== 'number') || value === '') {
      throw new AppError('CONFLICT', `The connection lacks connectionInfo.${name}, which this platform's API address needs.`);
    }
    // In a URL the value must not change the host, path or query; a header value is taken as is.
    return encode ? encodeURIComponent(String(value)) : String(value);
  });
}

/**
 * The provider's `api.baseUrl` and `api.headers` with `${connectionInfo.x}` filled from the
 * connection. A site-relative base URL (`/sandbox/api`, the built-in Sandbox platforms) is
 * resolved against Doorway's public URL. A connection without a value a template needs is a 409.
 */
export function resolveApiTarget(
  provider: Pick<ProviderDefinition, 'key' | 'api'>,
  connectionInfo: Readonly<Record<string, unknown>> | null,
  publicUrl: string,
): ApiTarget {
  const api = provider.api;
  if (!api) throw new AppError('CONFLICT', `The platform ${provider.key} declares no API that Doorway can proxy.`);
  const rendered = renderConnectionInfo(api.baseUrl, connectionInfo, true);
  if (rendered.startsWith('//')) throw new AppError('CONFLICT', `The platform ${provider.key} has an invalid API base URL.`);
  let baseUrl: URL;
  try {
    // Under the public URL's own path, as PublicUrls.absolute builds every other Doorway URL.
    baseUrl = new URL(rendered.startsWith('/') ? `${publicUrl.replace(/\/+$/, '')}${rendered}` : rendered);
  } catch {
    throw new AppError('CONFLICT', `The platform ${provider.key} has an invalid API base URL.`);
  }
  if (baseUrl.protocol !== 'http:' && baseUrl.protocol !== 'https:') {
    throw new AppError('CONFLICT', `The platform ${provider.key} has an invalid API base URL.`);
  }
  // Paths are appended below the base, so it always ends in one slash; its own query is dropped.
  if (!baseUrl.pathname.endsWith('/')) baseUrl.pathname = `${baseUrl.pathname}/`;
  baseUrl.search = '';
  baseUrl.hash = '';
  const headers: Record<string, string> = {};
  for (const [name, template] of Object.entries(api.headers)) headers[name.toLowerCase()] = renderConnectionInfo(template, connectionInfo, false);
  return { baseUrl, headers, isDoorwayItself: api.baseUrl.startsWith('/') };
}
