import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';

type FetchHandler = (request: Request) => Response | Promise<Response>;

export interface Listening {
  url: string;
  /** Swaps the handler; lets Doorway be built after its URL (its `publicUrl`) is known. */
  setHandler(handler: FetchHandler): void;
  close(): Promise<void>;
}

/** Serves `handler` on 127.0.0.1 at a free port, exactly as `main.ts` serves Doorway. */
export async function listen(handler: FetchHandler): Promise<Listening> {
  let current = handler;
  const server: ServerType = await new Promise((resolve, reject) => {
    const s = serve({ fetch: (request) => current(request), port: 0, hostname: '127.0.0.1' }, () => resolve(s));
    s.once('error', reject);
  });
  let closed: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    setHandler: (next) => {
      current = next;
    },
    close: () =>
      (closed ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        // autocannon's keep-alive sockets would otherwise hold close() open until they time out.
        if ('closeAllConnections' in server) server.closeAllConnections();
      })),
  };
}
