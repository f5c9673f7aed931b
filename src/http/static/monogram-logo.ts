/**
 * A small SVG monogram for platforms without a logo file of their own. Doorway ships no
 * third-party trademarks; operators can point `logoUrl` at official artwork in a providers file.
 */
const PALETTE = ['#1f6feb', '#1a7f37', '#8250df', '#bf3989', '#9a6700', '#0a7ea4', '#cf222e', '#57606a'];

export function monogramSvg(key: string, name: string): string {
  const letters = name.replace(/[^A-Za-z0-9 ]/g, '').split(/\s+/).filter(Boolean).slice(0, 2).map((w) => w[0]!.toUpperCase()).join('') || '?';
  const colour = PALETTE[[...key].reduce((sum, ch) => sum + ch.charCodeAt(0), 0) % PALETTE.length];
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" role="img" aria-label="${name.replace(/[<>&"]/g, '')}"><rect width="64" height="64" rx="12" fill="${colour}"/><text x="32" y="41" font-family="system-ui,sans-serif" font-size="24" font-weight="700" fill="#fff" text-anchor="middle">${letters}</text></svg>`;
}
