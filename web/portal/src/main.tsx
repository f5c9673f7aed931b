import { render } from 'preact';
import type { PortalBootstrap } from '../../../src/wire/portal/session';
import { PortalApp } from './app';
// The palette first, then the shared components' styles, then the Portal's own.
import 'virtual:dw-tokens.css';
import '../../ui/src/components.css';
import './styles/portal.css';
import './styles/companies.css';

const target = document.getElementById('doorway-portal');
const data = document.getElementById('doorway-portal-bootstrap')?.textContent;
if (target && data) {
  target.classList.add('dw-portal');
  render(<PortalApp bootstrap={JSON.parse(data) as PortalBootstrap} />, target);
}
