/**
 * A progress bar on stderr: redrawn in place on a terminal; a plain line every 10% otherwise.
 */
export class Progress {
  private start = Date.now();
  private lastDecile = -1;
  private readonly tty: boolean;

  constructor(private readonly label: string, private readonly total: number, private readonly stream: NodeJS.WriteStream = process.stderr, private readonly quiet = false) {
    this.tty = Boolean(stream.isTTY);
  }

  update(done: number, extra = ''): void {
    if (this.quiet) return;
    const frac = this.total > 0 ? done / this.total : 1;
    const secs = (Date.now() - this.start) / 1000;
    const rate = secs > 0 ? done / secs : 0;
    const eta = rate > 0 ? (this.total - done) / rate : 0;
    const info = `${Math.round(100 * frac)}% ${done}/${this.total} ${rate.toFixed(0)} ex/s${extra ? ' ' + extra : ''} ETA ${fmt(eta)}`;
    if (this.tty) {
      const width = 24, fill = Math.round(width * frac);
      this.stream.write(`\r${this.label} [${'='.repeat(fill)}${' '.repeat(width - fill)}] ${info}\x1b[K`);
    } else {
      const decile = Math.floor(frac * 10);
      if (decile !== this.lastDecile) {
        this.lastDecile = decile;
        this.stream.write(`${this.label} ${info}\n`);
      }
    }
  }

  done(): void {
    if (this.tty && !this.quiet) this.stream.write('\n');
  }
}

export function fmt(seconds: number): string {
  const s = Math.round(seconds);
  return s >= 3600 ? `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m` : s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}
