import { useState } from 'preact/hooks';
import { PortalApiError } from './api';

/**
 * A form's save (or test) call: busy while it runs, then either a status line ("Saved.") or the
 * server's message and per-field problems. The form's own state is never touched, so a refused
 * save keeps everything that was typed.
 */
export function useSubmit(fallback = 'That did not work. Try again.') {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [fields, setFields] = useState<Record<string, string>>({});
  const [status, setStatus] = useState('');
  const run = async (work: () => Promise<string | void>): Promise<void> => {
    setBusy(true);
    setError('');
    setFields({});
    setStatus('');
    try {
      setStatus((await work()) ?? '');
    } catch (failure) {
      setError(failure instanceof PortalApiError ? failure.message : fallback);
      setFields(failure instanceof PortalApiError ? failure.fields : {});
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, fields, status, setStatus, run };
}
