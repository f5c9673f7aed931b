import { Button, Hidden } from '../../../ui/src/components/Button';
import { PlatformLogo } from '../../../ui/src/components/PlatformLogo';
import type { CustomerConnection, LinkCategoryKey } from '../../../../src/wire/link/link-api-schemas';
import { copy } from './copy';

export interface ConnectionListProps {
  connections: CustomerConnection[];
  /** The client's `{category}.connectionDetails.dataTypes`: what each category shares. */
  dataTypes: Partial<Record<LinkCategoryKey, string[]>>;
  busyId: string | null;
  onDisconnect: (connection: CustomerConnection) => void;
  onReconnect: (connection: CustomerConnection) => void;
}

const formatDate = (iso: string): string => new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' }).format(new Date(iso));

function Row({ connection, dataTypes, busyId, onDisconnect, onReconnect }: Omit<ConnectionListProps, 'connections'> & { connection: CustomerConnection }) {
  const linked = connection.status === 'Linked';
  const shares = connection.category ? dataTypes[connection.category] : undefined;
  const categoryName = copy(connection.category ? `category.${connection.category}` : 'category.other');
  return (
    <li class="dw-conn-row" data-connection-id={connection.id}>
      <PlatformLogo src={connection.logoUrl} size={40} />
      <div class="dw-conn-info">
        <span class="dw-connection-name">{connection.platformName}</span>
        <span class="dw-conn-meta">
          <span>{categoryName}</span>
          {/* Colour and words, never colour alone: the Link UI's status pills and words. */}
          <span class={`dw-pill dw-pill--${connection.status}`}>{copy(`status.${connection.status}`)}</span>
        </span>
        {connection.linkedAt ? (
          <span class="dw-muted">
            {copy('firstAuthorized')} <time dateTime={connection.linkedAt}>{formatDate(connection.linkedAt)}</time>
          </span>
        ) : null}
        {shares && shares.length > 0 ? (
          <span class="dw-muted">
            {copy('shares')}: {shares.join(', ')}
          </span>
        ) : null}
      </div>
      {/* One button whose action follows the status, so focus stays on it when the status changes. */}
      <Button
        variant={linked ? 'quiet' : 'secondary'}
        class="dw-conn-action"
        busy={busyId !== null}
        aria-haspopup={linked ? 'dialog' : undefined}
        onClick={() => (linked ? onDisconnect(connection) : onReconnect(connection))}
      >
        {linked ? copy('disconnect') : copy('reconnect')}
        <Hidden> {connection.platformName}</Hidden>
      </Button>
    </li>
  );
}

/** The customer's connections, or the empty state. */
export function ConnectionList(props: ConnectionListProps) {
  if (props.connections.length === 0) {
    return (
      <div class="dw-conn-empty">
        <h3>{copy('empty')}</h3>
        <p class="dw-muted">{copy('emptyBody')}</p>
      </div>
    );
  }
  return (
    <ul class="dw-conn-list">
      {props.connections.map((connection) => (
        <Row key={connection.id} connection={connection} {...props} />
      ))}
    </ul>
  );
}
