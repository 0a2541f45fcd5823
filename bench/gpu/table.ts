/**
 * Turns the JSON lines of bench/gpu/bench.ts, convlstm.ts, ram_torch.py and convlstm_torch.py into
 * Markdown tables with ratios to PyTorch measured in the same run. Usage: node bench/gpu/table.js LOG.jsonl
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
const cl = lines.filter((l) => l.kind === 'convlstm');
if (cl.length) {
  // convolution and LSTM rows (bench/gpu/convlstm.ts, convlstm_torch.py): ms per call on each backend, ratios of times (< 1: dpnn-ts faster)
  const seen = [...new Set(cl.map((l) => String(l.backend)))], whats = [...new Set(cl.map((l) => String(l.what)))];
  const backends = [...['gpu', 'wasm'].filter((b) => seen.includes(b)), ...seen.filter((b) => b !== 'gpu' && b !== 'wasm')];
  const at = (w: string, b: string | undefined): Line | undefined => cl.find((l) => l.what === w && l.backend === b);
  const cuda = backends.find((b) => b.startsWith('pytorch') && !b.includes('(cpu')), cpu = backends.find((b) => b.startsWith('pytorch') && b.includes('(cpu'));
  const ratio = (a?: Line, b?: Line): string => (typeof a?.ms === 'number' && typeof b?.ms === 'number' ? `${(a.ms / b.ms).toFixed(2)}×` : '—');
  const peers = [...(cuda ? [['gpu', cuda]] : []), ...(cpu ? [['wasm', cpu]] : [])] as Array<[string, string]>;
  out.push('', `| conv / LSTM training (ms per call) | ${backends.map((b) => (b.startsWith('pytorch') ? b : `dpnn-ts ${b}`)).join(' | ')} | ${peers.map(([a, b]) => `${a} / ${b.replace(/^pytorch \S+ /, 'PyTorch ')}`).join(' | ')} | gpu kernels/call | gpu readbacks/call | gpu host kernels/call |`);
  out.push(`|---|${backends.map(() => '---:|').join('')}${peers.map(() => '---:|').join('')}---:|---:|---|`);
  for (const w of whats) {
    const g = at(w, 'gpu');
    out.push(`| ${w} | ${backends.map((b) => num(at(w, b)?.ms, 2)).join(' | ')} | ${peers.map(([a, b]) => ratio(at(w, a), at(w, b))).join(' | ')} | ${num(g?.kernelsPerCall, 0)} | ${num(g?.readbacksPerCall, 1)} | ${String(g?.hostKernels ?? '—') || 'none'} |`);
  }
}
for (const e of lines.filter((l) => l.kind === 'convlstm-error')) out.push('', `failed: ${String(e.what)} on ${String(e.backend)}: ${String(e.error)}`);
const cd = lines.find((l) => l.kind === 'convlstm-done');
if (cl.length || cd) out.push('', `conv / LSTM rows ${cd ? `done in ${num(cd.seconds)} s` : 'cut short (timeout or crash)'}`);
for (const s of lines.filter((l) => l.kind === 'skip')) out.push('', `skipped ${String(s.what)}: ${String(s.why)}`);
out.push('', `parity ${done?.parity === true ? 'passed' : 'FAILED or not run'}; gpu benchmark ${num(done?.seconds)} s`);
console.log(out.join('\n'));
