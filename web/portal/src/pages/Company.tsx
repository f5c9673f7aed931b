import { useState } from 'preact/hooks';
import { Button } from '../../../ui/src/components/Button';
import { CopyField } from '../../../ui/src/components/CopyField';
import { ErrorNotice } from '../../../ui/src/components/ErrorNotice';
import { Modal } from '../../../ui/src/components/Modal';
import type { PortalCompanyDetail } from '../../../../src/wire/portal/companies';
import { PortalApiError } from '../api';
import { CompanyConnections } from '../companies/CompanyConnections';
import { CompanyDetailsForm } from '../companies/CompanyDetailsForm';
import { CompanyEvents } from '../companies/CompanyEvents';
import { formatDate } from '../companies/format';
import { Link } from '../layout/Link';
import { PageHeader } from '../layout/PageHeader';
import { usePortal } from '../portal-context';
import { navigate } from '../router';
import { useResource } from '../use-resource';

/** One company: its Link URL, details, connections with token health, and event history. */
export function Company() {
  const { api, params, can } = usePortal();
  const companyId = params.companyId ?? '';
  const company = useResource<PortalCompanyDetail>(`/companies/${encodeURIComponent(companyId)}`);
  const [version, setVersion] = useState(0);
  const [deleting, setDeleting] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const changed = () => {
    setVersion((v) => v + 1);
    void company.reload();
  };
  const remove = async () => {
    setBusy(true);
    try {
      await api.del(`/companies/${companyId}`);
      navigate('/companies');
    } catch (failure) {
      setDeleting(false);
      setError(failure instanceof PortalApiError ? failure.message : 'The company could not be deleted. Try again.');
    } finally {
      setBusy(false);
    }
  };

  if (company.error && !company.data) {
    return (
      <>
        <PageHeader title={company.error.status === 404 ? 'Company not found' : 'Company'} />
        <ErrorNotice message={company.error.status === 404 ? 'There is no such company in your account.' : company.error.message} />
        <p>
          <Link href="/companies">Back to Companies</Link>
        </p>
      </>
    );
  }
  const data = company.data;
  if (!data) return <p class="pt-loading">Loading…</p>;
  return (
    <>
      <p class="pt-breadcrumb">
        <Link href="/companies">Companies</Link>
      </p>
      <PageHeader title={data.name} intro={`Created ${formatDate(data.created)}`}>
        {can('developer') ? (
          <Button variant="danger" onClick={() => setDeleting(true)}>
            Delete company
          </Button>
        ) : null}
      </PageHeader>
      <ErrorNotice message={error} />
      <section class="pt-card" aria-labelledby="pt-link-title">
        <h2 id="pt-link-title">Link URL</h2>
        <CopyField label="Link URL" value={data.linkUrl} />
      </section>
      <CompanyConnections company={data} onChanged={changed} />
      <CompanyDetailsForm key={data.modified} company={data} onSaved={changed} />
      <CompanyEvents companyId={data.id} version={version} />
      <Modal
        open={deleting}
        danger
        busy={busy}
        title={`Delete ${data.name}?`}
        body="The company, its connections and their tokens are removed, and the tokens are revoked at the platforms. This cannot be undone."
        confirmLabel="Delete company"
        cancelLabel="Keep it"
        onConfirm={() => void remove()}
        onClose={() => setDeleting(false)}
      />
    </>
  );
}
