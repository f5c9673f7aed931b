import { useEffect, useState } from 'react';

/**
 * The Connections SDK the same way: `${DOORWAY_URL}/connections-sdk` instead of Codat's
 * https://connections-sdk.codat.io. Codat's published types (1.10.1) do not include these
 * props, so they are written out here as Doorway accepts them (web/embed/src/codat-props.ts).
 */
export interface CodatConnectionsProps {
  accessToken: string;
  onDisconnect?: (args: { connectionId: string }) => void;
  onReconnect?: (args: { connectionId: string }) => void;
  onClose?: () => void;
  onError?: (args: { correlationId?: string; message?: string; errorCode?: number; userRecoverable: boolean }) => void;
  options?: { text?: Partial<Record<string, string[]>>; nonce?: string };
}

const DOORWAY_URL = import.meta.env.VITE_DOORWAY_URL ?? 'http://localhost:3000';
const CONNECTIONS_SDK_URL = `${DOORWAY_URL}/connections-sdk`;

export function CodatConnections(props: CodatConnectionsProps) {
  const [container, setContainer] = useState<HTMLDivElement | null>(null);

  useEffect(() => {
    if (!container || container.children.length > 0) return;
    void import(/* @vite-ignore */ /* webpackIgnore: true */ CONNECTIONS_SDK_URL).then(({ CodatConnections: Connections }) => {
      new Connections({ target: container, props });
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [container]);

  return <div ref={setContainer} style={{ width: '460px', height: '840px', maxHeight: '95%' }} />;
}
