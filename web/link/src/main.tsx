import { mountLink } from './mount';
import type { Bootstrap } from './types';

// Hosted Link entry: the server's HTML shell carries the bootstrap data as inert JSON.
const target = document.getElementById('doorway-link');
const data = document.getElementById('doorway-link-bootstrap')?.textContent;

if (target && data) {
  // Only the hosted page may style <html>/<body>; an embedding page keeps its own.
  document.documentElement.classList.add('dw-link-page');
  mountLink(target, JSON.parse(data) as Bootstrap);
} else {
  console.error('Doorway Link: #doorway-link or #doorway-link-bootstrap is missing.');
}
