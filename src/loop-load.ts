/**
 * How busy this thread's event loop has been lately: the share of time it spent running callbacks (event-loop
 * utilisation) over the last window of at least `windowMs`, measured when asked (no timer).
 */
import { performance, type EventLoopUtilization } from 'node:perf_hooks';

export class LoopLoad {
  private last: EventLoopUtilization = performance.eventLoopUtilization();
  private at = performance.now();
  private value = 0;

  constructor(private readonly windowMs = 20) {}

  /** Utilisation (0..1) of the latest complete window. */
  utilization(): number {
    const now = performance.now();
    if (now - this.at >= this.windowMs) {
      const cur = performance.eventLoopUtilization();
      this.value = performance.eventLoopUtilization(cur, this.last).utilization;
      this.last = cur;
      this.at = now;
    }
    return this.value;
  }
}
