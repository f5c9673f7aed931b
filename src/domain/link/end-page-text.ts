import type { LinkTextKey } from './default-text.js';

/** "Sandbox", "Sandbox and Xero", "Sandbox, Xero and Shopify". */
export const listPlatformNames = (names: readonly string[]): string =>
  new Intl.ListFormat('en', { style: 'long', type: 'conjunction' }).format(names);

/**
 * What Doorway's end page says (the client has no redirect URL): the platforms that are connected,
 * or, when none is, that nothing was shared and the same link can be used again. Never claims a
 * connection that does not exist, whether the SMB completed or exited.
 */
export function endPageText(text: Readonly<Record<LinkTextKey, string>>, platformNames: readonly string[]): { title: string; message: string } {
  if (platformNames.length === 0) return { title: text['finished.nothingTitle'], message: text['finished.nothingBody'] };
  // One pass, so a platform name containing braces is never substituted again.
  const message = text['finished.body'].replace(/\{platformNames\}/g, () => listPlatformNames(platformNames));
  return { title: text['finished.title'], message };
}
