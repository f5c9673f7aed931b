import { paragraphs } from '../paragraphs';

/** Configurable copy is plain text: blank lines make paragraphs, nothing is parsed as HTML. */
export function Paragraphs({ text, class: className = 'dw-text', id }: { text: string; class?: string; id?: string }) {
  const parts = paragraphs(text);
  if (parts.length === 0) return null;
  return (
    <div class={className} id={id}>
      {parts.map((p, i) => (
        <p key={i}>{p}</p>
      ))}
    </div>
  );
}
