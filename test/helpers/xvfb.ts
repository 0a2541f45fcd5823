/**
 * An X server for headless-gl in tests: the one in DISPLAY when set, otherwise a private Xvfb
 * started here (stopped at exit, and by -terminate when its last client, this process, goes away).
 * Returns the reason when neither is possible.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export async function ensureDisplay(): Promise<{ display: string } | { reason: string }> {
  if (process.env.DISPLAY) return { display: process.env.DISPLAY };
  if (spawnSync('sh', ['-c', 'command -v Xvfb']).status !== 0) return { reason: 'no DISPLAY and no Xvfb (apt-get install xvfb)' };
  for (let n = 90 + (process.pid % 100); n < 400; n += 7) {
    if (existsSync(`/tmp/.X11-unix/X${n}`) || existsSync(`/tmp/.X${n}-lock`)) continue;
    const x = spawn('Xvfb', [`:${n}`, '-screen', '0', '64x64x24', '-nolisten', 'tcp', '-terminate'], { stdio: 'ignore', detached: false });
    process.on('exit', () => x.kill());
    for (let i = 0; i < 50; i++) {
      if (existsSync(`/tmp/.X11-unix/X${n}`)) {
        process.env.DISPLAY = `:${n}`;
        return { display: `:${n}` };
      }
      if (x.exitCode !== null) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    x.kill();
  }
  return { reason: 'Xvfb did not start' };
}
