/**
 * A line chart drawn on the server as inline SVG: no script, no third party, and no style attribute
 * (the CSP's style-src 'self' refuses them), so colours and dashes come from classes in styles.css.
 * Each series has its own dash pattern as well as its own colour, and the legend names it in words.
 * The SVG is an image with a title and a description that give the totals; the page's table gives
 * every number. The axis labels are HTML beside the SVG rather than SVG text, whose contrast checkers
 * cannot measure, and are hidden from screen readers, which get the description instead.
 */
import type { Locale } from '../core/incident.ts';

export interface ChartSeries {
  /** A class in styles.css (chart-<name>) for the line and its legend swatch. */
  readonly name: string;
  readonly label: string;
  readonly values: readonly number[];
}

export interface ReachChartProps {
  /** A unique id prefix for the title and description. */
  id: string;
  title: string;
  desc: string;
  days: readonly string[];
  series: readonly ChartSeries[];
  /** 'share': values from 0 to 1, drawn on a 0–100% axis; 'count': from 0 to a round number above the largest. */
  scale: 'count' | 'share';
  locale: Locale;
}

const W = 640;
const H = 200;
/** Room for the line width and the point markers at the edges of the plot. */
const PAD = 5;
/** Beyond this many days the points would run together; the line alone shows the trend. */
const MAX_MARKED_DAYS = 62;

/** A round axis maximum at or above `max`: 1, 2 or 5 × 10^n. */
function niceMax(max: number): number {
  if (max <= 0) return 1;
  const step = 10 ** Math.floor(Math.log10(max));
  return [1, 2, 5, 10].map((f) => f * step).find((v) => v >= max)!;
}

export function ReachChart({ id, title, desc, days, series, scale, locale }: ReachChartProps) {
  const top = scale === 'share' ? 1 : niceMax(Math.max(0, ...series.flatMap((s) => s.values)));
  const r = (v: number) => Math.round(v * 10) / 10;
  const x = (i: number) => r(days.length <= 1 ? W / 2 : PAD + (i * (W - 2 * PAD)) / (days.length - 1));
  const y = (v: number) => r(H - PAD - (v / top) * (H - 2 * PAD));
  const label = (v: number) => (scale === 'share' ? `${Math.round(v * 100)}%` : v.toLocaleString(locale));
  // A middle line only where it falls on a whole count: "0.5 lookups" means nothing.
  const ticks = scale === 'share' || top % 2 === 0 ? [top, top / 2, 0] : [top, 0];
  return (
    <figure class="chart">
      <div class="chart-plot">
        <ol class="chart-y" aria-hidden="true">
          {ticks.map((t) => (
            <li>{label(t)}</li>
          ))}
        </ol>
        <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${id}-title ${id}-desc`} focusable="false">
          <title id={`${id}-title`}>{title}</title>
          <desc id={`${id}-desc`}>{desc}</desc>
          {ticks.map((t) => (
            <line class="chart-grid" x1={0} x2={W} y1={y(t)} y2={y(t)} />
          ))}
          {series.map((s) => (
            <g class={`chart-series chart-${s.name}`}>
              <polyline points={s.values.map((v, i) => `${x(i)},${y(v)}`).join(' ')} />
              {days.length <= MAX_MARKED_DAYS && s.values.map((v, i) => <circle cx={x(i)} cy={y(v)} r="4" />)}
            </g>
          ))}
        </svg>
        <p class={days.length > 1 ? 'chart-x' : 'chart-x single'} aria-hidden="true">
          <span>{days[0]}</span>
          {days.length > 1 && <span>{days.at(-1)}</span>}
        </p>
      </div>
      <figcaption>
        <ul class="chart-legend">
          {series.map((s) => (
            <li>
              <span class={`chart-swatch chart-${s.name}`} aria-hidden="true"></span>
              {s.label}
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}
