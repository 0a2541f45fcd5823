/**
 * torch/optim's Logger: logs named values during training to a text file and plots them. The file
 * is Lua's: a header row of the names, then one row per `add`, every field followed by a tab
 * (numbers as C's `%11.4e`, strings as they are), each row ended by `\n` and flushed. `plot()` drew
 * with gnuplot; here `plotSVG` writes an SVG chart and `plotPNG` a plain raster one (no text), each
 * series against its entry number (from 1, as gnuplot's), and `Logger.read` parses a log file back.
 * Lua's behaviour kept: `new Logger()` logs to stdout with Lua's warning; a timestamp appends
 * `-%Y_%m_%d_%X` (local time) to the file name while `name` stays the name given; a series is plotted
 * only once it has two entries, and nothing is written when no series has (the methods return false);
 * the default style is '+'. A list `add` before `setNames` names the columns by position, 0-based here
 * (Lua's are 1-based). Differences: a record `add` writes its values in header order (Lua follows
 * `pairs`, whose order can differ from the header's), and a row with missing or unknown names is an
 * `ArgumentError` (Lua writes a short row or fails); styles are checked when given.
 * Ref: torch/optim Logger.lua.
 */
import { nodeBuiltin } from '../lib/platform.js';
import { ArgumentError } from '../lib/errors.js';
import { readBytes } from '../lib/files.js';
import { cExp } from '../lib/cformat.js';

import { chartPNG, chartSVG, type ChartOptions, type LogData, type LogValue, type PlotStyle } from './LoggerChart.js';

export type { ChartOptions, LogData, LogValue, PlotStyle };

