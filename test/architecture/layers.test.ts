/**
 * The layer rules of docs/ARCHITECTURE.md, checked on every import in src/: a violation fails
 * the build instead of waiting for a reviewer to notice.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve('src');

/** Which top-level folders of src/ each layer may import from (besides itself and node:/packages). */
const ALLOWED: Record<string, string[]> = {
  domain: [],
  security: [],
  config: [],
  providers: ['domain'],
  jobs: ['domain'],
  outbound: ['domain'],
  storage: ['domain', 'config'], // config: only the DatabaseConfig type
  services: ['domain', 'providers', 'security', 'storage'],
  // wire: Codat's wire format; services only for the one view type it renders (see FORBIDDEN_PATHS).
  wire: ['domain', 'providers', 'services'],
  webhooks: ['domain', 'storage', 'security', 'services', 'wire', 'jobs', 'outbound'],
  http: ['domain', 'providers', 'services', 'wire'],
  bootstrap: ['config', 'domain', 'http', 'providers', 'security', 'services', 'storage', 'webhooks', 'jobs', 'outbound'],
  bench: [],
};

/** Files outside src/ a layer may import: the server pages share the UI's palette (plain data). */
const ALLOWED_OUTSIDE_SRC: Record<string, string[]> = {
  http: [path.join('..', 'web', 'ui', 'src', 'tokens.js')],
};

/** Narrower rules inside a layer: the concrete storage is for bootstrap only. */
const FORBIDDEN_PATHS: Array<{ from: string; to: string; why: string }> = [
  { from: 'services', to: 'storage/kysely', why: 'services use storage through ports.ts only' },
  { from: 'http', to: 'storage/kysely', why: 'HTTP reaches storage only through services' },
  { from: 'services', to: 'http', why: 'use-cases know nothing of HTTP' },
  { from: 'webhooks', to: 'storage/kysely', why: 'the worker uses the store port' },
  { from: 'wire', to: 'services/', why: 'the wire format renders domain values; only services/integrations/integration-view is allowed (a type)' },
];

/** Imports a narrower rule forbids but that are known and justified. */
const ALLOWED_EXCEPTIONS = new Set([
  // IntegrationView pairs a provider (providers/) with a client's settings; domain cannot hold it.
  `${path.join('wire', 'codat', 'integrations.ts')} → ${path.join('services', 'integrations', 'integration-view.js')}`,
]);

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

function relativeImports(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s+['"](\.[^'"]+)['"]/gm)].map((m) => m[1]!);
  return specifiers.map((specifier) => path.relative(SRC, path.resolve(path.dirname(file), specifier)));
}

const layerOf = (relative: string) => relative.split(path.sep)[0]!;

describe('layer rules', () => {
  const files = sourceFiles(SRC);

  it('finds the source tree', () => {
    expect(files.length).toBeGreaterThan(100);
  });

  it('imports only from allowed layers', () => {
    const violations: string[] = [];
    for (const file of files) {
      const from = path.relative(SRC, file);
      const layer = layerOf(from);
      if (!(layer in ALLOWED)) continue; // main.ts: the entry point
      for (const target of relativeImports(file)) {
        const targetLayer = layerOf(target);
        if (targetLayer === layer || ALLOWED_OUTSIDE_SRC[layer]?.includes(target)) continue;
        if (!ALLOWED[layer]!.includes(targetLayer)) violations.push(`${from} → ${target}`);
        for (const rule of FORBIDDEN_PATHS) {
          if (layer === rule.from && target.startsWith(rule.to) && !ALLOWED_EXCEPTIONS.has(`${from} → ${target}`)) {
            violations.push(`${from} → ${target} (${rule.why})`);
          }
        }
      }
    }
    expect(violations).toEqual([]);
  });

  it('keeps domain/ free of I/O and frameworks', () => {
    const offenders = files
      .filter((file) => layerOf(path.relative(SRC, file)) === 'domain')
      .filter((file) => /from ['"](hono|kysely|pg|better-sqlite3|pino|node:(fs|http|https|net))['"/]/.test(fs.readFileSync(file, 'utf8')));
    expect(offenders.map((file) => path.relative(SRC, file))).toEqual([]);
  });
});
