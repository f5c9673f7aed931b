import { CopyField } from '../../../ui/src/components/CopyField';
import { Modal } from '../../../ui/src/components/Modal';
import type { PortalCompanyRow } from '../../../../src/wire/portal/companies';

/**
 * Request data: the company's Link URL to send to the customer and, for every connection that
 * was started but is not (or no longer) linked, its own URL, which goes straight to that platform.
 */
export function RequestDataDialog({ company, onClose }: { company: PortalCompanyRow | undefined; onClose: () => void }) {
  const waiting = company?.connections.filter((connection) => connection.needsAttention) ?? [];
  return (
    <Modal
      open={company !== undefined}
      wide
      title={company ? `Request data from ${company.name}` : 'Request data'}
      body="Send your customer this Link URL: they choose their platforms and connect them."
      cancelLabel="Done"
      onClose={onClose}
    >
      {company ? (
        <div class="pt-request-data">
          <CopyField label="Link URL" value={company.linkUrl} />
          {waiting.length > 0 ? <p class="pt-muted">These connections were started but are not linked: each URL goes straight to its platform.</p> : null}
          {waiting.map((connection) => (
            <CopyField key={connection.id} label={`${connection.platformName} connection URL (${connection.status})`} value={connection.linkUrl} badge="Needs attention" />
          ))}
        </div>
      ) : null}
    </Modal>
  );
}
