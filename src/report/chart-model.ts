// Turns numeric series into a chart view model (paths, ticks, criterion lines) that templates/chart.hbs draws as SVG.
import { scaleLinear, scalePoint, scaleUtc } from 'd3-scale';
import { line } from 'd3-shape';
import { downsampleMinMax, MAX_POINTS_PER_PATH } from './downsample.ts';
import { formatClock } from './format.ts';

/** One line of a chart: aligned x (elapsed seconds, or category index) and y values; NaN leaves a gap. */
export interface LineSpec {
  label: string;
  x: readonly number[];
  y: readonly number[];
  dash?: boolean;
  /** Overrides the palette colour. */
  color?: string;
}

/** A horizontal line where a criterion or alert rule applies. */
export interface RefLineSpec {
  y: number;
  label: string;
  kind: 'criterion' | 'warning' | 'critical';
}

/** What a chart shows: over elapsed time (`xKind: 'time'`), over named categories (`'category'`) or over a number (`'linear'`, e.g. a rate). */
export interface ChartSpec {
  id: string;
  title: string;
  caption?: string;
  xKind: 'time' | 'category' | 'linear';
  /** Time charts: [0, run seconds]; linear charts: [min, max] of x. */
  xDomain?: [number, number];
  /** Linear charts: the x tick labels. */
  xFormat?: (v: number) => string;
  /** Category charts: the category labels, line x values index into them. */
  categories?: string[];
  yFormat: (v: number) => string;
  /** Lowest upper bound of the y axis (e.g. 100 for percentages that stay low). */
  yMaxAtLeast?: number;
  lines: LineSpec[];
  refs?: RefLineSpec[];
  maxPoints?: number;
  /** The dashboard panel the chart belongs to (the report groups charts under these headings, in order). */
  panel?: string;
  /** Time charts: shaded spans (fault windows), x in the chart's seconds. */
  bands?: readonly BandSpec[];
}

/** A shaded span of a time chart: a fault while applied, or its recovery allowance. */
export interface BandSpec {
  from: number;
  to: number;
  label: string;
  kind: 'fault' | 'recovery';
}

interface Tick { pos: number; label: string }

/** Everything chart.hbs needs; every string is plain text (the template escapes it). */
export interface ChartModel {
  id: string;
  title: string;
  caption: string;
  width: number;
  height: number;
  plot: { x: number; y: number; w: number; h: number; right: number; bottom: number };
  xTicks: Tick[];
  yTicks: Tick[];
  paths: Array<{ d: string; color: string; dash: boolean; label: string }>;
  /**
   * Criterion and rule lines. `off`: the value lies far above the data, so instead of stretching the axis
   * (which flattens the data against zero) it is a labelled marker at the top edge (`marker` is its path).
   */
  refs: Array<{ y: number; label: string; kind: RefLineSpec['kind']; labelX: number; labelY: number; off: boolean; marker: string }>;
  panel: string;
  legend: Array<{ label: string; color: string; dash: boolean }>;
  empty: boolean;
  /** Shaded spans, clipped to the plot (pixels). */
  bands: Array<{ x: number; w: number; label: string; kind: BandSpec['kind'] }>;
}

/** Categorical colours, readable on white and in greyscale print order. */
export const PALETTE = ['#1f5fa8', '#d9730d', '#2e8540', '#b3261e', '#7b4fa0', '#8c564b', '#c2407f', '#5f6b73', '#9a8700', '#138a8a'];

const WIDTH = 860;
const HEIGHT = 240;
const M = { top: 14, right: 18, bottom: 26, left: 66 };
/** A rule line is drawn on the chart when it is at most this many times the data's top; above, it is an edge marker. */
export const REF_STRETCH_LIMIT = 2;

