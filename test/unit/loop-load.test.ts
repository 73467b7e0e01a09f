/** LoopLoad: the event-loop utilisation of the latest window, measured when asked. */
import { LoopLoad } from '../../src/loop-load';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const spin = (ms: number) => {
  const end = performance.now() + ms;
  while (performance.now() < end);
};

test('low after an idle window, high after a busy one, and unchanged within a window', async () => {
  const load = new LoopLoad(20);
  await sleep(40);
  expect(load.utilization()).toBeLessThan(0.5);
  spin(40);
  const busy = load.utilization();
  expect(busy).toBeGreaterThan(0.8);
  // Asked again before the next window is complete: the same value, not a new measure.
  expect(load.utilization()).toBe(busy);
  await sleep(60);
  expect(load.utilization()).toBeLessThan(0.5);
});
