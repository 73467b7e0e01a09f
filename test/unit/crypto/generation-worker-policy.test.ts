/** generationWorker 'auto': when the worker pays (workerPays), from a loop window and the keys it made. */
import { WORKER_BUSY_LOOP, workerPays } from '../../../src/crypto/pkcs11/generation-worker';

const w = (utilization: number, ms = 20) => ({ utilization, ms, fresh: true });

test('an idle or half-busy loop keeps generation inline; a busy one sends it to the worker', () => {
  expect(workerPays(w(0.1), 0, 0.15)).toBe(false);
  expect(workerPays(w(0.46), 0, 0.15)).toBe(false); // one client, inline
  expect(workerPays(w(WORKER_BUSY_LOOP), 0, 0.15)).toBe(true);
  expect(workerPays(w(0.95), 0, 0.15)).toBe(true);
});

test('the loop time the worker saved counts: its relief does not switch it off', () => {
  // 28 keys in a 20 ms window at 0.15 ms each would have cost the loop 0.21 of it.
  expect(workerPays(w(0.52), 28, 0.15)).toBe(true);
  // A few keys on a quiet loop (one client using the worker) do not keep it on.
  expect(workerPays(w(0.42), 8, 0.15)).toBe(false);
  expect(workerPays(w(0.5, 0), 100, 0.15)).toBe(false);
});
