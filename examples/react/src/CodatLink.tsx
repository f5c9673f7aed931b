import { useEffect, useState } from 'react';
import type { CodatLinkProps } from '@codat/sdk-link-types';

/**
 * Doorway's Embedded Link in a React app, the way Codat's React example mounts Codat's: the module
 * is imported at runtime (never bundled, so the page always gets the current version) and the
 * component is constructed once, into an empty container. Codat's module URL is
 * https://link-sdk.codat.io; Doorway's is `${DOORWAY_URL}/link-sdk`. Nothing else changes.
 */
const DOORWAY_URL = import.meta.env.VITE_DOORWAY_URL ?? 'http://localhost:3000';
const LINK_SDK_URL = `${DOORWAY_URL}/link-sdk`;

export function CodatLink(props: CodatLinkProps) {
  const [container, setContainer] = useState<HTMLDivElement | null>(null);

  useEffect(() => {
    if (!container || container.children.length > 0) return;
    // `@vite-ignore` / `webpackIgnore` keep the bundler from resolving a URL it cannot see.
    void import(/* @vite-ignore */ /* webpackIgnore: true */ LINK_SDK_URL).then(({ CodatLink: Link }) => {
      new Link({ target: container, props });
    });
    // Props are read once at mount, as Codat's are: remount (change the `key`) to change them.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [container]);

  // Codat's recommended size; the component fills its container.
  return <div ref={setContainer} style={{ width: '460px', height: '840px', maxHeight: '95%' }} />;
}
