/** An ✕ button with its name for screen readers (`label`); `class` places and colours it in context. */
export function CloseButton({ label, class: className, onClick, opensDialog = false }: { label: string; class: string; onClick: () => void; opensDialog?: boolean }) {
  return (
    <button type="button" class={className} aria-label={label} aria-haspopup={opensDialog ? 'dialog' : undefined} onClick={onClick}>
      <svg class="dw-close-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
        <path d="M6 6l12 12M18 6L6 18" />
      </svg>
    </button>
  );
}
