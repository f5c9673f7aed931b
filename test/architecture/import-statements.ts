/** What a TypeScript file imports, as the architecture test needs it: no parser, just the four forms we write. */

export interface ImportStatement {
  specifier: string;
  typesOnly: boolean;
}

/** Static imports and re-exports (one or many lines), side-effect imports and dynamic imports. */
export function importsOf(text: string): ImportStatement[] {
  const found: ImportStatement[] = [];
  for (const m of text.matchAll(/(?:^|;)\s*(import|export)\s+(type\s+)?([^;'"]*?)\s*from\s+['"]([^'"]+)['"]/gm)) {
    const clause = m[3]!;
    const braces = clause.match(/\{([^}]*)\}/);
    const names = braces ? braces[1]!.split(',').map((name) => name.trim()).filter(Boolean) : [];
    // `import { type A, type B } from` is erased like `import type`; a default or namespace import is not.
    const onlyNamedTypes = braces !== null && clause.replace(braces[0], '').replace(/,/g, '').trim() === '' && names.every((name) => name.startsWith('type '));
    const typesOnly = Boolean(m[2]) || onlyNamedTypes;
    found.push({ specifier: m[4]!, typesOnly });
  }
  for (const m of text.matchAll(/(?:^|;)\s*import\s+['"]([^'"]+)['"]/gm)) found.push({ specifier: m[1]!, typesOnly: false });
  for (const m of text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) found.push({ specifier: m[1]!, typesOnly: false });
  return found;
}

