import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { Hidden } from '../../../ui/src/components/Button';
import { Link } from './Link';
import { NAV_GROUPS, ROUTES } from '../routes';
import { usePortal } from '../portal-context';

/**
 * The frame of every signed-in page: a skip link, the header (client, user, sign-out), the
 * navigation (a sidebar on wide screens, a menu button on phones) and the main region.
 */
export function PortalLayout({ currentPattern, onSignOut, children }: { currentPattern: string | undefined; onSignOut: (everywhere: boolean) => void; children: ComponentChildren }) {
  const { session, can } = usePortal();
  const [menuOpen, setMenuOpen] = useState(false);
  return (
    <div class="pt-frame">
      <a class="pt-skip" href="#pt-main">
        Skip to content
      </a>
      <header class="pt-header">
        <div class="pt-brand">
          <span class="pt-brand-name">Doorway</span>
          <span class="pt-brand-client">{session.client.name}</span>
        </div>
        <button type="button" class="pt-menu-button" aria-expanded={menuOpen} aria-controls="pt-nav" onClick={() => setMenuOpen(!menuOpen)}>
          Menu
        </button>
        <Account class="pt-user" email={session.user.email} role={session.user.role} onSignOut={onSignOut} />
      </header>
      <div class="pt-body">
        <nav id="pt-nav" class={`pt-nav${menuOpen ? ' pt-nav--open' : ''}`} aria-label="Portal">
          {NAV_GROUPS.map((group) => {
            const items = ROUTES.filter((route) => route.nav?.group === group && (!route.minRole || can(route.minRole)));
            if (items.length === 0) return null;
            return (
              <div class="pt-nav-group" key={group}>
                <h2 class="pt-nav-heading">{group}</h2>
                <ul>
                  {items.map((route) => (
                    <li key={route.pattern}>
                      <Link href={route.pattern} aria-current={route.pattern === currentPattern ? 'page' : undefined} onClick={() => setMenuOpen(false)}>
                        {route.nav!.label}
                      </Link>
                    </li>
                  ))}
                </ul>
              </div>
            );
          })}
          {/* On a phone the header has no room: the account controls live at the end of the menu. */}
          <Account class="pt-nav-account" email={session.user.email} role={session.user.role} onSignOut={onSignOut} />
        </nav>
        <main id="pt-main" class="pt-main">
          {children}
        </main>
      </div>
    </div>
  );
}

function Account({ class: className, email, role, onSignOut }: { class: string; email: string; role: string; onSignOut: (everywhere: boolean) => void }) {
  return (
    <div class={className}>
      <Link href="/account" class="pt-user-email">
        {email}
        <Hidden> (your account)</Hidden>
      </Link>
      <span class="dw-badge dw-badge--neutral">{role}</span>
      <button type="button" class="pt-link-button" onClick={() => onSignOut(false)}>
        Sign out
      </button>
      <button type="button" class="pt-link-button" onClick={() => onSignOut(true)}>
        Sign out everywhere
      </button>
    </div>
  );
}
