import { CloseButton } from '../../../ui/src/components/CloseButton';

export interface HeaderProps {
  clientName: string;
  logoUrl: string | null;
  /** Absent on pages where leaving makes no sense (Invite, the finished page). */
  onExit?: (() => void) | undefined;
  exitLabel: string;
  /** Inside another page (the Portal's preview), whose banner is its own. */
  embedded?: boolean | undefined;
}

export function Header({ clientName, logoUrl, onExit, exitLabel, embedded = false }: HeaderProps) {
  const Banner = embedded ? 'div' : 'header';
  return (
    <Banner class="dw-header">
      <div class="dw-header-inner">
        {logoUrl ? <img class="dw-logo" src={logoUrl} alt={clientName} /> : <span class="dw-client-name">{clientName}</span>}
        {onExit ? <CloseButton class="dw-exit" label={exitLabel} opensDialog onClick={onExit} /> : null}
      </div>
    </Banner>
  );
}
