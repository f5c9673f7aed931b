/**
 * The Sandbox pages' stylesheet, served from /sandbox/assets/sandbox.css so the pages' CSP can be
 * `style-src 'self'` (no inline styles, no scripts anywhere). Mobile first: one column, 44 px tap
 * targets, system fonts, visible focus, dark mode, and no layout that needs JavaScript.
 */
export const SANDBOX_CSS = `
:root {
  color-scheme: light dark;
  --bg: #f4f5f7;
  --card: #ffffff;
  --text: #1d2129;
  --muted: #5a6270;
  --border: #d3d7de;
  --accent: #2454d6;
  --accent-text: #ffffff;
  --focus: #f5a623;
  --selected: #eaf0ff;
  --warning-bg: #fff4d6;
  --warning-text: #6b4b00;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #14161a;
    --card: #1e2127;
    --text: #eceef2;
    --muted: #a7aebb;
    --border: #3a3f4a;
    --accent: #7ea2ff;
    --accent-text: #0d1326;
    --selected: #26324f;
    --warning-bg: #3d3212;
    --warning-text: #ffe08a;
  }
}
*, *::before, *::after { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body {
  margin: 0;
  min-height: 100vh;
  background: var(--bg);
  color: var(--text);
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  display: flex;
  justify-content: center;
  padding: 1rem;
}
main {
  width: 100%;
  max-width: 32rem;
  background: var(--card);
  border: 1px solid var(--border);
  border-radius: 12px;
  padding: 1.25rem;
  align-self: flex-start;
  margin-top: 2vh;
}
@media (min-width: 40rem) { main { padding: 2rem; margin-top: 8vh; } }
h1 { font-size: 1.375rem; line-height: 1.3; margin: 0.25rem 0 0.75rem; }
p { margin: 0 0 1rem; }
.muted { color: var(--muted); font-size: 0.9375rem; }
.badge {
  display: inline-block;
  margin: 0;
  padding: 0.125rem 0.5rem;
  border-radius: 999px;
  background: var(--warning-bg);
  color: var(--warning-text);
  font-size: 0.8125rem;
  font-weight: 600;
}
.alert {
  border: 1px solid var(--border);
  border-left: 4px solid var(--focus);
  border-radius: 6px;
  padding: 0.75rem;
}
fieldset { border: 0; margin: 0 0 1.25rem; padding: 0; min-width: 0; }
legend { font-weight: 600; padding: 0; margin-bottom: 0.5rem; }
.option { position: relative; margin-bottom: 0.5rem; }
.option input { position: absolute; top: 1.05rem; left: 0.9rem; width: 1.25rem; height: 1.25rem; margin: 0; accent-color: var(--accent); }
.option label {
  display: block;
  min-height: 44px;
  padding: 0.75rem 0.75rem 0.75rem 2.75rem;
  border: 1px solid var(--border);
  border-radius: 8px;
  cursor: pointer;
}
.option input:checked + label { border-color: var(--accent); background: var(--selected); }
.option input:focus-visible + label { outline: 3px solid var(--focus); outline-offset: 2px; }
.option .name { display: block; font-weight: 600; }
.option .detail { display: block; color: var(--muted); font-size: 0.875rem; }
ul.scopes { margin: 0 0 1.25rem; padding-left: 1.25rem; }
.actions { display: flex; flex-direction: column; gap: 0.5rem; }
@media (min-width: 30rem) { .actions { flex-direction: row; flex-wrap: wrap; } }
button {
  min-height: 44px;
  padding: 0.625rem 1.125rem;
  border-radius: 8px;
  border: 1px solid var(--border);
  background: var(--card);
  color: var(--text);
  font: inherit;
  font-weight: 600;
  cursor: pointer;
}
button.primary { background: var(--accent); border-color: var(--accent); color: var(--accent-text); }
button.quiet { border-style: dashed; color: var(--muted); }
button:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
code { font-size: 0.875rem; overflow-wrap: anywhere; }
`;
