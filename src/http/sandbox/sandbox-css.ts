import { tokensCss } from '../../../web/ui/src/tokens.js';

/**
 * The Sandbox pages' stylesheet, served from /sandbox/assets/sandbox.css so the pages' CSP can be
 * `style-src 'self'` (no inline styles, no scripts anywhere). Mobile first: one column, 44 px tap
 * targets, system fonts, visible focus, dark mode, and no layout that needs JavaScript. The
 * palette is Doorway's one palette (web/ui/src/tokens.ts), dark mode included.
 */
export const SANDBOX_CSS = `
${tokensCss(':root', { darkMode: true })}*, *::before, *::after { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body {
  margin: 0;
  min-height: 100vh;
  background: var(--dw-page);
  color: var(--dw-ink);
  font: 16px/1.5 var(--dw-font-body);
  display: flex;
  justify-content: center;
  padding: 1rem;
}
main {
  width: 100%;
  max-width: 32rem;
  background: var(--dw-card);
  border: 1px solid var(--dw-line);
  border-radius: var(--dw-radius-lg);
  padding: 1.25rem;
  align-self: flex-start;
  margin-top: 2vh;
}
@media (min-width: 40rem) { main { padding: 2rem; margin-top: 8vh; } }
h1 { font-size: 1.375rem; line-height: 1.3; margin: 0.25rem 0 0.75rem; }
p { margin: 0 0 1rem; }
.muted { color: var(--dw-muted); font-size: 0.9375rem; }
.badge {
  display: inline-block;
  margin: 0;
  padding: 0.125rem 0.5rem;
  border-radius: var(--dw-radius-pill);
  background: var(--dw-warn-bg);
  color: var(--dw-warn);
  font-size: 0.8125rem;
  font-weight: 600;
}
.alert {
  border: 1px solid var(--dw-line);
  border-left: 4px solid var(--dw-warn);
  border-radius: var(--dw-radius-sm);
  padding: 0.75rem;
}
fieldset { border: 0; margin: 0 0 1.25rem; padding: 0; min-width: 0; }
legend { font-weight: 600; padding: 0; margin-bottom: 0.5rem; }
.option { position: relative; margin-bottom: 0.5rem; }
.option input { position: absolute; top: 1.05rem; left: 0.9rem; width: 1.25rem; height: 1.25rem; margin: 0; accent-color: var(--dw-primary); }
.option label {
  display: block;
  min-height: 44px;
  padding: 0.75rem 0.75rem 0.75rem 2.75rem;
  border: 1px solid var(--dw-line);
  border-radius: var(--dw-radius-md);
  cursor: pointer;
}
.option input:checked + label { border-color: var(--dw-primary); background: var(--dw-selected); }
.option input:focus-visible + label { outline: var(--dw-focus-width) solid var(--dw-accent); outline-offset: var(--dw-focus-offset); }
.option .name { display: block; font-weight: 600; }
.option .detail { display: block; color: var(--dw-muted); font-size: 0.875rem; }
ul.scopes { margin: 0 0 1.25rem; padding-left: 1.25rem; }
.actions { display: flex; flex-direction: column; gap: 0.5rem; }
@media (min-width: 30rem) { .actions { flex-direction: row; flex-wrap: wrap; } }
button {
  min-height: 44px;
  padding: 0.625rem 1.125rem;
  border-radius: var(--dw-radius-md);
  border: 1px solid var(--dw-line);
  background: var(--dw-card);
  color: var(--dw-ink);
  font: inherit;
  font-weight: 600;
  cursor: pointer;
}
button.primary { background: var(--dw-primary); border-color: var(--dw-primary); color: var(--dw-on-primary); }
button.quiet { border-style: dashed; color: var(--dw-muted); }
button:focus-visible { outline: var(--dw-focus-width) solid var(--dw-accent); outline-offset: var(--dw-focus-offset); }
code { font-size: 0.875rem; overflow-wrap: anywhere; }
`;
