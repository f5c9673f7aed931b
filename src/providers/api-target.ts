import { AppError } from '../domain/errors.js';
import type { ProviderDefinition } from './schema.js';
import { MissingConnectionInfoError, renderConnectionInfoHeader, renderConnectionInfoTemplate } from './url-template.js';

/** Where a Linked connection's platform API lives, and the headers every call to it carries. */
export interface ApiTarget {
  baseUrl: URL;
  headers: Readonly<Record<string, string>>;
  /** A site-relative base (the built-in Sandbox): Doorway's own public URL, not a destination someone configured. */
  isDoorwayItself: boolean;
}

/** The shared renderers (url-template.ts), their failures as the 409 a connection lacking a value is. */
function renderConnectionInfo(template: string, connectionInfo: Readonly<Record<string, unknown>> | null, encode: boolean): string {
  try {
    return encode ? renderConnectionInfoTemplate(template, connectionInfo) : renderConnectionInfoHeader(template, connectionInfo);
  } catch (error) {
    if (error instanceof MissingConnectionInfoError) {
      throw new AppError('CONFLICT', `The connection lacks connectionInfo.${error.key}, which this platform's API address needs.`);
    }
    throw new AppError('CONFLICT', `The connection's connectionInfo cannot be used for this platform's API: ${error instanceof Error ? error.message : String(error)}`);
  }
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
