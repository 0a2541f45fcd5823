/**
 * The few Lua/xlua/dataload idioms the ported rnn scripts lean on, spelt for TypeScript:
 * `loadstring(" return " .. s)()` for the option strings that hold a Lua table literal
 * (`'{200,200}'`, `'{[5]=0.5, [6]=0.25}'`, `'{0, 0.999}'`, `''` → undefined), `xlua.progress(i, n)`
 * and `dl.uniqueid()`.
 */
import { hostname } from 'node:os';
import * as nn from '../../../index.js';

/** A Lua table literal of numbers: list entries go to 1, 2, …; `[k]=v` entries to k (Lua's keys). */
export interface LuaTable { list: number[]; keyed: Map<number, number> }

export function luaTable(src: string, what = 'option'): LuaTable | undefined {
  const s = src.trim();
  if (s === '') return undefined;
  if (!s.startsWith('{') || !s.endsWith('}')) throw new nn.ArgumentError(`${what}: expected a Lua table such as {200,200}, got ${JSON.stringify(src)}`);
  const out: LuaTable = { list: [], keyed: new Map() };
  const num = (t: string): number => {
    const v = Number(t.trim());
    if (t.trim() === '' || Number.isNaN(v)) throw new nn.ArgumentError(`${what}: expected numbers in ${JSON.stringify(src)}, got ${JSON.stringify(t)}`);
    return v;
  };
  for (const entry of s.slice(1, -1).split(/[,;]/)) {
    if (entry.trim() === '') continue;
    const m = /^\s*\[([^\]]+)\]\s*=(.*)$/.exec(entry);
    if (m) out.keyed.set(num(m[1]!), num(m[2]!));
    else { out.list.push(num(entry)); out.keyed.set(out.list.length, out.list[out.list.length - 1]!); }
  }
  return out;
}

/** `loadstring(" return " .. s)()` for a list such as '{200,200}'. */
export function luaList(src: string, what = 'option'): number[] {
  return luaTable(src, what)?.list ?? [];
}

let lastDraw = 0;
/** xlua.progress(i, n): a bar on stderr, redrawn at most 5 times a second, ended with a newline at n. */
export function progress(i: number, n: number): void {
  const now = Date.now();
  if (i < n && now - lastDraw < 200) return;
  lastDraw = now;
  const width = 40, done = Math.round((width * i) / n);
  process.stderr.write(`\r [${'='.repeat(done)}${done < width ? '>' : ''}${'.'.repeat(Math.max(0, width - done - 1))}] ${i}/${n}${i >= n ? '\n' : ''}`);
}

/** dl.uniqueid(): host name and time, unique enough for naming an experiment. */
export function uniqueid(): string {
  return `${hostname()}:${Date.now().toString(36)}`;
}

/** `table.print(opt)`: one `key : value` line per option, sorted. */
export function tablePrint(t: Record<string, unknown>, print: (s: string) => void = console.log): void {
  for (const k of Object.keys(t).sort()) print(`${k} : ${JSON.stringify(t[k])}`);
}
