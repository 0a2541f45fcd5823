/**
 * `torch.Timer`: measures elapsed wall-clock (`real`), user-CPU (`user`) and system-CPU (`sys`) time in
 * seconds, as the UNIX `time` command does. A new timer is running; `stop()` stores the time counted so
 * far and freezes it, `resume()` counts on from there (stopped time does not count), `reset()` zeroes the
 * totals and keeps the running/stopped state. `stop()` on a stopped timer and `resume()` on a running one
 * do nothing, as in Torch. `user`/`sys` come from `process.cpuUsage()` (they cover the whole process,
 * all threads, like getrusage) and are 0 where it is unavailable; `real` uses the monotonic
 * `performance.now()` rather than gettimeofday, so it never goes backwards when the clock is set.
 *
 * Ref: torch7 Timer.c, doc/timer.md
 */

/** What `Timer.time()` returns, in seconds. */
export interface TimerTimes {
  real: number;
  user: number;
  sys: number;
}

function now(): TimerTimes {
  const real = performance.now() / 1000;
  if (typeof process !== 'undefined' && typeof process.cpuUsage === 'function') {
    const cpu = process.cpuUsage();
    return { real, user: cpu.user / 1e6, sys: cpu.system / 1e6 };
  }
  return { real, user: 0, sys: 0 };
}

export class Timer {
  #running = true;
  #total: TimerTimes = { real: 0, user: 0, sys: 0 };
  #start: TimerTimes = now();

  /** Whether the timer is counting (not stopped). */
  get isRunning(): boolean {
    return this.#running;
  }

  /** Zeroes the accumulated time; a running timer restarts counting now, a stopped one stays stopped. */
  reset(): this {
    this.#total = { real: 0, user: 0, sys: 0 };
    this.#start = now();
    return this;
  }

  /** Stops counting and stores the time counted so far. No-op if already stopped. */
  stop(): this {
    if (this.#running) {
      this.#total = this.#elapsed();
      this.#running = false;
    }
    return this;
  }

  /** Counts on from the stored time. No-op if already running. */
  resume(): this {
    if (!this.#running) {
      this.#running = true;
      this.#start = now();
    }
    return this;
  }

  /** The accumulated time, in seconds: `{ real, user, sys }`. */
  time(): TimerTimes {
    return this.#running ? this.#elapsed() : { ...this.#total };
  }

  /** `torch.Timer [status: running]` */
  toString(): string {
    return `torch.Timer [status: ${this.#running ? 'running' : 'stopped'}]`;
  }

  #elapsed(): TimerTimes {
    const t = now();
    return {
      real: this.#total.real + t.real - this.#start.real,
      user: this.#total.user + t.user - this.#start.user,
      sys: this.#total.sys + t.sys - this.#start.sys,
    };
  }
}
