/**
 * A connection's status as colour and words (never colour alone): green Linked, purple
 * PendingAuth, red Deauthorized (or any status with an error), grey Unlinked.
 */
const TONES: Record<string, { tone: string; label: string }> = {
  Linked: { tone: 'ok', label: 'Linked' },
  PendingAuth: { tone: 'pending', label: 'Pending auth' },
  Deauthorized: { tone: 'danger', label: 'Deauthorized' },
  Unlinked: { tone: 'neutral', label: 'Unlinked' },
};

export function StatusBadge({ status, errored = false }: { status: string; errored?: boolean }) {
  const known = TONES[status] ?? { tone: 'neutral', label: status };
  const tone = errored && status !== 'Deauthorized' ? 'danger' : known.tone;
  return <span class={`dw-badge dw-badge--${tone}`}>{errored && status !== 'Deauthorized' ? `${known.label} (error)` : known.label}</span>;
}
