import { inlineMarkdown } from '../inline-markdown';
import { paragraphs } from '../paragraphs';

/** One paragraph's inline Markdown as elements (never HTML). */
function Inline({ text }: { text: string }) {
  return (
    <>
      {inlineMarkdown(text).map((part, i) => {
        if (part.kind === 'strong') return <strong key={i}>{part.text}</strong>;
        if (part.kind === 'em') return <em key={i}>{part.text}</em>;
        if (part.kind === 'link') {
          // A new tab, so following a link in the terms never loses the person's place in the flow.
          return (
            <a key={i} href={part.href} target="_blank" rel="noopener noreferrer">
              {part.text}
            </a>
          );
        }
        return part.text;
      })}
    </>
  );
}

/** Configurable copy: blank lines make paragraphs, Codat's inline Markdown formats, nothing is parsed as HTML. */
export function Paragraphs({ text, class: className = 'dw-text', id }: { text: string; class?: string; id?: string }) {
  const parts = paragraphs(text);
  if (parts.length === 0) return null;
  return (
    <div class={className} id={id}>
      {parts.map((p, i) => (
        <p key={i}>
          <Inline text={p} />
        </p>
      ))}
    </div>
  );
}
