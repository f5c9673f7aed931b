import { formatTable, type Verdict } from './measure.js';
import { measurePageTransferSize, type TransferSize } from './link-size.js';

/** The budget for the Portal's JavaScript and CSS, gzipped. */
export const PORTAL_ASSETS_MAX_KB = 100;
const KB = 1024;
const PORTAL_ASSETS = ['/portal/assets/portal.js', '/portal/assets/portal.css'];

export interface PortalSizeResult {
  transfer: TransferSize;
  /** portal.js + portal.css, gzipped, in KB: what the budget counts. */
  assetsGzipKb: number;
  maxKb: number;
  verdict: Verdict;
  /** The same measurement of a Hosted Link page in the same run: the app the Portal embeds as its preview. */
  linkReferenceGzipKb: number;
}

/**
 * What a browser downloads to open the Portal (HTML shell, portal.js, portal.css), as sent with
 * `Accept-Encoding: gzip`, next to the Link page's own weight measured the same way.
 */
export async function measurePortalSize(baseUrl: string, linkTransfer: TransferSize): Promise<PortalSizeResult> {
  // The favicon is fetched too (the page names it), but the budget counts the app's JS and CSS.
  const transfer = await measurePageTransferSize(baseUrl, { label: 'GET /portal (HTML)', path: '/portal' }, [...PORTAL_ASSETS, '/favicon.ico']);
  const assetsGzipBytes = transfer.files.filter((file) => PORTAL_ASSETS.includes(file.path)).reduce((sum, file) => sum + file.gzipBytes, 0);
  const assetsGzipKb = assetsGzipBytes / KB;
  return {
    transfer,
    assetsGzipKb,
    maxKb: PORTAL_ASSETS_MAX_KB,
    verdict: assetsGzipKb <= PORTAL_ASSETS_MAX_KB ? 'PASS' : 'MISS',
    linkReferenceGzipKb: linkTransfer.totalGzipBytes / KB,
  };
}

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const decimal = (value: number) => value.toFixed(1);

export function formatPortalSize(result: PortalSizeResult): string {
  const rows = result.transfer.files.map((file) => [
    file.label,
    integer.format(file.rawBytes),
    integer.format(file.gzipBytes),
    decimal(file.gzipBytes / KB),
    file.gzippedBy === 'server' ? 'by the server' : `by the bench (server sent ${file.contentEncoding})`,
  ]);
  rows.push(['portal.js + portal.css', '', '', decimal(result.assetsGzipKb), `target ≤ ${result.maxKb} KB: ${result.verdict}`]);
  rows.push(['Hosted Link page, same run (reference)', '', '', decimal(result.linkReferenceGzipKb), 'HTML + link.js + link.css']);
  const lines = formatTable(['Portal transfer (Accept-Encoding: gzip)', 'bytes', 'gzip bytes', 'gzip KB', 'gzipped'], rows, [false, true, true, true, false]);
  if (result.transfer.unmeasuredReferences.length > 0) lines.push(`  ! the HTML also references ${result.transfer.unmeasuredReferences.join(', ')}, not counted`);
  return lines.join('\n');
}
