import { useEffect, useRef, useState } from 'preact/hooks';

/**
 * Bar and line charts as plain SVG: the two shapes the Portal needs are about 150 lines, less than
 * any charting library's configuration, and nothing to keep up to date. Each chart is
 * `role="img"` named by a one-sentence summary; the page shows every number again in a table,
 * which is what screen readers (and careful readers) use. A chart is drawn at its container's
 * real pixel width (ResizeObserver), so text stays 13 px on a phone and on a wide screen alike.
 */

export interface ChartSeries {
  name: string;
  /** Bar colour: one of the palette's roles. */
  tone: 'accent' | 'ok' | 'danger' | 'neutral';
}

export interface BarRow {
  label: string;
  values: number[];
}

const FALLBACK_WIDTH = 640;
const BAR = 14;
const BAR_GAP = 3;
const ROW_GAP = 12;
const LABEL_LINE = 18;

/** The container's content width in pixels, following resizes (rotation, a folded menu). */
function useWidth() {
  const ref = useRef<HTMLElement>(null);
  const [width, setWidth] = useState(FALLBACK_WIDTH);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => entry && setWidth(Math.max(200, Math.floor(entry.contentRect.width))));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return { ref, width };
}

const format = (value: number) => value.toLocaleString('en-US');

/**
 * Horizontal bars, one group per row and one bar per series, on one scale from zero to the
 * largest value. Wide: labels in a column left of the bars; narrow: each label above its bars.
 */
export function BarChart({ rows, series, summary }: { rows: BarRow[]; series: ChartSeries[]; summary: string }) {
  const { ref, width } = useWidth();
  const narrow = width < 520;
  const labelWidth = narrow ? 0 : Math.min(200, width * 0.3);
  const valueWidth = 56;
  const max = Math.max(1, ...rows.flatMap((row) => row.values));
  const bars = series.length * (BAR + BAR_GAP) - BAR_GAP;
  const rowHeight = (narrow ? LABEL_LINE : 0) + bars + ROW_GAP;
  const height = Math.max(ROW_GAP, rows.length * rowHeight);
  const length = (value: number) => (value / max) * (width - labelWidth - valueWidth);
  return (
    <figure class="dw-chart" ref={ref}>
      <svg role="img" aria-label={summary} width={width} height={height} viewBox={`0 0 ${width} ${height}`}>
        {rows.map((row, r) => {
          const top = r * rowHeight + (narrow ? LABEL_LINE : 0);
          return (
            <g key={row.label}>
              <text class="dw-chart-label" x={narrow ? 0 : labelWidth - 8} y={narrow ? top - 5 : top + bars / 2} text-anchor={narrow ? 'start' : 'end'} dominant-baseline={narrow ? 'auto' : 'middle'}>
                {row.label}
              </text>
              {series.map((s, i) => {
                const y = top + i * (BAR + BAR_GAP);
                const value = row.values[i] ?? 0;
                return (
                  <g key={s.name}>
                    <rect class={`dw-chart-bar dw-chart-bar--${s.tone}`} x={labelWidth} y={y} width={value > 0 ? Math.max(2, length(value)) : 0} height={BAR} rx="2" />
                    <text class="dw-chart-value" x={labelWidth + length(value) + 6} y={y + BAR / 2} dominant-baseline="middle">
                      {format(value)}
                    </text>
                  </g>
                );
              })}
            </g>
          );
        })}
      </svg>
      {series.length > 1 ? <Legend series={series} /> : null}
    </figure>
  );
}

function Legend({ series }: { series: ChartSeries[] }) {
  return (
    <figcaption class="dw-chart-legend" aria-hidden="true">
      {series.map((s) => (
        <span key={s.name}>
          <span class={`dw-chart-swatch dw-chart-bar--${s.tone}`} />
          {s.name}
        </span>
      ))}
    </figcaption>
  );
}

export interface LinePoint {
  label: string;
  /** 0–1, or null where there is nothing to measure (the line has a gap there). */
  value: number | null;
}

const LINE_HEIGHT = 200;
const PAD = { left: 44, right: 16, top: 10, bottom: 26 };

/** A 0–100 % line over time, gridlines every 25 %, about one x label per 90 px. */
export function RateLineChart({ points, summary }: { points: LinePoint[]; summary: string }) {
  const { ref, width } = useWidth();
  const plotWidth = width - PAD.left - PAD.right;
  const plotHeight = LINE_HEIGHT - PAD.top - PAD.bottom;
  const x = (i: number) => PAD.left + (points.length <= 1 ? plotWidth / 2 : (i / (points.length - 1)) * plotWidth);
  const y = (value: number) => PAD.top + (1 - value) * plotHeight;
  const runs: Array<Array<{ i: number; value: number }>> = [[]];
  points.forEach((point, i) => (point.value === null ? runs.push([]) : runs.at(-1)!.push({ i, value: point.value })));
  const labelEvery = Math.max(1, Math.ceil(points.length / Math.max(1, Math.floor(plotWidth / 90))));
  return (
    <figure class="dw-chart" ref={ref}>
      <svg role="img" aria-label={summary} width={width} height={LINE_HEIGHT} viewBox={`0 0 ${width} ${LINE_HEIGHT}`}>
        {[0, 0.25, 0.5, 0.75, 1].map((tick) => (
          <g key={tick}>
            <line class="dw-chart-grid" x1={PAD.left} x2={width - PAD.right} y1={y(tick)} y2={y(tick)} />
            <text class="dw-chart-label" x={PAD.left - 6} y={y(tick)} text-anchor="end" dominant-baseline="middle">
              {tick * 100}%
            </text>
          </g>
        ))}
        {points.map((point, i) =>
          i % labelEvery === 0 ? (
            <text key={point.label} class="dw-chart-label" x={x(i)} y={LINE_HEIGHT - 6} text-anchor="middle">
              {point.label}
            </text>
          ) : null,
        )}
        {runs
          .filter((run) => run.length > 0)
          .map((run) => (
            <g key={run[0]!.i}>
              <polyline class="dw-chart-line" points={run.map((p) => `${x(p.i)},${y(p.value)}`).join(' ')} />
              {run.map((p) => (
                <circle key={p.i} class="dw-chart-dot" cx={x(p.i)} cy={y(p.value)} r="3.5" />
              ))}
            </g>
          ))}
      </svg>
    </figure>
  );
}
