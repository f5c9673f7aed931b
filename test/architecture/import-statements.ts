/** What a TypeScript file imports, as the architecture test needs it: no parser, just the four forms we write. */

export interface ImportStatement {
  specifier: string;
  typesOnly: boolean;
}

/** Static imports and re-exports (one or many lines), side-effect imports and dynamic imports. */
export function importsOf(text: string): ImportStatement[] {
  const found: ImportStatement[] = [];
  for (const m of text.matchAll(/(?:^|;)\s*(import|export)\s+(type\s+)?([^;'"]*?)\s*from\s+['"]([^'"]+)['"]/gm)) {
    // Only `import type … from` is erased. Under `verbatimModuleSyntax` (every tsconfig here),
    // `import { type A } from 'x'` compiles to `import {} from 'x'`: it still loads `x`.
    const typesOnly = Boolean(m[2]);
    found.push({ specifier: m[4]!, typesOnly });
  }
  for (const m of text.matchAll(/(?:^|;)\s*import\s+['"]([^'"]+)['"]/gm)) found.push({ specifier: m[1]!, typesOnly: false });
  for (const m of text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) found.push({ specifier: m[1]!, typesOnly: false });
  return found;
}

