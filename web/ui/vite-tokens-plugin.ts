import type { Plugin } from 'vite';
import { tokensCss } from './src/tokens.ts';

/** What a UI imports to get the palette: `import 'virtual:dw-tokens.css'`. */
const VIRTUAL_ID = 'virtual:dw-tokens.css';
// Vite treats a module as CSS by its extension, so the resolved id keeps `.css`.
const RESOLVED_ID = '/@dw-ui/tokens.css';

/**
 * Serves the palette of web/ui/src/tokens.ts as a stylesheet, scoped to `selector`, so the
 * bundle's CSS and the server-rendered pages share one source of the values.
 */
export function dwTokens(selector: string): Plugin {
  return {
    name: 'dw-ui-tokens',
    resolveId: (id) => (id === VIRTUAL_ID ? RESOLVED_ID : undefined),
    load: (id) => (id === RESOLVED_ID ? tokensCss(selector) : undefined),
  };
}