const STYLES: readonly string[] = ['+', '-', '+-', '-+', '.', '|', '~'];
/** Lua's `os.date('%Y_%m_%d_%X')` in the C locale: 2024_05_01_13:45:07. */
function luaDate(d: Date): string {
  const p = (v: number) => String(v).padStart(2, '0');
  return `${d.getFullYear()}_${p(d.getMonth() + 1)}_${p(d.getDate())}_${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

const NUMBER = /^[+-]?(?:(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?|nan|inf)$/i;
const parseValue = (s: string): LogValue => {
  const t = s.trim();
  if (!NUMBER.test(t)) return s;
  return /nan/i.test(t) ? NaN : /inf/i.test(t) ? (t.startsWith('-') ? -Infinity : Infinity) : Number(t);
};

export class Logger {
  /** The file name given (without the timestamp), or 'stdout', as Lua's. */
  readonly name: string;
  /** The file written, with its timestamp when asked; undefined for stdout. */
  readonly path: string | undefined;
  empty = true;
  names: string[] = [];
  /** The values logged, per series (in names order). */
  symbols: LogValue[][] = [];
  styles: PlotStyle[][] = [];
  /** Position of each name. */
  idx = new Map<string, number>();
  showPlot = true;
  defaultStyle: PlotStyle = '+';
  logscale = false;
  private fd: number | undefined;

  /** `new Logger('train.log')` writes that file (making its directory); `new Logger('train.log', true)` writes `train.log-<date>`; `new Logger()` writes to stdout. */
  constructor(filename?: string, timestamp = false) {
    if (filename !== undefined) {
      this.name = filename;
      const { mkdirSync, openSync } = nodeBuiltin('node:fs', 'Logger');
      const dir = filename.replace(/[\\/][^\\/]*$/, '');
      if (dir !== filename && dir !== '') mkdirSync(dir, { recursive: true });
      this.path = timestamp ? `${filename}-${luaDate(new Date())}` : filename;
      this.fd = openSync(this.path, 'w');
    } else {
      this.name = 'stdout';
      this.path = undefined;
      this.fd = 1;
      console.log('<Logger> warning: no path provided, logging to std out');
    }
  }

  private write(text: string): void {
    if (this.fd === undefined) throw new ArgumentError(`Logger: ${this.name} is closed`);
    if (this.fd === 1) process.stdout.write(text);
    else nodeBuiltin('node:fs', 'Logger.add').writeSync(this.fd, text);
  }

  /** Sets the names (and so the column order) and writes the header row. */
  setNames(names: readonly string[]): this {
    this.names = [...names];
    this.empty = false;
    this.symbols = names.map(() => []);
    this.styles = names.map(() => [this.defaultStyle]);
    this.idx = new Map(names.map((k, i) => [k, i]));
    this.write(names.map((k) => `${k}\t`).join('') + '\n');
    return this;
  }

  /** Logs one row: a list in names order, or a record keyed by name. The first `add` without `setNames` takes the names from it. */
  add(values: readonly LogValue[] | Readonly<Record<string, LogValue>>): void {
    const list = Array.isArray(values) ? (values as readonly LogValue[]) : undefined;
    const record = list ? undefined : (values as Readonly<Record<string, LogValue>>);
    if (this.empty) this.setNames(list ? list.map((_, i) => String(i)) : Object.keys(record!));
    const row = list ? [...list] : this.names.map((k) => record![k]);
    if (list && list.length !== this.names.length) throw new ArgumentError(`Logger.add: expected ${this.names.length} values (${this.names.join(', ')}), got ${list.length}`);
    if (record) {
      const unknown = Object.keys(record).filter((k) => !this.idx.has(k));
      const missing = this.names.filter((k) => !(k in record));
      if (unknown.length || missing.length) throw new ArgumentError(`Logger.add: expected the names ${this.names.join(', ')}${unknown.length ? `; unknown: ${unknown.join(', ')}` : ''}${missing.length ? `; missing: ${missing.join(', ')}` : ''}`);
    }
    const text = row.map((v) => {
      if (typeof v === 'number') return `${cExp(v, 11, 4)}\t`;
      if (typeof v === 'string') return `${v}\t`;
      throw new ArgumentError(`Logger.add: can only log numbers and strings, got ${typeof v}`);
    });
    this.write(text.join('') + '\n');
    row.forEach((v, i) => this.symbols[i]!.push(v!));
  }

  /** Plot styles per series: a record keyed by name or a list in names order; each a style or a list of them (one drawing each). */
  style(styles: Readonly<Record<string, PlotStyle | readonly PlotStyle[]>> | readonly (PlotStyle | readonly PlotStyle[])[]): this {
    const entries: Array<[string | number, unknown]> = Array.isArray(styles) ? (styles as readonly unknown[]).map((s, i) => [i, s]) : Object.entries(styles);
    for (const [key, s] of entries) {
      const i = typeof key === 'number' ? key : this.idx.get(key);
      if (i === undefined || i >= this.names.length) throw new ArgumentError(`Logger.style: no series ${typeof key === 'number' ? `at position ${key}` : `named '${key}'`} (call setNames or add first)`);
      const list = typeof s === 'string' ? [s] : s;
      if (!Array.isArray(list) || !list.every((v) => STYLES.includes(v as string))) throw new ArgumentError(`Logger.style: style should be one of ${STYLES.join(' ')} or a list of them, got ${JSON.stringify(s)}`);
      this.styles[i] = [...(list as PlotStyle[])];
    }
    return this;
  }

  setlogscale(state: boolean): void {
    this.logscale = state;
  }

  /** Recorded only: there is no plot window here (Lua's toggled gnuplot's); the files are always written. */
  display(state: boolean): void {
    this.showPlot = state;
  }

  /** The options of this logger's charts. */
  private chart(names?: readonly string[]): [LogData, ChartOptions] {
    return [{ names: this.names, columns: this.symbols }, { names, styles: this.styles, logscale: this.logscale, title: `<Logger::${this.name}>` }];
  }

  /** Lua's `plot(...)` as an SVG file: all series, or those named. False (and nothing written) when no series has two entries yet. */
  plotSVG(path: string, names?: readonly string[]): boolean {
    const svg = Logger.svg(...this.chart(names));
    if (svg !== undefined) nodeBuiltin('node:fs', 'Logger.plotSVG').writeFileSync(path, svg);
    return svg !== undefined;
  }

  /** As plotSVG, a PNG without text (axes, ticks, grid, series, legend swatches). */
  plotPNG(path: string, names?: readonly string[]): boolean {
    const png = Logger.png(...this.chart(names));
    if (png !== undefined) nodeBuiltin('node:fs', 'Logger.plotPNG').writeFileSync(path, png);
    return png !== undefined;
  }

  /** Closes the file (not in Lua, whose file stays open). */
  close(): void {
    if (this.fd !== undefined && this.fd !== 1) nodeBuiltin('node:fs', 'Logger.close').closeSync(this.fd);
    this.fd = undefined;
  }

  /** Parses a log file: the header's names and each column's values (numbers where the field reads as one, else the string). */
  static read(path: string): LogData {
    const lines = readBytes('Logger.read', path).toString('utf8').split('\n');
    if (lines[lines.length - 1] === '') lines.pop();
    const fields = (line: string) => (line.endsWith('\t') ? line.slice(0, -1) : line).split('\t');
    const names = lines.length ? fields(lines[0]!) : [];
    const columns: LogValue[][] = names.map(() => []);
    lines.slice(1).forEach((line, r) => {
      const f = fields(line);
      if (f.length !== names.length) throw new ArgumentError(`Logger.read: ${path} line ${r + 2} has ${f.length} values for ${names.length} names`);
      f.forEach((v, i) => columns[i]!.push(parseValue(v)));
    });
    return { names, columns };
  }

  /** An SVG line chart of a log (one path per series and style, axes with ticks, a grid, a legend); undefined when no series has two entries. */
  static svg(data: LogData, options: ChartOptions = {}): string | undefined {
    return chartSVG(data, options);
  }

  /** The chart of `svg` rasterised plainly as PNG bytes, without text; undefined when no series has two entries. */
  static png(data: LogData, options: ChartOptions = {}): Buffer | undefined {
    return chartPNG(data, options);
  }
}
