/**
 * How busy this thread's event loop has been lately: the share of time it spent running callbacks (event-loop
 * utilisation) over the last window of at least `windowMs`, measured when asked (no timer).
 */
import { performance, type EventLoopUtilization } from 'node:perf_hooks';

export interface LoopWindow {
  /** Share of the window the loop was busy (0..1). */
  utilization: number;
  /** Length of the window in ms. */
  ms: number;
  /** True when this call completed a new window (false: the latest window, returned again). */
  fresh: boolean;
}

export class LoopLoad {
  private last: EventLoopUtilization = performance.eventLoopUtilization();
  private at = performance.now();
  private latest: LoopWindow = { utilization: 0, ms: 0, fresh: false };

  constructor(private readonly windowMs = 20) {}

  /** The latest complete window; a new one when at least windowMs passed since the previous one. */
  window(): LoopWindow {
    const now = performance.now();
    if (now - this.at < this.windowMs) return this.latest.fresh ? (this.latest = { ...this.latest, fresh: false }) : this.latest;
    const cur = performance.eventLoopUtilization();
    this.latest = { utilization: performance.eventLoopUtilization(cur, this.last).utilization, ms: now - this.at, fresh: true };
    this.last = cur;
    this.at = now;
    return this.latest;
  }
}
