/**
 * Headless Chromium for the browser tests, as test/backends/gpu-browser.test.ts drives it: a page's
 * console lines read from Chromium's stderr log. Lines `DPNN-<TAG> <body>` are collected by tag;
 * `DPNN-DONE` or `DPNN-ERROR` ends the run, unless a screenshot is wanted: then Chromium runs the page
 * under a virtual-time budget (time stands still while the page works or fetches) and exits itself.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const chromium = ['chromium', 'chromium-browser', 'google-chrome'].find((b) => spawnSync('sh', ['-c', `command -v ${b}`]).status === 0);

/** DPNN_REQUIRE_GPU=1, or a list naming webgl: a missing Chromium fails instead of skipping. */
export const webglRequired = process.env.DPNN_REQUIRE_GPU === '1' || (process.env.DPNN_REQUIRE_GPU ?? '').split(',').includes('webgl');

/** WebGL through ANGLE on SwiftShader: no GPU needed. */
export const swiftShaderWebGL = ['--use-angle=swiftshader', '--enable-unsafe-swiftshader'];

export interface PageRun {
  /** Bodies of the DPNN-<TAG> lines, by tag. */
  tags: Map<string, string[]>;
  /** Every other console message of the page (warnings and errors included). */
  console: string[];
  done: boolean;
  error: string;
}

export interface RunOptions {
  flags?: string[];
  /** Writes a screenshot of the page (window `size`) to this path once the page is idle. */
  screenshot?: string;
  size?: [number, number];
  timeoutMs?: number;
}

export async function runPage(exe: string, url: string, opts: RunOptions = {}): Promise<PageRun> {
  const profile = mkdtempSync(join(tmpdir(), 'dpnn-chromium-'));
  const timeoutMs = opts.timeoutMs ?? 120_000;
  const shot = opts.screenshot ? [`--screenshot=${opts.screenshot}`, `--window-size=${(opts.size ?? [1100, 720]).join(',')}`, '--hide-scrollbars', `--virtual-time-budget=${timeoutMs}`] : [];
  const args = ['--headless', '--no-sandbox', ...(opts.flags ?? []), '--enable-logging=stderr', '--v=0', `--user-data-dir=${profile}`, ...shot, url];
  const res: PageRun = { tags: new Map(), console: [], done: false, error: '' };
  try {
    await new Promise<void>((resolve) => {
      const p = spawn(exe, args, { stdio: ['ignore', 'ignore', 'pipe'] });
      const timer = setTimeout(() => {
        res.error ||= `timed out after ${timeoutMs / 1000} s`;
        p.kill('SIGKILL');
      }, timeoutMs + 30_000);
      let buf = '';
      p.stderr.on('data', (d: Buffer) => {
        buf += d.toString();
        let nl;
        while ((nl = buf.indexOf('\n')) >= 0) {
          const line = buf.slice(0, nl);
          buf = buf.slice(nl + 1);
          const c = /:CONSOLE[:(]\d*\)?\] "(.*)", source: /.exec(line);
          if (!c) continue;
          const text = c[1]!; // Chromium logs the message as it is, quotes unescaped
          const m = /^DPNN-(\w+) ?([\s\S]*)$/.exec(text);
          if (!m) {
            res.console.push(text);
            continue;
          }
          const list = res.tags.get(m[1]!) ?? [];
          list.push(m[2]!);
          res.tags.set(m[1]!, list);
          if (m[1] === 'ERROR') res.error = m[2]!;
          if (m[1] === 'DONE') res.done = true;
          if ((m[1] === 'ERROR' || m[1] === 'DONE') && !opts.screenshot) p.kill();
        }
      });
      p.on('close', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
  return res;
}
