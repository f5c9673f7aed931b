import { useState } from 'preact/hooks';
import { Button } from '../../../ui/src/components/Button';
import { CopyField } from '../../../ui/src/components/CopyField';
import { ErrorNotice } from '../../../ui/src/components/ErrorNotice';
import { Modal } from '../../../ui/src/components/Modal';
import type { SigningSecretView } from '../../../../src/wire/portal/webhooks';
import { usePortal } from '../portal-context';

/**
 * The consumer's signing secret: hidden until a developer asks for it (whoever holds it can
 * forge deliveries), and rotatable, with the old secret signing alongside for a day.
 */
export function WebhookSecret({ consumerId }: { consumerId: string }) {
  const { api, can } = usePortal();
  const [secret, setSecret] = useState<{ value: string; rotated: boolean } | undefined>();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const path = `/webhooks/${encodeURIComponent(consumerId)}/secret`;

  const fetchSecret = async (action: 'reveal' | 'rotate') => {
    setBusy(true);
    setError('');
    try {
      const answer = await api.post<SigningSecretView>(`${path}/${action}`);
      setSecret({ value: answer.secret, rotated: action === 'rotate' });
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  };

  return (
    <section class="pt-card" aria-labelledby="pt-secret-title">
      <h2 id="pt-secret-title">Signing secret</h2>
      <p>
        Every delivery carries <code>webhook-id</code>, <code>webhook-timestamp</code> and <code>webhook-signature</code> headers. Verify them with this secret and any Standard Webhooks or Svix library.
      </p>
      <ErrorNotice message={error} />
      {!can('developer') ? (
        <p class="pt-muted">Only developers and admins can reveal or rotate the signing secret.</p>
      ) : (
        <>
          {secret ? (
            <>
              <CopyField label="Signing secret" value={secret.value} />
              {secret.rotated ? <p class="pt-notice">This is the new secret. For 24 hours each delivery is signed with both it and the old one, so update your receiver within a day.</p> : null}
            </>
          ) : null}
          <div class="pt-toolbar">
            {secret ? (
              <Button variant="secondary" onClick={() => setSecret(undefined)}>
                Hide secret
              </Button>
            ) : (
              <Button variant="secondary" busy={busy} onClick={() => void fetchSecret('reveal')}>
                Reveal secret
              </Button>
            )}
            <Button variant="secondary" busy={busy} onClick={() => setConfirming(true)}>
              Rotate secret
            </Button>
          </div>
        </>
      )}
      <Modal
        open={confirming}
        title="Rotate the signing secret?"
        body="Doorway makes a new secret now. For 24 hours every delivery is signed with both the new and the old secret, so your receiver keeps verifying while you switch it over."
        confirmLabel="Rotate secret"
        cancelLabel="Cancel"
        busy={busy}
        onConfirm={() => void fetchSecret('rotate')}
        onClose={() => setConfirming(false)}
      />
    </section>
  );
}
