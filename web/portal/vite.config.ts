import { fileURLToPath } from 'node:url';
import { defineConfig, type UserConfig } from 'vite';
import preact from '@preact/preset-vite';
import { dwTokens } from '../ui/vite-tokens-plugin.ts';

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

/**
 * Builds the Portal into exactly two stable files, dist/web/portal/portal.js and portal.css,
 * served at /portal/assets/ by the server's HTML shell (src/http/portal/portal-shell.ts). Like
 * the Link UI: no hashes, no HTML output, no code splitting, no source maps. The palette is
 * scoped to the Portal's page and to the Link UI it renders as the live preview (`.dw-link`).
 */
const config = {
  root: here('.'),
  base: '/portal/assets/',
  publicDir: false,
  plugins: [
    preact({ devToolsEnabled: false, prefreshEnabled: false, reactAliasesEnabled: false }),
    dwTokens('html.dw-portal-page, .dw-portal, .dw-link'),
  ],
  build: {
    outDir: here('../../dist/web/portal'),
    emptyOutDir: true,
    cssCodeSplit: false,
    modulePreload: false,
    sourcemap: false,
    manifest: false,
    assetsInlineLimit: 0,
    reportCompressedSize: true,
    rolldownOptions: {
      input: here('src/main.tsx'),
      output: { format: 'es', entryFileNames: 'portal.js', assetFileNames: 'portal.[ext]', codeSplitting: false },
    },
  },
} satisfies UserConfig;

export default defineConfig(({ command }) => {
  // Always the production build (see web/link/vite.config.ts for why NODE_ENV is set here).
  if (command === 'build') process.env.NODE_ENV = 'production';
  return config;
});
