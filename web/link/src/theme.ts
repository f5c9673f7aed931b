// Branding colours become CSS custom properties on the Link root. Text and focus colours that sit
// on them are derived here so any client colour keeps WCAG AA contrast.
import { contrast } from '../../ui/src/contrast';
import { DEFAULT_PRIMARY, DEFAULT_SECONDARY, INK, WHITE } from '../../ui/src/tokens';

/** `#rgb` or `#rrggbb` as lower-case `#rrggbb`; anything else (names, url(), …) is refused. */
export function normaliseHex(value: string | null | undefined): string | null {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec((value ?? '').trim());
  if (!m?.[1]) return null;
  const hex = m[1].toLowerCase();
  return hex.length === 3 ? `#${[...hex].map((c) => c + c).join('')}` : `#${hex}`;
}

/** White or near-black, whichever reads better on `background`. */
export function onColour(background: string): string {
  return contrast(background, WHITE) >= contrast(background, INK) ? WHITE : INK;
}

export function themeVars(primaryColor: string | null | undefined, secondaryColor?: string | null): Record<string, string> {
  const primary = normaliseHex(primaryColor) ?? DEFAULT_PRIMARY;
  const secondary = normaliseHex(secondaryColor) ?? DEFAULT_SECONDARY;
  return {
    '--dw-primary': primary,
    '--dw-on-primary': onColour(primary),
    // Links, focus rings and accents sit on the white card: a too-light brand colour falls back to ink.
    '--dw-accent': contrast(primary, WHITE) >= 4.5 ? primary : INK,
    '--dw-secondary': secondary,
    '--dw-on-secondary': onColour(secondary),
  };
}

/** Sets the variables on the Link root only, so an embedding page's own styles are untouched. */
export function applyTheme(element: HTMLElement, vars: Record<string, string>): void {
  for (const [name, value] of Object.entries(vars)) element.style.setProperty(name, value);
}

export function clearTheme(element: HTMLElement): void {
  for (const name of Object.keys(themeVars(null))) element.style.removeProperty(name);
}
