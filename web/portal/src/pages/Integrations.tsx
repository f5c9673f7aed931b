import { useEffect, useState } from 'preact/hooks';
import { ErrorNotice } from '../../../ui/src/components/ErrorNotice';
import type { PortalIntegrationView } from '../../../../src/wire/portal/settings';
import { PageHeader } from '../layout/PageHeader';
import { usePortal } from '../portal-context';
import { useResource } from '../use-resource';
import { IntegrationCard } from './integrations/IntegrationCard';
import '../styles/settings.css';

const GROUPS = ['Accounting', 'Banking', 'Commerce'];

/** Each platform: offered in Link or not, and for OAuth platforms the client's own app and its test. */
export function IntegrationsPage() {
  const { can } = usePortal();
  const resource = useResource<{ integrations: PortalIntegrationView[] }>('/integrations');
  const [integrations, setIntegrations] = useState<PortalIntegrationView[] | null>(null);
  useEffect(() => {
    if (resource.data) setIntegrations(resource.data.integrations);
  }, [resource.data]);

  const intro = 'Which platforms your customers can connect. An OAuth platform needs your own app at the platform: its client id and secret, and Doorway’s callback URL registered there.';
  if (resource.error && !integrations) return <><PageHeader title="Integrations" intro={intro} /><ErrorNotice message={resource.error.message} /></>;
  if (!integrations) return <><PageHeader title="Integrations" intro={intro} /><p class="pt-loading">Loading…</p></>;

  const replace = (next: PortalIntegrationView) => setIntegrations(integrations.map((i) => (i.key === next.key ? next : i)));
  const groups = [...GROUPS, ...new Set(integrations.map((i) => i.sourceType).filter((t) => !GROUPS.includes(t)))];
  return (
    <>
      <PageHeader title="Integrations" intro={intro} />
      {can('developer') ? null : <p class="pt-muted">Your role can view these settings but not change them.</p>}
      {groups.map((group) => {
        const own = integrations.filter((i) => i.sourceType === group);
        if (own.length === 0) return null;
        return (
          <section key={group} aria-labelledby={`pt-group-${group}`}>
            <h2 id={`pt-group-${group}`}>{group}</h2>
            <div class="pt-integrations">
              {own.map((integration) => (
                <IntegrationCard key={integration.key} integration={integration} onSaved={replace} />
              ))}
            </div>
          </section>
        );
      })}
    </>
  );
}
