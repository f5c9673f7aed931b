import type { ComponentChildren } from 'preact';
import { ErrorNotice } from '../../../ui/src/components/ErrorNotice';
import { Header, type HeaderProps } from './Header';

export interface LayoutProps {
  header: HeaderProps;
  busy: boolean;
  error: string;
  /** Buttons inside the error notice (e.g. Embedded Link's "Try again" after a closed popup). */
  errorActions?: ComponentChildren;
  /** Short status messages for screen readers (e.g. "Xero was disconnected."). */
  status: string;
  children: ComponentChildren;
  /** Rendered inside <main> after the card, e.g. dialogs. */
  overlays?: ComponentChildren;
  /** Inside another page (the Portal's preview): that page has the landmarks, so no <main> here. */
  embedded?: boolean | undefined;
}

/** The page frame shared by every screen; it stays mounted so its live regions persist. */
export function Layout({ header, busy, error, errorActions, status, children, overlays, embedded = false }: LayoutProps) {
  const Main = embedded ? 'div' : 'main';
  return (
    <div class="dw-shell">
      <Header {...header} embedded={embedded} />
      <Main class="dw-main" aria-busy={busy ? 'true' : undefined}>
        <div class="dw-card">
          <div class={busy ? 'dw-progress dw-progress--on' : 'dw-progress'} aria-hidden="true" />
          {children}
          <ErrorNotice message={error}>{errorActions}</ErrorNotice>
          <div class="dw-vh" role="status" aria-live="polite" aria-atomic="true">
            {status}
          </div>
        </div>
        {overlays}
      </Main>
    </div>
  );
}
