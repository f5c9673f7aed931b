// The Link UI's stylesheets, for every entry that renders it (mount.tsx, preview/): the palette
// first (web/ui/src/tokens.ts, see web/ui/vite-tokens-plugin.ts), then the shared components'
// styles, then the Link's own. web/embed/src/shell/link-css.ts lists the same files for the Link SDK.
import 'virtual:dw-tokens.css';
import '../../ui/src/components.css';
import './styles/frame.css';
import './styles/categories.css';
import './styles/forms.css';
import './styles/embedded.css';
