import { useRef, useState } from 'preact/hooks';

/**
 * Runs API calls one at a time. While one runs, buttons ignore clicks; once the page is leaving
 * (navigate called) it stays busy, so nothing can be sent twice while the next page loads.
 */
export function useRunner(onError: (error: unknown) => void) {
  const [busy, setBusy] = useState(false);
  const running = useRef(false);
  const leaving = useRef(false);
  const run = async (work: () => Promise<void>): Promise<void> => {
    if (running.current || leaving.current) return;
    running.current = true;
    setBusy(true);
    try {
      await work();
    } catch (error) {
      onError(error);
    } finally {
      if (!leaving.current) {
        running.current = false;
        setBusy(false);
      }
    }
  };
  return { busy, run, leaving };
}
