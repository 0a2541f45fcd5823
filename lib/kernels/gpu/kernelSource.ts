/**
 * How the gpu backend's kernels are written: gpu.js's JavaScript subset (compiled by gpu.js to WGSL or GLSL). Each
 * computes one output element per thread (`this.thread.x`) of a 1-D output; tensors arrive as
 * whole storage buffers with their element offset (o*), numbers as floats (indices are exact
 * below 2^24, which the backend checks). Arguments are listed with their gpu.js types; the order
 * of `args` is the call order. A loop bounded by a local value is written with a constant bound
 * and a break: WebGL 1's GLSL compares loop indices with constants only (browsers enforce it).
 */
export interface KernelSource {
  args: Record<string, 'Array' | 'Float'>;
  body: string;
}

const A = 'Array' as const, F = 'Float' as const;

export function k(args: string, body: string): KernelSource {
  const spec: Record<string, 'Array' | 'Float'> = {};
  for (const a of args.split(/\s*,\s*/)) {
    const [name, type] = a.split(':') as [string, string | undefined];
    spec[name] = type === 'A' ? A : F;
  }
  return { args: spec, body };
}

/** Elementwise kernels share this prologue. */
export const I = 'const i = this.thread.x;\n';

/** q = floor(a / b) and r = a − q·b, corrected by one where float division rounds across an integer. */
export const split = (q: string, r: string, a: string, b: string): string => `
    let ${q} = Math.floor(${a} / ${b});
    if (${q} * ${b} > ${a}) { ${q} = ${q} - 1.0; }
    if ((${q} + 1.0) * ${b} <= ${a}) { ${q} = ${q} + 1.0; }
    const ${r} = ${a} - ${q} * ${b};`;
