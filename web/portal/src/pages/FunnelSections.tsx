import type { ComponentChildren } from 'preact';
import type { AuthFunnelView, FunnelStepName } from '../../../../src/wire/portal/funnel';
import { BarChart, RateLineChart, type ChartSeries } from '../../../ui/src/components/Charts';

/** What each step means, in the words the page uses. */
const STEP_LABELS: Record<FunnelStepName, string> = {
  opened: 'Opened Link',
  platform_chosen: 'Chose a platform',
  consent_given: 'Gave consent',
  authorization_started: 'Began authorizing',
  connected: 'Connected',
  completed: 'Completed',
};

const ATTEMPTS: ChartSeries[] = [
  { name: 'Began authorizing', tone: 'accent' },
  { name: 'Connected', tone: 'ok' },
  { name: 'Failed', tone: 'danger' },
];

const count = (value: number) => value.toLocaleString('en-US');
/** A share as a whole percentage; a dash where there is nothing to divide. */
const percent = (part: number, whole: number) => (whole > 0 ? `${Math.round((part / whole) * 100)}%` : '–');

/** The funnel's sections: each a chart and, right below it, every one of its numbers as a table. */
export function FunnelSections({ funnel }: { funnel: AuthFunnelView }) {
  const opened = funnel.steps[0]?.companies ?? 0;
  const completed = funnel.steps.at(-1)?.companies ?? 0;
  const notCompleted = opened - completed;
  return (
    <>
      <Section id="funnel-steps" title="Steps" lead={`${count(opened)} customers opened Link; ${count(completed)} completed (${percent(completed, opened)}).`}>
        <BarChart
          summary={`Customers per step: ${funnel.steps.map((s) => `${STEP_LABELS[s.step]} ${count(s.companies)}`).join(', ')}.`}
          series={[{ name: 'Customers', tone: 'accent' }]}
          rows={funnel.steps.map((s) => ({ label: STEP_LABELS[s.step], values: [s.companies] }))}
        />
        <Table caption="Customers per step" headers={['Step', 'Customers', 'Of those who opened Link', 'Lost since the step before']}>
          {funnel.steps.map((s, i) => (
            <tr key={s.step}>
              <th scope="row">{STEP_LABELS[s.step]}</th>
              <td>{count(s.companies)}</td>
              <td>{percent(s.companies, opened)}</td>
              <td>{i === 0 ? '–' : count((funnel.steps[i - 1]?.companies ?? 0) - s.companies)}</td>
            </tr>
          ))}
        </Table>
      </Section>

      <Section id="funnel-drop-out" title="Where customers drop out" lead={`${count(notCompleted)} customers did not complete; the last step each reached:`}>
        <BarChart
          summary={`Last step reached by customers who did not complete: ${funnel.dropOut.map((s) => `${STEP_LABELS[s.step]} ${count(s.companies)}`).join(', ')}.`}
          series={[{ name: 'Customers', tone: 'neutral' }]}
          rows={funnel.dropOut.map((s) => ({ label: STEP_LABELS[s.step], values: [s.companies] }))}
        />
        <Table caption="Last step reached by customers who did not complete" headers={['Last step reached', 'Customers', 'Of those who did not complete']}>
          {funnel.dropOut.map((s) => (
            <tr key={s.step}>
              <th scope="row">{STEP_LABELS[s.step]}</th>
              <td>{count(s.companies)}</td>
              <td>{percent(s.companies, notCompleted)}</td>
            </tr>
          ))}
        </Table>
      </Section>

      <Section id="funnel-categories" title="By category" lead="Customers who began authorizing a platform of each category, connected one, or saw a failure.">
        <Attempts rows={funnel.categories.map((c) => ({ key: c.sourceType, label: c.sourceType, counts: c }))} what="category" />
      </Section>

      <Section id="funnel-platforms" title="By platform" lead="The same per platform; a customer who tried two platforms counts for each.">
        <Attempts rows={funnel.platforms.map((p) => ({ key: `${p.sourceType}/${p.platformKey}`, label: p.platformName, detail: p.sourceType, counts: p }))} what="platform" />
      </Section>

      <Section id="funnel-weeks" title="Weekly completion rate" lead="Per week (from Monday, UTC): customers who opened Link that week, and how many of them completed that week.">
        <RateLineChart
          summary={`Weekly completion rate: ${funnel.weeks.map((w) => `week of ${w.weekStart} ${w.completionRate === null ? 'no visits' : percent(w.completed, w.opened)}`).join(', ')}.`}
          points={funnel.weeks.map((w) => ({ label: w.weekStart.slice(5), value: w.completionRate }))}
        />
        <Table caption="Customers per week" headers={['Week of', 'Opened Link', 'Connected', 'Completed', 'Completion rate']}>
          {funnel.weeks.map((w) => (
            <tr key={w.weekStart}>
              <th scope="row">{w.weekStart}</th>
              <td>{count(w.opened)}</td>
              <td>{count(w.connected)}</td>
              <td>{count(w.completed)}</td>
              <td>{percent(w.completed, w.opened)}</td>
            </tr>
          ))}
        </Table>
      </Section>
    </>
  );
}

interface AttemptRow {
  key: string;
  label: string;
  detail?: string;
  counts: { started: number; connected: number; failed: number };
}

/** Began / connected / failed bars and their table, for categories or platforms. */
function Attempts({ rows, what }: { rows: AttemptRow[]; what: 'category' | 'platform' }) {
  if (rows.length === 0) return <p class="pt-muted">Nobody began authorizing a {what} in this period.</p>;
  const name = (row: AttemptRow) => (row.detail ? `${row.label} (${row.detail})` : row.label);
  return (
    <>
      <BarChart
        summary={`Per ${what}: ${rows.map((r) => `${name(r)}: ${count(r.counts.started)} began, ${count(r.counts.connected)} connected, ${count(r.counts.failed)} failed`).join('; ')}.`}
        series={ATTEMPTS}
        rows={rows.map((r) => ({ label: r.label, values: [r.counts.started, r.counts.connected, r.counts.failed] }))}
      />
      <Table
        caption={`Customers per ${what}`}
        headers={[what === 'category' ? 'Category' : 'Platform', ...(what === 'platform' ? ['Category'] : []), 'Began authorizing', 'Connected', 'Failed', 'Connected of those who began']}
      >
        {rows.map((r) => (
          <tr key={r.key}>
            <th scope="row">{r.label}</th>
            {what === 'platform' ? <td>{r.detail}</td> : null}
            <td>{count(r.counts.started)}</td>
            <td>{count(r.counts.connected)}</td>
            <td>{count(r.counts.failed)}</td>
            <td>{percent(r.counts.connected, r.counts.started)}</td>
          </tr>
        ))}
      </Table>
    </>
  );
}

function Section({ id, title, lead, children }: { id: string; title: string; lead: string; children: ComponentChildren }) {
  return (
    <section class="pt-card" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      <p class="pt-muted">{lead}</p>
      {children}
    </section>
  );
}

function Table({ caption, headers, children }: { caption: string; headers: string[]; children: ComponentChildren }) {
  return (
    // Focusable, so a keyboard can scroll a table wider than a phone.
    <div class="pt-table-wrap" role="region" aria-label={caption} tabIndex={0}>
      <table class="pt-table pt-funnel-table">
        <caption class="dw-vh">{caption}</caption>
        <thead>
          <tr>
            {headers.map((header) => (
              <th key={header} scope="col">
                {header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