/** Builds the view model of a line chart; `empty` when no line has a finite value. */
export function buildChart(spec: ChartSpec): ChartModel {
  const plot = { x: M.left, y: M.top, w: WIDTH - M.left - M.right, h: HEIGHT - M.top - M.bottom, right: WIDTH - M.right, bottom: HEIGHT - M.bottom };
  let dataMax = 0;
  let finite = false;
  for (const l of spec.lines) for (const v of l.y) if (Number.isFinite(v)) { finite = true; if (v > dataMax) dataMax = v; }
  // The axis scales to the data (and yMaxAtLeast); a rule line joins the axis only when that does not squash
  // the data into less than 1/REF_STRETCH_LIMIT of the height: an 11 ms p95 must not be a flat line under 5 s.
  const span = Math.max(dataMax, spec.yMaxAtLeast ?? 0);
  const isOff = (r: RefLineSpec) => finite && span > 0 && r.y > span * REF_STRETCH_LIMIT;
  for (const r of spec.refs ?? []) if (!isOff(r) && r.y > dataMax) dataMax = r.y;
  // data under the floor (e.g. percentages up to 100) keep the floor exactly: 100 %, not a rounded-up 120 %
  const floor = spec.yMaxAtLeast ?? 0;
  const yMax = dataMax <= floor ? floor : dataMax * 1.05;
  const y = scaleLinear().domain([0, yMax > 0 ? yMax : 1]).range([plot.bottom, plot.y]).nice(5);
  let xOf: (v: number) => number;
  let xTicks: Tick[];
  if (spec.xKind === 'category') {
    const cats = spec.categories ?? [];
    const xp = scalePoint<number>().domain(cats.map((_, i) => i)).range([plot.x, plot.right]).padding(0.3);
    xOf = (v) => xp(v) ?? plot.x;
    xTicks = cats.map((c, i) => ({ pos: round(xOf(i)), label: c }));
  } else if (spec.xKind === 'linear') {
    const [x0, x1] = spec.xDomain ?? [0, 1];
    const xl = scaleLinear().domain([x0, Math.max(x1, x0 + 1)]).range([plot.x, plot.right]).nice(6);
    xOf = (v) => xl(v);
    xTicks = xl.ticks(6).map((v) => ({ pos: round(xl(v)), label: (spec.xFormat ?? String)(v) }));
  } else {
    const [x0, x1] = spec.xDomain ?? [0, 1];
    const xt = scaleUtc().domain([new Date(x0 * 1000), new Date(Math.max(x1, x0 + 1) * 1000)]).range([plot.x, plot.right]);
    xOf = (v) => xt(new Date(v * 1000));
    xTicks = xt.ticks(6).map((d) => ({ pos: round(xt(d)), label: formatClock(d.getTime() / 1000) }));
  }
  const gen = line<[number, number]>()
    .defined((p) => Number.isFinite(p[1]))
    .x((p) => xOf(p[0]))
    .y((p) => y(p[1]))
    .digits(1);
  const paths: ChartModel['paths'] = [];
  const legend: ChartModel['legend'] = [];
  spec.lines.forEach((l, i) => {
    const color = l.color ?? PALETTE[i % PALETTE.length];
    const dash = l.dash ?? i >= PALETTE.length;
    const pts = downsampleMinMax(l.x, l.y, spec.maxPoints ?? MAX_POINTS_PER_PATH);
    const d = gen(pts) ?? '';
    if (!d) return;
    paths.push({ d, color, dash, label: l.label });
    legend.push({ label: l.label, color, dash });
  });
  const refs = (spec.refs ?? []).map((r) => {
    if (isOff(r)) {
      const top = plot.y;
      const mx = plot.right - 6;
      // an upward triangle on the top edge, the label beside it saying the line is above the chart
      return { y: top, label: `↑ ${r.label}: above the chart`, kind: r.kind, labelX: mx - 10, labelY: top + 10, off: true, marker: `M${mx - 5},${top + 8}L${mx},${top}L${mx + 5},${top + 8}Z` };
    }
    const py = round(y(r.y));
    return { y: py, label: r.label, kind: r.kind, labelX: plot.right - 4, labelY: py - 4, off: false, marker: '' };
  });
  const yTicks = y.ticks(5).map((v) => ({ pos: round(y(v)), label: spec.yFormat(v) }));
  const bands: ChartModel['bands'] = [];
  if (spec.xKind === 'time') for (const b of spec.bands ?? []) {
    const x0 = Math.max(plot.x, xOf(b.from));
    const x1 = Math.min(plot.right, xOf(b.to));
    if (x1 > x0) bands.push({ x: round(x0), w: round(x1 - x0), label: b.label, kind: b.kind });
  }
  return {
    id: spec.id, title: spec.title, caption: spec.caption ?? '', width: WIDTH, height: HEIGHT, plot,
    xTicks, yTicks, paths, refs, legend, empty: !finite || !paths.length, panel: spec.panel ?? '', bands,
  };
}

function round(v: number): number {
  return Math.round(v * 10) / 10;
}
