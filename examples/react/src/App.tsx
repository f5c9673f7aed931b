import { useEffect, useState } from 'react';
import { CodatConnections } from './CodatConnections';
import { CodatLink } from './CodatLink';

/**
 * The page: your backend (never the browser) calls Doorway's `GET /companies/{companyId}/accessToken`
 * with its API key and hands the token to the page; `/api/doorway-token` stands for that route.
 */
export function App({ companyId }: { companyId: string }) {
  const [accessToken, setAccessToken] = useState<string | null>(null);
  const [view, setView] = useState<'link' | 'connections' | 'done'>('link');

  useEffect(() => {
    void fetch(`/api/doorway-token?companyId=${encodeURIComponent(companyId)}`)
      .then((response) => response.json())
      .then((body: { accessToken: string }) => setAccessToken(body.accessToken));
  }, [companyId]);

  if (!accessToken) return <p>Loading…</p>;
  if (view === 'done') return <button onClick={() => setView('connections')}>Manage your connections</button>;
  if (view === 'connections') {
    return (
      <CodatConnections
        accessToken={accessToken}
        onDisconnect={({ connectionId }) => console.log('disconnected', connectionId)}
        onReconnect={({ connectionId }) => console.log('reconnected', connectionId)}
        onClose={() => setView('done')}
        onError={(error) => console.error(error.message)}
      />
    );
  }
  return (
    <CodatLink
      companyId={companyId}
      accessToken={accessToken}
      onConnection={(connection) => console.log('connected', connection.connectionId, connection.platformName)}
      onFinish={() => setView('done')}
      onClose={() => setView('done')}
      onError={(error) => {
        console.error(error.message);
        if (!error.userRecoverable) setView('done');
      }}
    />
  );
}
