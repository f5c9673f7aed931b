/** The tick or exclamation mark above an outcome heading; decorative, the heading says it. */
export function OutcomeIcon({ ok }: { ok: boolean }) {
  return (
    <svg class={`dw-outcome-icon dw-outcome-icon--${ok ? 'ok' : 'bad'}`} viewBox="0 0 48 48" aria-hidden="true" focusable="false">
      <circle cx="24" cy="24" r="22" />
      <path d={ok ? 'M14 25l7 7 13-15' : 'M24 13v14M24 34v1'} />
    </svg>
  );
}
