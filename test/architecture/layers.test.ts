/**
 * The layer rules of docs/ARCHITECTURE.md, checked on every import of every source file in src/,
 * web/ and bench/: a violation fails the build instead of waiting for a reviewer to notice. The
 * rules are read from the document's table itself (layer-table.ts), so what the document says is
 * exactly what is enforced.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importsOf } from './import-statements.js';
import { packageAllowed, readLayerTable, ruleFor, targetAllowed } from './layer-table.js';

const ROOT = path.resolve('.');
const DOCUMENT = path.join(ROOT, 'docs/ARCHITECTURE.md');
const GOVERNED = ['src', 'web', 'bench'];
const SKIPPED_DIRS = new Set(['node_modules', 'dist', 'results']);

function walk(dir: string, keep: (name: string) => boolean): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return SKIPPED_DIRS.has(entry.name) ? [] : walk(full, keep);
    return keep(entry.name) ? [full] : [];
  });
}

/** Unit tests sit beside the code but are not part of it: they may use test tooling. */
const isSource = (name: string) => /\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name) && !name.endsWith('.d.ts') && name !== 'vite.config.ts';

const fromRoot = (file: string) => path.relative(ROOT, file).split(path.sep).join('/');

describe('layer rules (docs/ARCHITECTURE.md)', () => {
  const rules = readLayerTable(DOCUMENT);
  const files = GOVERNED.flatMap((dir) => walk(path.join(ROOT, dir), isSource));

  it('reads the table and finds the source tree', () => {
    expect(rules.length).toBeGreaterThan(8);
    expect(files.length).toBeGreaterThan(150);
  });

  it('governs every source file by exactly one row', () => {
    expect(files.map(fromRoot).filter((file) => !ruleFor(rules, file))).toEqual([]);
  });

  it('has a row only for paths that exist', () => {
    expect(rules.map((rule) => rule.layer).filter((layer) => !fs.existsSync(path.join(ROOT, layer)) && !fs.existsSync(`${path.join(ROOT, layer)}.ts`))).toEqual([]);
  });

  it('imports only what the row allows: our modules and packages', () => {
    const violations: string[] = [];
    for (const file of files) {
      const from = fromRoot(file);
      const rule = ruleFor(rules, from)!;
      if (!rule) continue;
      for (const { specifier, typesOnly } of importsOf(fs.readFileSync(file, 'utf8'))) {
        if (!specifier.startsWith('.')) {
          if (!packageAllowed(specifier, rule.packages)) violations.push(`${from} → package ${specifier}`);
          continue;
        }
        const target = fromRoot(path.resolve(path.dirname(file), specifier)).replace(/\.js$/, '');
        if (ruleFor(rules, target) === rule) continue; // within its own layer
        const allowed = rule.ours.find((entry) => targetAllowed(target, entry));
        if (!allowed) violations.push(`${from} → ${target}`);
        else if (allowed.typesOnly && !typesOnly) violations.push(`${from} → ${target} (types only)`);
      }
    }
    expect(violations).toEqual([]);
  });

  it('mentions every folder of src/ and web/ in the document', () => {
    const document = fs.readFileSync(DOCUMENT, 'utf8');
    const folders = ['src', 'web'].flatMap((top) => walkFolders(path.join(ROOT, top))).map((dir) => `${fromRoot(dir)}/`);
    // src/ is implied in the document's prose (`services/link/`); web/ folders are written out.
    const mentioned = (folder: string) => document.includes(folder) || document.includes(folder.replace(/^src\//, ''));
    expect(folders.filter((folder) => !mentioned(folder))).toEqual([]);
  });
});

function walkFolders(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !SKIPPED_DIRS.has(entry.name))
    .flatMap((entry) => [path.join(dir, entry.name), ...walkFolders(path.join(dir, entry.name))]);
}

describe('import extraction', () => {
  // `import { type U }` still loads its module under verbatimModuleSyntax (`import {} from`), so
  // only `import type` may reach a module a layer imports as types only.
  it('sees multi-line, type-only, side-effect and dynamic imports', () => {
    const text = [
      "import { a,\n  b } from './x.js';",
      "import type { T } from '../y.js';",
      "import { type U, type V } from './z.js';",
      "import { type W, w } from './mixed.js';",
      "import './styles.css';",
      "export { q } from 'pkg/sub';",
      "const m = await import('./lazy.js');",
    ].join('\n');
    expect(importsOf(text)).toEqual([
      { specifier: './x.js', typesOnly: false },
      { specifier: '../y.js', typesOnly: true },
      { specifier: './z.js', typesOnly: false },
      { specifier: './mixed.js', typesOnly: false },
      { specifier: 'pkg/sub', typesOnly: false },
      { specifier: './styles.css', typesOnly: false },
      { specifier: './lazy.js', typesOnly: false },
    ]);
  });
});
