/**
 * Builds the live RAM page into a folder (default out/demo): demo/page.ts bundled by esbuild into
 * demo.js, demo/index.html, the wasm kernels beside the bundle (where the wasm backend fetches them),
 * the shipped model, and digits.json with the first `count` digits of the standard MNIST test set
 * (the order `dpnn ram eval` reads them in), as base64 bytes.
 * Usage: node --import tsx demo/build.ts [outDir]
 */
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { loadMnist } from '../lib/data/mnist.js';

export const demoModel = 'models/ram-mnist.safetensors';
const kernels = 'lib/kernels/wasm/kernels.wasm';

export async function buildDemo(outDir = 'out/demo', count = 300): Promise<string> {
  for (const [file, how] of [[demoModel, 'the shipped model (git checkout)'], [kernels, 'npm run build:wasm']] as const) {
    if (!existsSync(file)) throw new Error(`demo: ${file} is missing (${how})`);
  }
  mkdirSync(outDir, { recursive: true });
  await build({
    entryPoints: ['demo/page.ts'], bundle: true, format: 'esm', platform: 'browser', target: 'es2022',
    outfile: join(outDir, 'demo.js'), logLevel: 'error', legalComments: 'none',
  });
  copyFileSync('demo/index.html', join(outDir, 'index.html'));
  copyFileSync(kernels, join(outDir, 'kernels.wasm'));
  copyFileSync(demoModel, join(outDir, 'ram-mnist.safetensors'));
  const test = loadMnist().test, side = test.height, n = Math.min(count, test.count);
  const digits = {
    side, count: n, labels: Array.from(test.labels.subarray(0, n)),
    images: Buffer.from(test.images.subarray(0, n * side * side)).toString('base64'),
  };
  writeFileSync(join(outDir, 'digits.json'), JSON.stringify(digits));
  return outDir;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  buildDemo(process.argv[2]).then((dir) => console.log(`demo built into ${dir}/`), (e: Error) => {
    console.error(e.message);
    process.exit(1);
  });
}
