/**
 * A benchmark's own section of docs/benchmarks.md, between `<!-- bench:id -->` and `<!-- /bench:id -->`:
 * replaced in place when it is there, appended at the end otherwise (after the GPU section, which
 * `npm run bench -- --write` keeps as it is, with everything after it).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

export function writeSection(id: string, markdown: string, path = 'docs/benchmarks.md'): void {
  const open = `<!-- bench:${id} -->`, close = `<!-- /bench:${id} -->`;
  const block = `${open}\n${markdown.trim()}\n${close}`;
  const old = existsSync(path) ? readFileSync(path, 'utf8') : '# Benchmarks\n';
  const a = old.indexOf(open), b = old.indexOf(close);
  const text = a >= 0 && b > a ? `${old.slice(0, a)}${block}${old.slice(b + close.length)}` : `${old.trimEnd()}\n\n${block}\n`;
  writeFileSync(path, text);
  console.log(`wrote the ${id} section of ${path}`);
}

/** A markdown table: rows × engines, with ratios of the first engine to each other one. */
export function rateTable(results: Record<string, Record<string, number | string>>, unit: string): string {
  const engines = [...new Set(Object.values(results).flatMap((r) => Object.keys(r)))];
  const [ours, ...peers] = engines;
  const head = `| benchmark (${unit}) | ${engines.join(' | ')} | ${peers.map((p) => `${ours} / ${p}`).join(' | ')} |`;
  const sep = `|---|${engines.map(() => '---|').join('')}${peers.map(() => '---|').join('')}`;
  const lines = Object.entries(results).map(([row, r]) => {
    const v = (e: string) => (typeof r[e] === 'number' ? String(r[e]) : r[e] ?? '—');
    const ratio = (p: string) => (typeof r[ours!] === 'number' && typeof r[p] === 'number' && r[p] ? `${((r[ours!] as number) / (r[p] as number)).toFixed(2)}×` : '—');
    return `| ${row} | ${engines.map(v).join(' | ')} | ${peers.map(ratio).join(' | ')} |`;
  });
  return [head, sep, ...lines].join('\n');
}
