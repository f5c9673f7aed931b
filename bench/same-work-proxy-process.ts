/**
 * The proxy's minimal same-work reference, in a process of its own (as Doorway's server is): a
 * bare node:http server that checks the API key by its SHA-256 (one prepared better-sqlite3
 * statement), reads the connection's token with one more, and forwards the request through a
 * keep-alive node:http agent, streaming the answer back. No framework, no sealing, no refresh
 * check: the stack's limit for what the proxy must do.
 */
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Database from 'better-sqlite3';
import { answerParent } from './child-process.js';

type Request = { id: number; op: 'start'; upstream: string; apiKey: string; token: string } | { id: number; op: 'cpu' } | { id: number; op: 'close' };

let server: http.Server | undefined;
const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

function start(upstream: URL, apiKey: string, token: string): Promise<string> {
  const db = new Database(':memory:');
  db.exec('CREATE TABLE api_keys (hash TEXT PRIMARY KEY, client_id TEXT); CREATE TABLE tokens (connection_id TEXT PRIMARY KEY, client_id TEXT, token TEXT)');
  const hash = (value: string) => createHash('sha256').update(value).digest('hex');
  db.prepare('INSERT INTO api_keys VALUES (?, ?)').run(hash(apiKey), 'client-1');
  db.prepare('INSERT INTO tokens VALUES (?, ?, ?)').run('connection-1', 'client-1', token);
  const keyLookup = db.prepare<[string], { client_id: string }>('SELECT client_id FROM api_keys WHERE hash = ?');
  const tokenLookup = db.prepare<[string, string], { token: string }>('SELECT token FROM tokens WHERE connection_id = ? AND client_id = ?');
  server = http.createServer({ keepAliveTimeout: 60_000 }, (request, response) => {
    const key = /^Basic (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    const client = key ? keyLookup.get(hash(Buffer.from(key, 'base64').toString())) : undefined;
    const row = client ? tokenLookup.get('connection-1', client.client_id) : undefined;
    if (!row) return void response.writeHead(401).end();
    const forward = http.request(
      { host: upstream.hostname, port: upstream.port, path: `${upstream.pathname}${(request.url ?? '/').replace(/^\/proxy/, '')}`, method: request.method, agent, headers: { authorization: `Bearer ${row.token}` } },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      },
    );
    forward.on('error', () => response.writeHead(502).end());
    request.pipe(forward);
  });
  return new Promise((resolve) => server!.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server!.address() as AddressInfo).port}`)));
}

answerParent<Request>(
  'bench/same-work-proxy-process',
  async (request) => {
    if (request.op === 'start') return start(new URL(request.upstream), request.apiKey, request.token);
    if (request.op === 'cpu') {
      const usage = process.cpuUsage();
      return usage.user + usage.system;
    }
    server?.closeAllConnections();
    server?.close();
    agent.destroy();
    return null;
  },
  async () => undefined,
);
