/**
 * Test runner: runs every test/**\/*.test.ts in its own Node process (two at a time), prints their
 * TAP output file by file, and ends with `N passed, N failed`. A file that crashes or exits non-zero
 * without reporting a failure counts as one failed test, so nothing vanishes.
 * Usage: node --import tsx test/run.ts [filter substrings…]
 */
import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { cpus } from 'node:os';

function findTests(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...findTests(p));
    else if (name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

interface FileResult { file: string; output: string; code: number | null; passed: number; failed: number; skipped: number; seconds: number }

function runFile(file: string): Promise<FileResult> {
  const t0 = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', file], { env: { ...process.env, FORCE_COLOR: '0' } });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('close', (code) => {
      let passed = 0, failed = 0, skipped = 0;
      for (const line of output.split('\n')) {
        if (/^not ok \d+/.test(line)) failed++;
        else if (/^ok \d+.*# SKIP/i.test(line)) skipped++;
        else if (/^ok \d+/.test(line)) passed++;
      }
      if (code !== 0 && failed === 0) {
        failed++;
        output += `\nnot ok - ${file} exited with code ${code} before reporting a failure (crash?)\n`;
      }
      resolve({ file, output, code, passed, failed, skipped, seconds: (Date.now() - t0) / 1000 });
    });
  });
}

const filters = process.argv.slice(2);
const files = findTests('test').filter((f) => filters.length === 0 || filters.some((s) => f.includes(s)));
const parallel = Math.max(1, Math.min(2, cpus().length));
const results: FileResult[] = new Array(files.length);
let next = 0, printed = 0;
const ready = new Map<number, FileResult>();

async function worker(): Promise<void> {
  while (next < files.length) {
    const i = next++;
    ready.set(i, await runFile(files[i]!));
    while (ready.has(printed)) {
      const r = ready.get(printed)!;
      results[printed] = r;
      process.stdout.write(`\n# ==== ${relative('.', r.file)} (${r.seconds.toFixed(1)} s)\n${r.output}`);
      ready.delete(printed++);
    }
  }
}

await Promise.all(Array.from({ length: parallel }, worker));
const passed = results.reduce((s, r) => s + r.passed, 0);
const failed = results.reduce((s, r) => s + r.failed, 0);
const skipped = results.reduce((s, r) => s + r.skipped, 0);
const bad = results.filter((r) => r.failed > 0).map((r) => relative('.', r.file));
process.stdout.write(`\n# files: ${files.length}, skipped assertions: ${skipped}${bad.length ? `, failing files: ${bad.join(', ')}` : ''}\n`);
process.stdout.write(`${passed} passed, ${failed} failed\n`);
process.exitCode = failed > 0 || files.length === 0 ? 1 : 0;
