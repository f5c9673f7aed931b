import type { SandboxDataset } from '../../providers/sandbox/datasets.js';
import { SANDBOX_SCOPE_DESCRIPTIONS } from '../../providers/sandbox/sandbox-endpoints.js';
import type { SandboxAuthorizationRequest } from './authorization-request.js';

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Everything interpolated into the pages goes through this: text and attribute values alike. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => ESCAPES[character] ?? character);
}

/**
 * Relative to /sandbox/oauth/authorize, so the pages work whatever path prefix a reverse proxy
 * puts in front of Doorway.
 */
const STYLESHEET_HREF = '../assets/sandbox.css';

function layout(title: string, content: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="${STYLESHEET_HREF}">
</head>
<body>
<main>
${content}
</main>
</body>
</html>
`;
}

function hidden(name: string, value: string | null): string {
  return value === null ? '' : `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`;
}

/** What the request would read of a dataset: its invoices, or (banking only) its bank transactions. */
function datasetOption(dataset: SandboxDataset, checked: boolean, bankingOnly: boolean): string {
  const id = `dataset-${dataset.id}`;
  const volume = bankingOnly ? `${dataset.bankTransactions.length} bank transactions` : `${dataset.invoices.length} invoices`;
  const detail = `${dataset.company.name} · ${dataset.company.baseCurrency} · ${volume}`;
  return `<div class="option">
<input type="radio" id="${escapeHtml(id)}" name="dataset" value="${escapeHtml(dataset.id)}"${checked ? ' checked' : ''} required>
<label for="${escapeHtml(id)}"><span class="name">${escapeHtml(dataset.label)}</span><span class="detail">${escapeHtml(detail)}</span></label>
</div>`;
}

export interface AuthorizePageOptions {
  request: SandboxAuthorizationRequest;
  datasets: readonly SandboxDataset[];
  selectedDataset?: string;
  /** Shown above the form when a previous submission was incomplete. */
  problem?: string;
}

/** The consent page: pick a dataset, then authorize, cancel or simulate an error. No script. */
export function renderAuthorizePage(options: AuthorizePageOptions): string {
  const { request, datasets } = options;
  const selected = datasets.some((d) => d.id === options.selectedDataset) ? options.selectedDataset : datasets[0]?.id;
  const granted = request.scope.split(' ');
  const bankingOnly = granted.includes('banking.read') && !granted.includes('accounting.read');
  const scopes = request.scope
    .split(' ')
    .map((scope) => `<li>${escapeHtml(SANDBOX_SCOPE_DESCRIPTIONS[scope] ?? scope)}</li>`)
    .join('\n');
  const problem = options.problem ? `<p class="alert" role="alert">${escapeHtml(options.problem)}</p>\n` : '';
  return layout(
    'Sandbox — authorize Doorway',
    `<p class="badge">Test platform</p>
<h1>Authorize Doorway to read Sandbox data</h1>
<p class="muted">This is Doorway's simulated platform for testing. It holds sample companies only; no real data is shared.</p>
${problem}<form method="post">
${hidden('response_type', 'code')}
${hidden('client_id', request.clientId)}
${hidden('redirect_uri', request.redirectUri)}
${hidden('scope', request.scope)}
${hidden('state', request.state)}
${hidden('code_challenge', request.codeChallenge)}
${hidden('code_challenge_method', 'S256')}
<fieldset>
<legend>Sample company to share</legend>
${datasets.map((dataset) => datasetOption(dataset, dataset.id === selected, bankingOnly)).join('\n')}
</fieldset>
<p>Doorway will be able to:</p>
<ul class="scopes">
${scopes}
</ul>
<div class="actions">
<button type="submit" name="decision" value="authorize" class="primary">Authorize</button>
<button type="submit" name="decision" value="cancel" formnovalidate>Cancel</button>
<button type="submit" name="decision" value="error" class="quiet" formnovalidate>Simulate an error</button>
</div>
</form>`,
  );
}

/**
 * Shown instead of redirecting when the request cannot be trusted (unknown client, redirect URI
 * that is not Doorway's callback): sending the browser anywhere would make this an open redirect.
 */
export function renderErrorPage(message: string): string {
  return layout(
    'Sandbox — request not valid',
    `<p class="badge">Test platform</p>
<h1>This authorization request can't be completed</h1>
<p class="alert" role="alert">${escapeHtml(message)}</p>
<p class="muted">Close this page and start connecting again from the application. If it keeps happening, the application's Sandbox settings need attention.</p>`,
  );
}
