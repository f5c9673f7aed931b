import { mountLink } from './mount';
import type { LinkBootstrap } from '../../../src/wire/link/link-api-schemas';

// Hosted Link entry: the server's HTML shell carries the bootstrap data as inert JSON.
function boot(): void {
  const target = document.getElementById('doorway-link');
  const data = document.getElementById('doorway-link-bootstrap')?.textContent;
  if (!target || !data) throw new Error('#doorway-link or #doorway-link-bootstrap is missing');
  const bootstrap = JSON.parse(data) as LinkBootstrap;
  // Only the hosted page may style <html>/<body>; an embedding page keeps its own.
  document.documentElement.classList.add('dw-link-page');
  mountLink(target, bootstrap);
}

try {
  boot();
} catch (error) {
  console.error('Doorway Link could not start:', error);
}
