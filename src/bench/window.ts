/**
 * The measured window of a closed-loop run, shared by the request scenarios (runner.ts) and the handshake
 * scenarios (connections.ts): a warm-up whose operations are not counted, then a window of `durationS`
 * seconds (or until the loops have issued `count` operations). An operation counts when it was sent inside
 * the window and completed before the window ended.
 */
export interface WindowOptions {
  warmupS: number;
  durationS: number;
  /** Stop after this many operations instead of after durationS. */
  count?: number;
  /** Called just before the window opens (e.g. to start a server CPU profile). */
  onMeasureStart?(): void | Promise<void>;
  onProgress?(line: string): void;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export class MeasureWindow {
  /** The window is open (the warm-up is over). */
  measuring: boolean;
  start = 0;
  end = Infinity;
  /** The run is over: loops stop issuing, late connections are dropped. */
  stopped = false;
  private issued = 0;
  private readonly startedAt = performance.now();

  constructor(private readonly o: WindowOptions) {
    this.measuring = o.warmupS <= 0;
  }

  /** Reserve n operations for a loop; false once the run is over (stopped, or `count` issued). */
  take(n: number): boolean {
    if (this.stopped || (this.o.count !== undefined && this.issued >= this.o.count)) return false;
    this.issued += n;
    return true;
  }

  /** An operation sent at sentAt was sent inside the window. */
  sentInside(sentAt: number): boolean {
    return this.measuring && sentAt >= this.start;
  }

  /** It counts if it was sent inside the window and completes now, before the window ended. */
  counts(sentInside: boolean): boolean {
    return sentInside && performance.now() <= this.end;
  }

  /** A progress line every second: the warm-up, then status(seconds measured so far). Clear it when done. */
  progress(status: (seconds: number) => string): NodeJS.Timeout {
    return setInterval(() => {
      if (!this.o.onProgress) return;
      const now = performance.now();
      if (!this.measuring) return this.o.onProgress(`warm-up ${((now - this.startedAt) / 1000).toFixed(0)}/${this.o.warmupS} s`);
      this.o.onProgress(status((now - this.start) / 1000));
    }, 1000);
  }

  /**
   * Starts the loops, runs the warm-up and the window, and waits for the loops to finish. `atTimedEnd` runs
   * when a timed window closes, before the loops are awaited. Returns the measured seconds.
   */
  async run(startLoops: () => Promise<void>[], atTimedEnd?: () => void): Promise<number> {
    const begin = async (): Promise<void> => {
      await this.o.onMeasureStart?.();
      this.start = performance.now();
      this.measuring = true;
    };
    if (this.measuring) await begin();
    const loops = startLoops();
    if (!this.measuring) {
      await sleep(this.o.warmupS * 1000);
      this.issued = 0;
      await begin();
    }
    if (this.o.count === undefined) {
      await sleep(this.o.durationS * 1000);
      this.end = performance.now();
      this.stopped = true;
      atTimedEnd?.();
    }
    await Promise.all(loops);
    if (this.o.count !== undefined) this.end = performance.now();
    this.stopped = true;
    return (this.end - this.start) / 1000;
  }
}
