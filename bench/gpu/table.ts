/**
 * Turns the JSON lines of bench/gpu/bench.ts and ram_torch.py into a Markdown table with
 * ratios to PyTorch measured in the same run. Usage: node bench/gpu/table.js LOG.jsonl
 */
import { readFileSync } from 'node:fs';

interface Line { kind: string; [k: string]: unknown }

const lines: Line[] = readFileSync(process.argv[2]!, 'utf8').split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Line);
const num = (v: unknown, d = 1): string => (typeof v === 'number' ? v.toFixed(d) : '—');
const out: string[] = [];
const adapter = lines.find((l) => l.kind === 'adapter');
const done = lines.find((l) => l.kind === 'done');
out.push(`adapter: ${String(adapter?.adapter ?? 'none (the gpu backend did not start)')}`, '');
const parity = lines.filter((l) => l.kind === 'parity');
out.push('| parity (gpu float32 vs js float64) | relative error | |', '|---|---:|---|');
for (const p of parity) out.push(`| ${String(p.what)} | ${(p.relErr as number).toExponential(2)} | ${p.ok ? 'ok' : '**FAIL**'} |`);
out.push('', '| micro-benchmark (gpu backend) | ms | GFLOP/s |', '|---|---:|---:|');
for (const m of lines.filter((l) => l.kind === 'micro')) {
  if (typeof m.hostMicroseconds === 'number') out.push(`| one kernel launch (fill 20 numbers): host time / with the GPU's | ${num(m.hostMicroseconds / 1000, 3)} / ${num(m.withGpuMicroseconds as number / 1000, 3)} | |`);
  else out.push(`| ${String(m.what)} | ${num(m.ms, 3)} | ${num(m.gflops)} |`);
}
const rams = lines.filter((l) => l.kind === 'ram');
const torch = (b: unknown): number | undefined => rams.find((r) => String(r.backend).startsWith('pytorch') && r.batch === b)?.examplesPerSecond as number | undefined;
out.push('', '| RAM training | batch | examples/s | ms/step | host ms/step | vs PyTorch | kernels/step | submissions/step | readbacks/step | new storages/step |', '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const r of rams) {
  const t = torch(r.batch);
  const ratio = t && !String(r.backend).startsWith('pytorch') ? `${((r.examplesPerSecond as number) / t).toFixed(2)}×` : '';
  out.push(`| ${String(r.backend)} | ${String(r.batch)} | ${num(r.examplesPerSecond, 0)} | ${num(r.msPerStep, 2)} | ${num(r.hostMsPerStep, 2)} | ${ratio} | ${num(r.kernelsPerStep, 0)} | ${num(r.submissionsPerStep, 0)} | ${num(r.readbacksPerStep, 0)} | ${num(r.allocationsPerStep, 0)} |`);
}
for (const s of lines.filter((l) => l.kind === 'skip')) out.push('', `skipped ${String(s.what)}: ${String(s.why)}`);
out.push('', `parity ${done?.parity === true ? 'passed' : 'FAILED or not run'}; gpu benchmark ${num(done?.seconds)} s`);
console.log(out.join('\n'));
