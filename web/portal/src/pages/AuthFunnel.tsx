import { useEffect, useState } from 'preact/hooks';
import type { AuthFunnelView } from '../../../../src/wire/portal/funnel';
import { Button } from '../../../ui/src/components/Button';
import { ErrorNotice } from '../../../ui/src/components/ErrorNotice';
import { Field } from '../../../ui/src/components/Field';
import { PageHeader } from '../layout/PageHeader';
import { usePortal } from '../portal-context';
import { navigate, withQuery } from '../router';
import { useResource } from '../use-resource';
import { FunnelSections } from './FunnelSections';
import { funnelApiPath, periodFromQuery, PRESET_DAYS, type FunnelPeriodChoice } from './funnel-period';
import '../styles/funnel.css';

/**
 * How the client's customers get through Hosted Link over a period: the step funnel, where they
 * drop out, per category and platform, and the weekly completion rate. Every figure counts
 * customers (companies), not visits; what each one means is in docs/portal.md ("Auth funnel").
 */
export function AuthFunnel() {
  const { location } = usePortal();
  const period = periodFromQuery(location.query, new Date());
  const funnel = useResource<AuthFunnelView>(funnelApiPath(period));
  return (
    <>
      <PageHeader
        title="Auth funnel"
        intro="How your customers get through Link: how many opened it, began authorizing and completed. Customers are companies, so opening Link twice counts once. Days are UTC."
      />
      <PeriodPicker period={period} />
      <ErrorNotice message={funnel.error?.message ?? ''} />
      {funnel.data?.eventsKeptFrom && funnel.data.period.from < funnel.data.eventsKeptFrom ? (
        <p class="pt-card pt-funnel-kept">
          Link keeps its events for a limited time, so this period only counts visits from <strong>{funnel.data.eventsKeptFrom}</strong> on.
        </p>
      ) : null}
      {funnel.data ? (
        <div aria-busy={funnel.loading ? 'true' : undefined}>
          <FunnelSections funnel={funnel.data} />
        </div>
      ) : funnel.loading ? (
        <p class="pt-loading">Loading…</p>
      ) : null}
    </>
  );
}

/** Presets as toggle buttons, and custom dates in a small form; both change the URL query. */
function PeriodPicker({ period }: { period: FunnelPeriodChoice }) {
  const { location } = usePortal();
  const [from, setFrom] = useState(period.from);
  const [to, setTo] = useState(period.to);
  const [problem, setProblem] = useState('');
  // A preset (or Back) changes the period: the date fields show it, ready to adjust.
  useEffect(() => {
    setFrom(period.from);
    setTo(period.to);
  }, [period.from, period.to]);
  const choose = (changes: Record<string, string | number | undefined>) => navigate(withQuery(location, changes), { replace: true });
  const showCustom = (event: Event) => {
    event.preventDefault();
    if (!from || !to) return setProblem('Choose both a first and a last day.');
    if (from > to) return setProblem('The first day must be before the last day.');
    setProblem('');
    choose({ days: undefined, from, to });
  };
  return (
    <section class="pt-card pt-funnel-period" aria-labelledby="funnel-period-heading">
      <h2 id="funnel-period-heading">Period</h2>
      <div class="pt-toolbar" role="group" aria-label="Presets">
        {PRESET_DAYS.map((days) => (
          <Button
            key={days}
            variant={period.days === days ? 'primary' : 'secondary'}
            aria-pressed={period.days === days ? 'true' : 'false'}
            onClick={() => choose({ days, from: undefined, to: undefined })}
          >
            {`Last ${days} days`}
          </Button>
        ))}
      </div>
      <form class="pt-toolbar pt-funnel-dates" onSubmit={showCustom} noValidate>
        <Field label="First day" error={problem || undefined}>
          {({ id, describedBy, invalid }) => (
            <input id={id} class="dw-input" type="date" value={from} max={to || undefined} aria-describedby={describedBy} aria-invalid={invalid} onInput={(e) => setFrom(e.currentTarget.value)} />
          )}
        </Field>
        <Field label="Last day">
          {({ id }) => <input id={id} class="dw-input" type="date" value={to} min={from || undefined} onInput={(e) => setTo(e.currentTarget.value)} />}
        </Field>
        <Button type="submit" variant="secondary">
          Show these days
        </Button>
      </form>
      <p class="pt-muted">
        Showing <strong>{period.from}</strong> to <strong>{period.to}</strong>
        {period.days ? ` (the last ${period.days} days)` : ''}.
      </p>
    </section>
  );
}
