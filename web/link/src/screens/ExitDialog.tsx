import { Modal } from '../../../ui/src/components/Modal';
import { serverText, type Texts } from '../text';

export interface ExitDialogProps {
  open: boolean;
  texts: Texts;
  busy: boolean;
  onConfirm: () => void;
  onClose: () => void;
}

/** "Are you sure?" before leaving the flow; confirming reports a 403 "User cancelled." redirect. */
export function ExitDialog({ open, texts, busy, onConfirm, onClose }: ExitDialogProps) {
  return (
    <Modal
      open={open}
      busy={busy}
      preferCancel
      title={serverText(texts, 'exit.title')}
      body={serverText(texts, 'exit.body')}
      confirmLabel={serverText(texts, 'exit.confirmButton')}
      cancelLabel={serverText(texts, 'exit.cancelButton')}
      onConfirm={onConfirm}
      onClose={onClose}
    />
  );
}
