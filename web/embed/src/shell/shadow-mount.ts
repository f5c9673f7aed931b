/**
 * The isolation every Doorway embed gets (docs/embedded-link.md, "Styles and CSP"): the UI lives
 * in a shadow root, so the host page's selectors never reach it and its own never leave it.
 *
 * The shadow root is attached to a `<doorway-embed>` element appended to the target rather than
 * to the target itself: a target may already have a shadow root or content of its own, and a
 * remount (Codat's way to change props) must be able to start from a clean host. A custom element
 * name also keeps host rules such as `div { display: none }` off the host.
 */

/** Resets everything the host inherits into the shadow tree (font, colour, line height, …). */
const HOST_CSS = ':host { all: initial; display: block; width: 100%; height: 100%; }';

export interface ShadowMountOptions {
  /** The stylesheets, in cascade order. */
  css: readonly string[];
  /** The host page's CSP nonce, for the `<style>` element of a browser without constructable stylesheets. */
  nonce?: string | undefined;
}

export interface ShadowMount {
  readonly shadowRoot: ShadowRoot;
  /** Where the UI renders: the only child of the shadow root besides a fallback `<style>`. */
  readonly container: HTMLElement;
  /** Removes the host element and everything in it. */
  remove(): void;
}

// One CSSStyleSheet per text, shared by every mount on the page (adopting is by reference).
const sheets = new Map<string, CSSStyleSheet>();

function constructableSheetsSupported(root: ShadowRoot): boolean {
  try {
    return 'adoptedStyleSheets' in root && typeof CSSStyleSheet === 'function' && 'replaceSync' in CSSStyleSheet.prototype;
  } catch {
    return false;
  }
}

function sheetFor(cssText: string): CSSStyleSheet {
  let sheet = sheets.get(cssText);
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(cssText);
    sheets.set(cssText, sheet);
  }
  return sheet;
}

/**
 * Constructable stylesheets are not governed by the page's CSP `style-src` (no element, no
 * inline text), so under a strict CSP without a nonce they still apply. The fallback `<style>`
 * is inline style, allowed only with the nonce the page passes in options.
 */
function applyStyles(root: ShadowRoot, options: ShadowMountOptions): void {
  const all = [HOST_CSS, ...options.css];
  if (constructableSheetsSupported(root)) {
    root.adoptedStyleSheets = all.map(sheetFor);
    return;
  }
  const style = document.createElement('style');
  if (options.nonce) style.nonce = options.nonce;
  style.textContent = all.join('\n');
  root.append(style);
}

export function mountShadow(target: HTMLElement, options: ShadowMountOptions): ShadowMount {
  if (!(target instanceof HTMLElement)) throw new TypeError('Doorway: target must be an HTML element.');
  const host = document.createElement('doorway-embed');
  const shadowRoot = host.attachShadow({ mode: 'open' });
  applyStyles(shadowRoot, options);
  const container = document.createElement('div');
  shadowRoot.append(container);
  target.append(host);
  return { shadowRoot, container, remove: () => host.remove() };
}
