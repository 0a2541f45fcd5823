/**
 * Puts a table written by bench/gpu/run.sh into docs/benchmarks.md as its "## GPU" section
 * (replacing the previous one). Usage: node --import tsx bench/gpu/record.ts OUT/gpu-bench.md "where it ran"
 */
import { readFileSync, writeFileSync } from 'node:fs';

const [tableFile, where] = process.argv.slice(2);
if (!tableFile || !where) {
  console.error('usage: record.ts GPU_BENCH_MD "where it ran (machine, GPU, date)"');
  process.exit(2);
}
const table = readFileSync(tableFile, 'utf8').trim();
const section = `## GPU

Produced by \`bash bench/gpu/run.sh\` (${where}); recorded with \`node --import tsx bench/gpu/record.ts\`.
One run times the gpu backend (parity first, then micro-benchmarks with data already on the
GPU, then RAM training: forward, criteria, backward and Adam, examples per second after three
warm-up steps), the wasm backend's RAM step, convolution and LSTM training rows on the gpu and
wasm backends (\`bench/gpu/convlstm.ts\`: milliseconds per call, medians), and the same RAM,
convolutions and LSTMs in PyTorch eager (\`bench/gpu/ram_torch.py\`, \`bench/gpu/convlstm_torch.py\`,
their own processes), so the ratios come from one run on one machine. In the conv / LSTM table a
ratio is a ratio of times (below 1: dpnn-ts is faster); on the gpu backend the language-model step
does not read its loss back (its criterion's gradient runs on the GPU), the LeNet step reads its
log-probabilities back and runs ClassNLL on the host; "gpu host kernels/call" names the kernels
that ran on the host mirrors instead of the GPU.
"host ms/step" is the time the host spends recording a step (forward, criteria, backward, Adam),
the wait for the step's readback excluded; on Mesa's software adapter the "GPU" work itself runs
inside Dawn's submissions, on the host.

${table}
`;
const doc = readFileSync('docs/benchmarks.md', 'utf8');
const at = doc.indexOf('\n## GPU');
const next = at >= 0 ? doc.indexOf('\n## ', at + 1) : -1;
const updated = at < 0 ? `${doc.trimEnd()}\n\n${section}` : `${doc.slice(0, at)}\n${section}${next >= 0 ? doc.slice(next) : ''}`;
writeFileSync('docs/benchmarks.md', updated);
console.log('wrote the GPU section of docs/benchmarks.md');
