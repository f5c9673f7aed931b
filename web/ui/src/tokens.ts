/**
 * Doorway's one palette: colours, radii, spacing, fonts and the focus ring, as data. It is the
 * only place these values are written. The Link UI gets them as CSS custom properties through a
 * build-time stylesheet (web/ui/vite-tokens-plugin.ts); the server-rendered pages (Sandbox,
 * friendly error pages) put the same declarations at the top of their stylesheets. Every text
 * colour keeps at least 4.5:1 on the backgrounds it is used on (axe-core checks the pages).
 *
 * Plain data and string building only: the server imports this file, so no DOM, no imports.
 */

/** The four colours code needs as values (brand defaults, contrast checks), named so a bundle keeps only these. */
export const DEFAULT_PRIMARY = '#1f4bd8';
export const DEFAULT_SECONDARY = '#0b1b3f';
export const WHITE = '#ffffff';
export const INK = '#111827';

export const COLOURS = {
  primary: DEFAULT_PRIMARY,
  'on-primary': WHITE,
  /** Links, focus rings and accents on the card. */
  accent: DEFAULT_PRIMARY,
  secondary: DEFAULT_SECONDARY,
  'on-secondary': WHITE,
  ink: INK,
  muted: '#4b5563',
  line: '#d5d9e2',
  'field-line': '#6b7280',
  page: '#f3f5fa',
  card: WHITE,
  selected: '#eaf0ff',
  danger: '#b42318',
  'danger-ink': '#912018',
  'danger-bg': '#fef3f2',
  ok: '#067647',
  'ok-bg': '#ecfdf3',
  warn: '#93370d',
  'warn-bg': '#fffaeb',
  neutral: '#374151',
  'neutral-bg': '#f1f3f6',
} as const;

export type ColourName = keyof typeof COLOURS;

/**
 * Overrides for pages that follow the system's dark mode (the server-rendered pages). The Link UI
 * stays light: its header and buttons carry the client's brand colours, chosen against white.
 */
export const DARK_COLOURS: Partial<Record<ColourName, string>> = {
  primary: '#7ea2ff',
  'on-primary': '#0d1326',
  accent: '#7ea2ff',
  ink: '#eceef2',
  muted: '#a7aebb',
  line: '#3a3f4a',
  'field-line': '#8b93a1',
  page: '#14161a',
  card: '#1e2127',
  selected: '#26324f',
  warn: '#ffe08a',
  'warn-bg': '#3d3212',
};

export const RADII = { sm: '6px', md: '8px', lg: '12px', pill: '999px' } as const;
export const SPACING = { xs: '4px', sm: '8px', md: '16px', lg: '24px', xl: '32px' } as const;
export const FONTS = {
  body: "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif",
} as const;
export const FOCUS_RING = { width: '3px', offset: '2px' } as const;

function declarations(entries: Iterable<[string, string]>): string {
  return [...entries].map(([name, value]) => `  --dw-${name}: ${value};`).join('\n');
}

/** Every token as `--dw-*` custom properties: `--dw-ink`, `--dw-radius-md`, `--dw-space-sm`, … */
export function tokenDeclarations(): string {
  return declarations([
    ...Object.entries(COLOURS),
    ...Object.entries(RADII).map(([k, v]): [string, string] => [`radius-${k}`, v]),
    ...Object.entries(SPACING).map(([k, v]): [string, string] => [`space-${k}`, v]),
    ...Object.entries(FONTS).map(([k, v]): [string, string] => [`font-${k}`, v]),
    ['focus-width', FOCUS_RING.width],
    ['focus-offset', FOCUS_RING.offset],
  ]);
}

/**
 * The palette as a stylesheet fragment for `selector`. With `darkMode`, the dark overrides apply
 * under `prefers-color-scheme: dark` and the page declares that it supports both schemes.
 */
export function tokensCss(selector: string, options: { darkMode?: boolean } = {}): string {
  const light = `${selector} {\n${options.darkMode ? '  color-scheme: light dark;\n' : ''}${tokenDeclarations()}\n}\n`;
  if (!options.darkMode) return light;
  return `${light}@media (prefers-color-scheme: dark) {\n${selector} {\n${declarations(Object.entries(DARK_COLOURS))}\n}\n}\n`;
}
