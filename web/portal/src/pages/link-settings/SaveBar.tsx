import { Button } from '../../../../ui/src/components/Button';

/** A settings form's submit button and the line that says it was saved (announced politely). */
export function SaveBar({ busy, status, label }: { busy: boolean; status: string; label: string }) {
  return (
    <div class="pt-form-actions">
      <Button type="submit" busy={busy}>
        {busy ? 'Saving…' : label}
      </Button>
      <p class="pt-muted" role="status">
        {status}
      </p>
    </div>
  );
}
