/**
 * The fetch every request to a platform leaves through: the destination-guarded one, except for
 * Doorway's own built-in Sandbox endpoints. Those live under Doorway's PUBLIC_URL, which is often
 * localhost, and are no destination anyone gave us, so they go out directly. This is the one place
 * that choice is made, for the Link flow, token refreshes, revocation and the proxy alike.
 */
export function createPlatformFetch(options: {
  guarded: typeof globalThis.fetch;
  direct: typeof globalThis.fetch;
  /** The absolute URL Doorway's Sandbox is served under (`{PUBLIC_URL}/sandbox/`). */
  ownSandboxPrefix: string;
}): typeof globalThis.fetch {
  // Both sides normalised by URL (host case, default ports), so only a real match is exempt.
  const prefix = new URL(options.ownSandboxPrefix).href;
  const isOwnSandbox = (url: URL) => url.href.startsWith(prefix);
  return ((input: string | URL | Request, init?: RequestInit) => {
    const href = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const url = URL.canParse(href) ? new URL(href) : undefined;
    return url && isOwnSandbox(url) ? options.direct(input, init) : options.guarded(input, init);
  }) as typeof globalThis.fetch;
}
