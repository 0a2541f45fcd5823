/**
 * `torch.CmdLine`: the option parser of Torch scripts. `option('-lr', 0.1, 'learning rate')` declares an
 * option whose value takes the default's type (numbers go through `Number`, strings are kept, a boolean
 * option is a flag that sets the value to `not default`, however often it is given); `argument(key, help)`
 * declares a required positional; `text(s)` adds a help line; `parse(argv)` returns `{ lr: 0.1, … }` keyed
 * by the name without dashes. Names may have one dash (Torch) or two, and either spelling is accepted on
 * the command line, as is `-lr=0.5`. `-h`, `-help`, `--help` print the help and exit(0). Tokenizing is
 * node:util `parseArgs`.
 *
 * Deviations from Torch: bad input throws `ArgumentError` instead of printing help and exit(1), so that
 * library callers can catch it; `log(file, params)` writes the header and params to the file but does not
 * replace the global `print` — call `cmd.print(...)` to tee a line to the console and the log (`silent()`
 * and `addTime()` apply to it); `string()` does not print its per-option debug line; numbers print as JS
 * does (`1e-5`, where Lua prints `1e-05`); declaring an option twice throws.
 *
 * Ref: torch7 CmdLine.lua, doc/cmdline.md
 */
import { nodeBuiltin } from '../platform.js';
import { ArgumentError } from '../errors.js';

export type CmdValue = string | number | boolean;
export type CmdParams = Record<string, CmdValue>;

/** I/O hooks (tests inject these) and Torch's separators for `string()`. */
export interface CmdLineIO {
  argseparator?: string;
  keyseparator?: string;
  /** Program name for the usage line; `parse()` without argv uses `process.argv[1]`. */
  program?: string;
  print?: (s: string) => void;
  exit?: (code: number) => never;
}

type OptionType = 'string' | 'number' | 'boolean';
interface OptionDef { kind: 'option'; name: string; key: string; default: CmdValue; help: string | undefined; type: OptionType }
interface ArgumentDef { kind: 'argument'; key: string; help: string | undefined; type: 'string' | 'number' }

const strip = (s: string): string => s.replace(/^-*/, '');
const pad2 = (n: number, w = 2, c = '0'): string => String(n).padStart(w, c);
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The few `os.date` (strftime) codes Torch scripts use: %Y %m %d %e %H %M %S %F %T %a %b %c %%. */
function strftime(format: string, d: Date): string {
  const codes: Record<string, () => string> = {
    Y: () => String(d.getFullYear()), m: () => pad2(d.getMonth() + 1), d: () => pad2(d.getDate()),
    e: () => pad2(d.getDate(), 2, ' '), H: () => pad2(d.getHours()), M: () => pad2(d.getMinutes()),
    S: () => pad2(d.getSeconds()), a: () => DAYS[d.getDay()] ?? '', b: () => MONTHS[d.getMonth()] ?? '',
    F: () => strftime('%Y-%m-%d', d), T: () => strftime('%H:%M:%S', d), c: () => strftime('%a %b %e %T %Y', d),
    '%': () => '%',
  };
  return format.replace(/%(.)/g, (all, c: string) => codes[c]?.() ?? all);
}

function fail(message: string): never {
  throw new ArgumentError(message);
}

function toNumber(s: string, what: string): number {
  const v = s.trim() === '' ? NaN : Number(s);
  if (Number.isNaN(v)) fail(`CmdLine.parse: ${what} expected a number, got ${JSON.stringify(s)}`);
  return v;
}

export class CmdLine {
  readonly argseparator: string;
  readonly keyseparator: string;
  readonly #options = new Map<string, OptionDef>();
  readonly #arguments: ArgumentDef[] = [];
  readonly #helplines: (string | OptionDef | ArgumentDef)[] = [];
  readonly #io: CmdLineIO;
  #dateformat: string | undefined;
  #silent = false;
  #logFd: number | undefined;

  /** `new CmdLine()`, `new CmdLine(argsep, keysep)` (Torch) or `new CmdLine({ print, exit, … })`. */
  constructor(argseparator?: string | CmdLineIO, keyseparator?: string, io: CmdLineIO = {}) {
    this.#io = typeof argseparator === 'object' ? argseparator : io;
    this.argseparator = (typeof argseparator === 'string' ? argseparator : this.#io.argseparator) ?? ',';
    this.keyseparator = keyseparator ?? this.#io.keyseparator ?? '=';
  }

  get #out(): (s: string) => void {
    return this.#io.print ?? ((s: string) => void process.stdout.write(`${s}\n`));
  }

  /** A line of help text (`text()` is an empty line). */
  text(txt = ''): void {
    this.#helplines.push(txt);
  }

