/** Timing helpers: median time per call over several samples, each long enough to be measured. */
export interface Timing { ms: number; samples: number[] }

export function time(fn: () => void, minMs = 30, samples = 7): Timing {
  for (let i = 0; i < 3; i++) fn();
  let reps = 1;
  for (;;) {
    const t0 = performance.now();
    for (let i = 0; i < reps; i++) fn();
    const dt = performance.now() - t0;
    if (dt >= minMs || reps >= 1 << 20) break;
    reps *= dt > 0 ? Math.min(16, Math.ceil((minMs * 1.2) / dt)) : 16;
  }
  const out: number[] = [];
  for (let s = 0; s < samples; s++) {
    const t0 = performance.now();
    for (let i = 0; i < reps; i++) fn();
    out.push((performance.now() - t0) / reps);
  }
  const sorted = out.slice().sort((a, b) => a - b);
  return { ms: sorted[Math.floor(sorted.length / 2)]!, samples: out };
}
