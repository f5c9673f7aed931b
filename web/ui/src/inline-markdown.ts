/**
 * The inline Markdown Codat allows in Link texts (codat-spec §7: "values accept Markdown"):
 * `**bold**`, `*emphasis*` and `[links](https://…)`. Parsed into parts the components render as
 * elements, never as HTML, so a client's text can format but not inject. Links go only to
 * http(s) and mailto addresses; anything else stays as the text it was. Underscores are left
 * alone: they are common in names and rarely meant as emphasis.
 */

export type InlinePart = { kind: 'text'; text: string } | { kind: 'strong' | 'em'; text: string } | { kind: 'link'; text: string; href: string };

const INLINE = /\*\*([^*\n]+?)\*\*|\*([^*\s][^*\n]*?)\*|\[([^\]\n]+)\]\(([^)\s]+)\)/g;
const SAFE_HREF = /^(https?:\/\/|mailto:)/i;

export function inlineMarkdown(text: string): InlinePart[] {
  const parts: InlinePart[] = [];
  const pushText = (value: string) => {
    if (!value) return;
    const last = parts.at(-1);
    if (last?.kind === 'text') last.text += value;
    else parts.push({ kind: 'text', text: value });
  };
  let at = 0;
  for (const match of text.matchAll(INLINE)) {
    const index = match.index ?? 0;
    pushText(text.slice(at, index));
    const [whole, strong, em, label, href] = match;
    if (strong !== undefined) parts.push({ kind: 'strong', text: strong });
    else if (em !== undefined) parts.push({ kind: 'em', text: em });
    else if (label !== undefined && href !== undefined && SAFE_HREF.test(href)) parts.push({ kind: 'link', text: label, href });
    else pushText(whole);
    at = index + whole.length;
  }
  pushText(text.slice(at));
  return parts;
}
