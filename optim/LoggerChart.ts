/** The Logger's charts: a log's series as an SVG line chart, or the same chart rasterised as a PNG (in place of Lua's gnuplot window). */
import { ArgumentError } from '../lib/errors.js';
import { Canvas } from '../lib/png.js';

export type LogValue = number | string;
/** A log as columns: `columns[i]` holds the values of `names[i]`, one per row. */
export interface LogData { names: string[]; columns: LogValue[][] }
/** gnuplot's styles as Lua's Logger passes them: points, lines, both, dots, impulses, smoothed lines. */
export type PlotStyle = '+' | '-' | '+-' | '-+' | '.' | '|' | '~';
export interface ChartOptions {
  /** The series to draw (all by default). */
  names?: readonly string[];
  /** Styles per column of the data (default '+'). */
  styles?: readonly (readonly PlotStyle[])[];
  logscale?: boolean;
  title?: string;
  /** The x axis label (default 'entry', as optim.Logger's gnuplot plots). */
  xlabel?: string;
  width?: number;
  height?: number;
}

/** gnuplot 5's default line colours. */
const COLORS = ['#9400d3', '#009e73', '#56b4e9', '#e69f00', '#f0e442', '#0072b2', '#e51e10', '#000000'];

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const r1 = (v: number) => String(Math.round(v * 10) / 10);
const tickLabel = (v: number) => String(Number(v.toPrecision(6)));

/** A step of 1, 2 or 5 × 10^k near span / 5. */
function niceStep(span: number): number {
  const raw = span / 5, p = 10 ** Math.floor(Math.log10(raw)), f = raw / p;
  return (f < 1.5 ? 1 : f < 3.5 ? 2 : f < 7.5 ? 5 : 10) * p;
}

interface Series { name: string; color: string; styles: readonly PlotStyle[]; ys: number[] }
interface Layout {
  series: Series[];
  width: number; height: number; left: number; right: number; top: number; bottom: number;
  xticks: number[]; yticks: number[]; log: boolean;
  px: (x: number) => number; py: (y: number) => number; base: number;
}

/** The series to draw (two entries or more) and the axes: x from 1 to the longest, y over the finite values (log10 of the positive ones with logscale). */
function layout(data: LogData, o: ChartOptions): Layout | undefined {
  const width = o.width ?? 640, height = o.height ?? 400, log = o.logscale ?? false;
  const pick = o.names ?? data.names;
  const series: Series[] = [];
  for (const name of pick) {
    const i = data.names.indexOf(name);
    if (i < 0) throw new ArgumentError(`Logger.plot: no series named '${name}' (the names are ${data.names.join(', ')})`);
    const col = data.columns[i] ?? [];
    if (col.length < 2) continue;
    const ys = col.map((v) => {
      const y = typeof v === 'number' ? v : Number(v);
      return log ? (y > 0 ? Math.log10(y) : NaN) : y;
    });
    series.push({ name, color: COLORS[i % COLORS.length]!, styles: o.styles?.[i] ?? ['+'], ys });
  }
  if (series.length === 0) return undefined;
  const n = Math.max(...series.map((s) => s.ys.length));
  const finite = series.flatMap((s) => s.ys.filter(Number.isFinite));
  let lo = finite.length ? Math.min(...finite) : 0, hi = finite.length ? Math.max(...finite) : 1;
  if (lo === hi) [lo, hi] = [lo - (Math.abs(lo) * 0.1 || 1), hi + (Math.abs(hi) * 0.1 || 1)];
  const ystep = log ? Math.max(1, Math.ceil((Math.ceil(hi) - Math.floor(lo)) / 8)) : niceStep(hi - lo);
  const ymin = log ? Math.floor(lo) : Math.floor(lo / ystep) * ystep, ymax = log ? Math.ceil(hi) : Math.ceil(hi / ystep) * ystep;
  const yticks: number[] = [];
  for (let k = Math.round(ymin / ystep); k * ystep <= ymax + ystep * 1e-9; k++) yticks.push(k * ystep);
  const xstep = Math.max(1, niceStep(n - 1));
  const xticks = xstep === 1 ? Array.from({ length: n }, (_, i) => i + 1) : Array.from({ length: Math.floor(n / xstep) }, (_, i) => (i + 1) * xstep);
  const left = 60, right = width - 140, top = 30, bottom = height - 40;
  const px = (x: number) => left + ((x - 1) / (n - 1)) * (right - left);
  const py = (y: number) => bottom - ((y - ymin) / (ymax - ymin)) * (bottom - top);
  const base = py(log ? ymin : Math.min(ymax, Math.max(ymin, 0)));
  return { series, width, height, left, right, top, bottom, xticks, yticks, log, px, py, base };
}

/** The points of a series as runs of finite values (a NaN or a non-number breaks the line). */
function runs(L: Layout, s: Series): Array<Array<[number, number]>> {
  const out: Array<Array<[number, number]>> = [[]];
  s.ys.forEach((y, i) => {
    if (Number.isFinite(y)) out[out.length - 1]!.push([L.px(i + 1), L.py(y)]);
    else if (out[out.length - 1]!.length) out.push([]);
  });
  return out.filter((r) => r.length > 0);
}