  /** A required positional argument; its value is a string unless `type` is `'number'`. */
  argument(key: string, help?: string, type: 'string' | 'number' = 'string'): void {
    const def: ArgumentDef = { kind: 'argument', key, help, type };
    this.#arguments.push(def);
    this.#helplines.push(def);
  }

  /** An option `-name` or `--name` with its default (which sets its type) and help text. */
  option(name: string, defaultValue: CmdValue, help?: string, type?: OptionType): void {
    const key = strip(name);
    const at = `CmdLine.option: option ${name}`;
    if (!/^--?[^-]/.test(name)) fail(`CmdLine.option: expected a name like -lr or --lr, got ${JSON.stringify(name)}`);
    if (defaultValue === undefined || defaultValue === null) fail(`${at} has no default value`);
    const actual = typeof defaultValue;
    if (actual !== 'string' && actual !== 'number' && actual !== 'boolean') {
      fail(`${at} expected a string, number or boolean default, got ${actual}`);
    }
    if (type !== undefined && type !== actual) fail(`${at} has wrong default type value (expected ${type}, got ${actual})`);
    if (this.#options.has(key)) fail(`${at} is already defined`);
    const def: OptionDef = { kind: 'option', name, key, default: defaultValue, help, type: actual };
    this.#options.set(key, def);
    this.#helplines.push(def);
  }

  /** The defaults of all options. */
  default(): CmdParams {
    const params: CmdParams = {};
    for (const o of this.#options.values()) params[o.key] = o.default;
    return params;
  }

  /** Parses `argv` (default `process.argv.slice(2)`) into the options and arguments, keyed without dashes. */
  parse(argv?: readonly string[]): CmdParams {
    const program = this.#io.program ?? (argv === undefined ? process.argv[1] : undefined);
    const args = argv ?? process.argv.slice(2);
    // Rewrite known options to `--key` / `--key=value`, so parseArgs reads Torch's single-dash names
    // (it would split `-lr` into `-l -r`) and values starting with a dash (`-lr -0.1`), as Torch does.
    const rewritten: string[] = [];
    const original: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const tok = args[i] ?? '';
      if (tok === '--') { rewritten.push(...args.slice(i)); original.push(...args.slice(i)); break; }
      if (tok === '-h' || tok === '-help' || tok === '--help') {
        this.help(program === undefined ? undefined : program.replace(/^.*[\\/]/, ''));
        return this.#io.exit === undefined ? process.exit(0) : this.#io.exit(0);
      }
      const eq = tok.indexOf('=');
      const opt = tok.startsWith('-') ? this.#options.get(strip(eq < 0 ? tok : tok.slice(0, eq))) : undefined;
      if (opt !== undefined && opt.type !== 'boolean' && eq < 0) {
        const value = args[++i];
        if (value === undefined) fail(`CmdLine.parse: missing value for option ${tok}`);
        rewritten.push(`--${opt.key}=${value}`);
      } else {
        rewritten.push(opt === undefined ? tok : `--${opt.key}${eq < 0 ? '' : tok.slice(eq)}`);
      }
      original.push(tok);
    }
    const config: Record<string, { type: 'string' | 'boolean' }> = {};
    for (const o of this.#options.values()) config[o.key] = { type: o.type === 'boolean' ? 'boolean' : 'string' };
    const { tokens } = nodeBuiltin('node:util', 'CmdLine.parse').parseArgs({ args: rewritten, options: config, strict: false, allowPositionals: true, tokens: true });

    const params = this.default();
    const positionals: string[] = [];
    let lastIndex = -1;
    for (const t of tokens) {
      if (t.kind === 'positional') positionals.push(t.value);
      if (t.kind !== 'option') continue;
      const opt = t.rawName.startsWith('--') ? this.#options.get(t.name) : undefined;
      const raw = original[t.index] ?? t.rawName;
      if (opt === undefined) {
        if (t.index === lastIndex) continue; // the rest of an unknown short group like -foo
        lastIndex = t.index;
        // A negative number is not an option: Torch reads it as an argument.
        if (!Number.isNaN(Number(raw))) { positionals.push(raw); continue; }
        const known = [...this.#options.values()].map((o) => o.name).join(', ') || 'none';
        fail(`CmdLine.parse: unknown option ${raw.split('=')[0] ?? raw} (known options: ${known})`);
      }
      if (opt.type === 'boolean') {
        if (t.value !== undefined) fail(`CmdLine.parse: boolean option ${opt.name} takes no value, got ${raw}`);
        params[opt.key] = !opt.default;
      } else {
        const value = t.value ?? '';
        params[opt.key] = opt.type === 'number' ? toNumber(value, `option ${opt.name}`) : value;
      }
    }
    const want = this.#arguments.length;
    const got = positionals.length;
    const names = this.#arguments.map((a) => `<${strip(a.key)}>`).join(' ');
    if (got > want) fail(`CmdLine.parse: invalid argument ${JSON.stringify(positionals[want])}: expected ${want} (${names}), got ${got}`);
    if (got < want) fail(`CmdLine.parse: not enough arguments: expected ${want} (${names}), got ${got}`);
    this.#arguments.forEach((a, i) => {
      const v = positionals[i] ?? '';
      params[strip(a.key)] = a.type === 'number' ? toNumber(v, `argument <${strip(a.key)}>`) : v;
    });
    return params;
  }

  /** Prints `Usage: [program] [options] <args>`, then the text lines, options (`[default]`) and arguments. */
  help(program?: string): void {
    const out = this.#out;
    const prog = program ?? this.#io.program;
    const usage = this.#arguments.map((a) => ` <${strip(a.key)}>`).join('');
    out(`Usage: ${prog === undefined ? '' : `${prog} `}[options]${usage}`);
    let width = 0;
    for (const h of this.#helplines) {
      if (typeof h !== 'string') width = Math.max(width, h.kind === 'option' ? h.name.length : strip(h.key).length + 2);
    }
    for (const h of this.#helplines) {
      if (typeof h === 'string') { out(h); continue; }
      const label = h.kind === 'option' ? h.name : `<${strip(h.key)}>`;
      const help = h.help === undefined ? '' : ` ${h.help}`;
      out(`  ${label.padEnd(width)}${help}${h.kind === 'option' ? ` [${String(h.default)}]` : ''}`);
    }
  }

  /**
   * A directory name from `prefix` and the non-default options: `exp,lr=0.5,seed=2` (arguments first, in
   * order, then options sorted; booleans as `t`/`f`). `ignore = { dir: true }` leaves `dir` out;
   * `{ dir: false }` puts it in even at its default.
   */
  string(prefix = '', params: Readonly<CmdParams>, ignore: Readonly<Record<string, boolean>> = {}): string {
    const out = this.#out;
    const args: string[] = [];
    const opts: string[] = [];
    for (const [k, v] of Object.entries(params)) {
      const opt = this.#options.get(k);
      const argIndex = this.#arguments.findIndex((a) => strip(a.key) === k);
      if (ignore[k] === true) out(`-- ignore option ${k}`);
      else if (opt !== undefined) {
        const shown = typeof v === 'boolean' ? (v ? 't' : 'f') : String(v);
        if (v !== opt.default || ignore[k] === false) opts.push(`${k}${this.keyseparator}${shown}`);
      } else if (argIndex >= 0) args[argIndex] = `${k}${this.keyseparator}${String(v)}`;
      else out(`WARNING: unknown option/argument: ${k} IGNORING for DIRECTORY NAME`);
    }
    opts.sort();
    const str = [...args.filter((a) => a !== undefined), ...opts].join(this.argseparator);
    return str === '' ? prefix : `${prefix}${this.argseparator}${str}`;
  }

  /** Later `print()` lines go to the log file only, not the console. */
  silent(): void {
    this.#silent = true;
  }

  /** Prefixes log-file lines (not console lines) with the date in `format` (os.date codes) and `[name]: `. */
  addTime(name?: string, format = '%Y-%m-%d %H:%M:%S'): void {
    this.#dateformat = format + (name === undefined ? '' : `[${name}]: `);
  }

  /** Opens `file` (a path, truncated, or an open fd) as the log and writes the start banner and `params`. */
  log(file: string | number, params?: Readonly<CmdParams>): void {
    this.#logFd = typeof file === 'number' ? file : nodeBuiltin('node:fs', 'CmdLine.log').openSync(file, 'w');
    this.print(`[program started on ${strftime('%c', new Date())}]`);
    this.print('[command line arguments]');
    for (const [k, v] of Object.entries(params ?? {})) this.print(k, v);
    this.print('[----------------------]');
  }

  /** Torch's `print` after `cmd:log`: to the console (tab-separated) unless silent, and to the log file. */
  print(...values: unknown[]): void {
    const strs = values.map((v) => String(v));
    if (!this.#silent) this.#out(strs.join('\t'));
    if (this.#logFd === undefined) return;
    if (this.#dateformat !== undefined) strs.unshift(strftime(this.#dateformat, new Date()));
    nodeBuiltin('node:fs', 'CmdLine.print').writeSync(this.#logFd, `${strs.join(' ')}\n`);
  }
}
