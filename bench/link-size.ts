import { gunzipSync, gzipSync } from 'node:zlib';
import { createKeepAliveAgent, httpRequest } from './http-client.js';

/**
 * What a browser downloads to show a company's Link page: the HTML shell plus the two built
 * assets it references, with `Accept-Encoding: gzip`. Bytes are counted as they come off the wire
 * (the client never decompresses). A response the server did not compress is gzipped here at
 * zlib's default level, which is what a compressing reverse proxy would send.
 */

export interface TransferFile {
  label: string;
  path: string;
  status: number;
  /** Bytes of the decoded body. */
  rawBytes: number;
  /** Bytes of the gzip body (as sent, or as gzipped by the bench). */
  gzipBytes: number;
  contentEncoding: string;
  /** `server`: the server sent it gzipped; `bench`: sent uncompressed, gzipped by the bench to count it. */
  gzippedBy: 'server' | 'bench';
}

export interface TransferSize {
  files: TransferFile[];
  totalRawBytes: number;
  totalGzipBytes: number;
  /** Asset paths the HTML references besides the measured ones (a sign this measurement is incomplete). */
  unmeasuredReferences: string[];
}

const LINK_ASSETS = ['/link/assets/link.js', '/link/assets/link.css'];

export function measureLinkTransferSize(baseUrl: string, companyId: string): Promise<TransferSize> {
  return measurePageTransferSize(baseUrl, { label: 'GET /link/company/{id} (HTML)', path: `/link/company/${companyId}` }, LINK_ASSETS);
}

/** A page's HTML plus the assets it loads, as they come off the wire (the Link page, the Portal). */
export async function measurePageTransferSize(baseUrl: string, page: { label: string; path: string }, assets: readonly string[], headers: Record<string, string> = {}): Promise<TransferSize> {
  const agent = createKeepAliveAgent();
  try {
    const files: TransferFile[] = [];
    const fetchOne = async (label: string, path: string) => {
      const reply = await httpRequest(agent, new URL(path, baseUrl), { headers: { ...headers, 'accept-encoding': 'gzip', accept: '*/*' } });
      if (reply.status !== 200) throw new Error(`${label}: HTTP ${reply.status}: ${reply.body.toString('utf8').slice(0, 200)}`);
      const encoding = String(reply.headers['content-encoding'] ?? 'identity').toLowerCase();
      if (encoding !== 'gzip' && encoding !== 'identity') throw new Error(`${label}: unexpected Content-Encoding ${encoding}`);
      const raw = encoding === 'gzip' ? gunzipSync(reply.body) : reply.body;
      const gzipped = encoding === 'gzip' ? reply.body : gzipSync(reply.body);
      files.push({ label, path, status: reply.status, rawBytes: raw.length, gzipBytes: gzipped.length, contentEncoding: encoding, gzippedBy: encoding === 'gzip' ? 'server' : 'bench' });
      return raw.toString('utf8');
    };
    const html = await fetchOne(page.label, page.path);
    for (const asset of assets) await fetchOne(asset, asset);
    const referenced = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1] ?? '');
    const unmeasuredReferences = referenced.filter((ref) => !assets.includes(ref));
    return {
      files,
      totalRawBytes: files.reduce((sum, f) => sum + f.rawBytes, 0),
      totalGzipBytes: files.reduce((sum, f) => sum + f.gzipBytes, 0),
      unmeasuredReferences,
    };
  } finally {
    agent.destroy();
  }
}
