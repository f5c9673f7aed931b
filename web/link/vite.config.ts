import { fileURLToPath } from 'node:url';
import { defineConfig, type UserConfig } from 'vite';
import preact from '@preact/preset-vite';
import { dwTokens } from '../ui/vite-tokens-plugin.ts';

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

const plugins = () => [
  preact({ devToolsEnabled: false, prefreshEnabled: false, reactAliasesEnabled: false }),
  // Scoped to the mount target (and the hosted page's <html>), so an embedding page is untouched.
  dwTokens('.dw-link, html.dw-link-page'),
];

/**
 * Builds the Link UI into exactly two stable files, dist/web/link/link.js and link.css. The
 * server's HTML shell references them by these fixed names (served at /link/assets/), so there
 * are no hashes, no HTML output, no code splitting and no source maps.
 */
const hosted = {
  root: here('.'),
  base: '/link/assets/',
  publicDir: false,
  plugins: plugins(),
  build: {
    outDir: here('../../dist/web/link'),
    emptyOutDir: true,
    cssCodeSplit: false,
    modulePreload: false,
    sourcemap: false,
    manifest: false,
    // Everything stays in link.js/link.css: no font or image files and no data: URLs to allow in CSP.
    assetsInlineLimit: 0,
    reportCompressedSize: true,
    // `rolldownOptions` is Vite 8's name for the former `rollupOptions`.
    rolldownOptions: {
      input: here('src/main.tsx'),
      output: {
        format: 'es',
        entryFileNames: 'link.js',
        assetFileNames: 'link.[ext]',
        codeSplitting: false,
      },
    },
  },
} satisfies UserConfig;

export default defineConfig(({ command }) => {
  // The build is always the production one, even when a caller runs it with NODE_ENV=test (vitest)
  // or development: otherwise the Preact preset emits the larger development JSX. Vite reads
  // NODE_ENV after loading this file, and documents setting it here as the way to force it.
  if (command === 'build') process.env.NODE_ENV = 'production';
  return hosted;
});
