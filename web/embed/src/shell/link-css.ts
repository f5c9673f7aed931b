// The Link UI's styles as text, for the shadow root's constructable stylesheets: the same files,
// in the same order, as web/link/src/styles.ts imports for the hosted page (keep the two lists
// together). `?inline` makes Vite hand over the processed CSS as a string instead of emitting a
// file; web/embed/vite.config.ts drops the UI's plain CSS imports, so nothing is loaded twice.
import { tokensCss } from '../../../ui/src/tokens';
import components from '../../../ui/src/components.css?inline';
import frame from '../../../link/src/styles/frame.css?inline';
import categories from '../../../link/src/styles/categories.css?inline';
import forms from '../../../link/src/styles/forms.css?inline';
import embedded from '../../../link/src/styles/embedded.css?inline';

/** The palette is scoped to the mount's root, as in every Link UI (`.dw-link`). */
export const LINK_UI_CSS: readonly string[] = [tokensCss('.dw-link'), components, frame, categories, forms, embedded];
