import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin, type UserConfig } from 'vite';
import preact from '@preact/preset-vite';

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

/** Each module Doorway serves for Embedded Link, by `--mode`. */
const MODULES = {
  'link-sdk': here('src/link-sdk.tsx'),
  'connections-sdk': here('src/connections-sdk.tsx'),
} as const;

const DROPPED_CSS = '\0dw-embed-dropped-css';

/**
 * The Link UI imports its stylesheets for the page it renders in (web/link/src/styles.ts). In a
 * shadow root those would style nothing, and as a separate file they would break "one
 * self-contained module", so this build drops them: the shell adopts the same CSS as strings
 * (`?inline` imports in src/shell/link-css.ts, which keep their query and are not dropped).
 */
function dropDocumentCss(): Plugin {
  return {
    name: 'dw-embed-drop-document-css',
    enforce: 'pre',
    resolveId: (source) => (source === 'virtual:dw-tokens.css' || /\.css$/.test(source) ? DROPPED_CSS : undefined),
    load: (id) => (id === DROPPED_CSS ? 'export {};' : undefined),
  };
}

/**
 * One ES module file per SDK in dist/web/embed/ (`link-sdk.js`, `connections-sdk.js`): no chunks
 * loaded later (a deploy must never break a page holding an older version), CSS inlined as
 * strings, no source maps. Doorway serves each under a content hash (src/http/embed/).
 */
function moduleBuild(name: keyof typeof MODULES): UserConfig {
  return {
    root: here('.'),
    publicDir: false,
    plugins: [dropDocumentCss(), preact({ devToolsEnabled: false, prefreshEnabled: false, reactAliasesEnabled: false })],
    build: {
      outDir: here('../../dist/web/embed'),
      // The two modules are built one after the other into the same directory.
      emptyOutDir: false,
      sourcemap: false,
      minify: true,
      assetsInlineLimit: 0,
      reportCompressedSize: true,
      lib: { entry: MODULES[name], formats: ['es'], fileName: () => `${name}.js` },
      rolldownOptions: { output: { codeSplitting: false } },
    },
  };
}

export default defineConfig(({ command, mode }) => {
  // Always the production build (see web/link/vite.config.ts), even under vitest's NODE_ENV=test.
  if (command === 'build') process.env.NODE_ENV = 'production';
  if (!(mode in MODULES)) throw new Error(`web/embed: --mode must be one of ${Object.keys(MODULES).join(', ')}`);
  return moduleBuild(mode as keyof typeof MODULES);
});
