/**
 * Pictures of where a RAM looks, as the Torch blog shows them: for each digit, one panel per glimpse
 * step with the image and the boxes of every glimpse so far (one box per depth; the current step in
 * red, earlier ones in blue), and under it the glimpse patches the model saw at that step.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as nn from '../index.js';
import { patchSize, patchStart } from '../lib/glimpseGeometry.js';
import type { Ram } from './model.js';
import { type ImageSource, fillBatch } from './data.js';
import { Canvas } from '../lib/png.js';

export interface GlimpsePicture { file: string; label: number; predicted: number; locations: Array<[number, number]> }

export function drawGlimpses(ram: Ram, src: ImageSource, outDir: string, count = 5, first = 0): GlimpsePicture[] {
  mkdirSync(outDir, { recursive: true });
  const c = ram.config, H = src.height, W = src.width, T = c.nGlimpses;
  const zoom = Math.max(2, Math.round(112 / H)), pad = 6;
  const x = nn.Tensor.zeros([count, src.channels, H, W]), y = nn.Tensor.zeros([count]);
  fillBatch(src, Uint32Array.from({ length: count }, (_, i) => first + i), 0, count, x, y);
  const train = ram.agent.train;
  ram.agent.evaluate();
  const logp = nn.asTensor((ram.agent.forward(x) as nn.Activity[])[0]!);
  const locs = ram.attention.actions.map((a) => nn.asTensor(a).clone());
  const sensor = new nn.SpatialGlimpse(c.glimpseSize, c.glimpseDepth, c.glimpseScale);
  const g = { height: c.glimpseSize, width: c.glimpseSize, depth: c.glimpseDepth, scale: c.glimpseScale };
  const out: GlimpsePicture[] = [];
  for (let i = 0; i < count; i++) {
    const panel = W * zoom, patchZoom = Math.floor(panel / (c.glimpseSize * c.glimpseDepth)) || 1;
    const canvas = new Canvas(T * (panel + pad) + pad, H * zoom + c.glimpseSize * patchZoom + 3 * pad);
    const img = x.select(0, i).select(0, 0).clone().toArray();
    const locations: Array<[number, number]> = [];
    for (let t = 0; t < T; t++) {
      const x0 = pad + t * (panel + pad), y0 = pad;
      canvas.image(x0, y0, img, H, W, zoom);
      const l = locs[t]!;
      locations.push([l.get(i, 0), l.get(i, 1)]);
      for (let s = 0; s <= t; s++) {
        const [ly, lx] = [locs[s]!.get(i, 0), locs[s]!.get(i, 1)];
        for (let d = 0; d < c.glimpseDepth; d++) {
          const [ph, pw] = patchSize(g, d);
          const top = patchStart(ly, ph, H), left = patchStart(lx, pw, W);
          canvas.rect(x0 + left * zoom, y0 + top * zoom, x0 + (left + pw) * zoom - 1, y0 + (top + ph) * zoom - 1, s === t ? [220, 30, 30] : [60, 90, 200],
            [x0, y0, x0 + panel - 1, y0 + H * zoom - 1]);
        }
      }
      const patch = sensor.forward([x.select(0, i).clone(), l.select(0, i).clone()]);
      for (let d = 0; d < c.glimpseDepth; d++) {
        canvas.image(x0 + d * c.glimpseSize * patchZoom, y0 + H * zoom + pad, patch.select(0, d * src.channels).clone().toArray(), c.glimpseSize, c.glimpseSize, patchZoom);
      }
    }
    let predicted = 0;
    for (let k = 1; k < c.nClasses; k++) if (logp.get(i, k) > logp.get(i, predicted)) predicted = k;
    const file = join(outDir, `glimpses-${first + i}.png`);
    writeFileSync(file, canvas.png());
    out.push({ file, label: y.get(i), predicted, locations });
  }
  if (train) ram.agent.training();
  return out;
}
