/**
 * Reads the layer table out of docs/ARCHITECTURE.md, so the rules the architecture test enforces
 * are the rules the document states, word for word: there is no second copy to drift.
 */
import fs from 'node:fs';

export interface AllowedTarget {
  /** A folder (ends with `/`) or a file path, from the repository root, without extension. */
  path: string;
  /** `(types)` in the table: only `import type` / `export type` may reach it. */
  typesOnly: boolean;
}

export interface LayerRule {
  /** The folder (ends with `/`) or file this row governs, from the repository root. */
  layer: string;
  ours: AllowedTarget[];
  /** Package names; `node:*` allows every Node built-in, `*` every package. */
  packages: string[];
}

const START = '<!-- layer-table:start -->';
const END = '<!-- layer-table:end -->';

const backticked = (cell: string) => [...cell.matchAll(/`([^`]+)`(\s*\(types\))?/g)].map((m) => ({ value: m[1]!, typesOnly: Boolean(m[2]) }));

const withoutExtension = (file: string) => file.replace(/\.(ts|tsx)$/, '');

export function readLayerTable(documentPath: string): LayerRule[] {
  const text = fs.readFileSync(documentPath, 'utf8');
  const start = text.indexOf(START);
  const end = text.indexOf(END);
  if (start < 0 || end < start) throw new Error(`${documentPath} has no ${START} … ${END} section`);
  const rows = text
    .slice(start + START.length, end)
    .split('\n')
    .filter((line) => line.startsWith('|'))
    .slice(2); // header and separator
  return rows.map((row) => {
    const [layerCell, oursCell, packagesCell] = row.split('|').slice(1).map((cell) => cell.trim());
    if (layerCell === undefined || oursCell === undefined || packagesCell === undefined) throw new Error(`Malformed layer row: ${row}`);
    const layer = backticked(layerCell)[0]?.value;
    if (!layer) throw new Error(`Layer row without a path: ${row}`);
    return {
      layer: withoutExtension(layer),
      ours: backticked(oursCell).map(({ value, typesOnly }) => ({ path: withoutExtension(value), typesOnly })),
      packages: backticked(packagesCell).map(({ value }) => value),
    };
  });
}

/** The row governing a file: the most specific layer whose path contains it. */
export function ruleFor(rules: LayerRule[], file: string): LayerRule | undefined {
  const bare = withoutExtension(file);
  return rules
    .filter((rule) => (rule.layer.endsWith('/') ? bare.startsWith(rule.layer) : bare === rule.layer))
    .sort((a, b) => b.layer.length - a.layer.length)[0];
}

export const targetAllowed = (target: string, allowed: AllowedTarget) =>
  allowed.path.endsWith('/') ? target.startsWith(allowed.path) : withoutExtension(target) === allowed.path;

/** `node:fs/promises` is `node:fs`'s; `@hono/zod-openapi` and `hono/cookie` are packages by name. */
export function packageName(specifier: string): string {
  if (specifier.startsWith('node:')) return specifier.split('/')[0]!;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

export const packageAllowed = (specifier: string, allowed: string[]) => {
  const name = packageName(specifier);
  return allowed.some((entry) => entry === '*' || entry === name || (entry === 'node:*' && name.startsWith('node:')));
};
