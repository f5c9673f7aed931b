import { publicPaths } from '../../../../src/domain/public-urls';

/**
 * Doorway's origin is wherever this module was loaded from: a page imports
 * `{PUBLIC_URL}/link-sdk` and follows the redirect to the versioned file on the same origin, so
 * the module needs no configuration to find its API.
 */
export function doorwayOrigin(moduleUrl: string = import.meta.url): string {
  return new URL(moduleUrl).origin;
}

/** The embedded Link API base for one company, absolute on Doorway's origin. */
export function embeddedApiBase(companyId: string, origin: string = doorwayOrigin()): string {
  return publicPaths.embeddedLinkApi(encodeURIComponent(companyId), origin);
}