/** An SVG line chart of a log (one path per series and style, axes with ticks, a grid, a legend); undefined when no series has two entries. */
export function chartSVG(data: LogData, options: ChartOptions = {}): string | undefined {
  const L = layout(data, options);
  if (!L) return undefined;
  const out = [`<svg xmlns="http://www.w3.org/2000/svg" width="${L.width}" height="${L.height}" viewBox="0 0 ${L.width} ${L.height}" font-family="sans-serif" font-size="11">`,
    `<rect width="${L.width}" height="${L.height}" fill="white"/>`];
  if (options.title !== undefined) out.push(`<text x="${r1((L.left + L.right) / 2)}" y="18" text-anchor="middle" font-size="13">${xml(options.title)}</text>`);
  for (const x of L.xticks) {
    const X = r1(L.px(x));
    out.push(`<line x1="${X}" y1="${L.top}" x2="${X}" y2="${L.bottom}" stroke="#e0e0e0"/>`, `<line x1="${X}" y1="${L.bottom}" x2="${X}" y2="${L.bottom + 5}" stroke="black"/>`,
      `<text x="${X}" y="${L.bottom + 17}" text-anchor="middle">${tickLabel(x)}</text>`);
  }
  for (const y of L.yticks) {
    const Y = r1(L.py(y));
    out.push(`<line x1="${L.left}" y1="${Y}" x2="${L.right}" y2="${Y}" stroke="#e0e0e0"/>`, `<line x1="${L.left - 5}" y1="${Y}" x2="${L.left}" y2="${Y}" stroke="black"/>`,
      `<text x="${L.left - 8}" y="${Y}" text-anchor="end" dominant-baseline="middle">${tickLabel(L.log ? 10 ** y : y)}</text>`);
  }
  out.push(`<line x1="${L.left}" y1="${L.bottom}" x2="${L.right}" y2="${L.bottom}" stroke="black"/>`, `<line x1="${L.left}" y1="${L.top}" x2="${L.left}" y2="${L.bottom}" stroke="black"/>`,
    `<text x="${r1((L.left + L.right) / 2)}" y="${L.height - 6}" text-anchor="middle">${xml(options.xlabel ?? 'entry')}</text>`);
  L.series.forEach((s, k) => {
    for (const style of s.styles) {
      const pts = runs(L, s), d: string[] = [];
      if (style.includes('-') || style === '~') for (const run of pts) d.push(run.map(([x, y], i) => `${i ? 'L' : 'M'}${r1(x)} ${r1(y)}`).join(''));
      for (const [x, y] of pts.flat()) {
        if (style.includes('+')) d.push(`M${r1(x - 3)} ${r1(y)}h6M${r1(x)} ${r1(y - 3)}v6`);
        if (style === '.') d.push(`M${r1(x)} ${r1(y)}h0`);
        if (style === '|') d.push(`M${r1(x)} ${r1(L.base)}V${r1(y)}`);
      }
      out.push(`<path d="${d.join('')}" fill="none" stroke="${s.color}" stroke-width="${style === '.' ? 3 : 1.5}" stroke-linecap="round"/>`);
    }
    const y = L.top + 10 + 16 * k;
    out.push(`<line x1="${L.right + 12}" y1="${y}" x2="${L.right + 32}" y2="${y}" stroke="${s.color}" stroke-width="2"/>`,
      `<text x="${L.right + 38}" y="${y}" dominant-baseline="middle">${xml(s.name)}</text>`);
  });
  out.push('</svg>', '');
  return out.join('\n');
}

/** The chart of chartSVG rasterised plainly as PNG bytes, without text; undefined when no series has two entries. */
export function chartPNG(data: LogData, options: ChartOptions = {}): Buffer | undefined {
  const L = layout(data, options);
  if (!L) return undefined;
  const c = new Canvas(L.width, L.height), black = [0, 0, 0] as const, grey = [224, 224, 224] as const;
  for (const x of L.xticks) {
    c.line(L.px(x), L.top, L.px(x), L.bottom, grey);
    c.line(L.px(x), L.bottom, L.px(x), L.bottom + 5, black);
  }
  for (const y of L.yticks) {
    c.line(L.left, L.py(y), L.right, L.py(y), grey);
    c.line(L.left - 5, L.py(y), L.left, L.py(y), black);
  }
  c.line(L.left, L.bottom, L.right, L.bottom, black);
  c.line(L.left, L.top, L.left, L.bottom, black);
  L.series.forEach((s, k) => {
    const hex = Number.parseInt(s.color.slice(1), 16), rgb = [hex >> 16, (hex >> 8) & 255, hex & 255] as const;
    for (const style of s.styles) {
      const pts = runs(L, s);
      if (style.includes('-') || style === '~') for (const run of pts) for (let i = 1; i < run.length; i++) c.line(...run[i - 1]!, ...run[i]!, rgb);
      for (const [x, y] of pts.flat()) {
        if (style.includes('+')) {
          c.line(x - 3, y, x + 3, y, rgb);
          c.line(x, y - 3, x, y + 3, rgb);
        }
        if (style === '.') c.fillRect(Math.round(x) - 1, Math.round(y) - 1, Math.round(x), Math.round(y), rgb);
        if (style === '|') c.line(x, L.base, x, y, rgb);
      }
    }
    const y = L.top + 10 + 16 * k;
    c.fillRect(L.right + 12, y - 1, L.right + 32, y, rgb);
  });
  return c.png();
}
