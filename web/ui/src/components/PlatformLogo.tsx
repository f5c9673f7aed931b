import { useState } from 'preact/hooks';

/** Decorative: the platform's name is always written next to it. A broken image is hidden. */
export function PlatformLogo({ src, size = 32 }: { src: string; size?: number }) {
  const [failed, setFailed] = useState(false);
  if (failed) return <span class="dw-platform-logo" aria-hidden="true" />;
  return <img class="dw-platform-logo" src={src} alt="" width={size} height={size} decoding="async" onError={() => setFailed(true)} />;
}
