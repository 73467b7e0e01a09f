/**
 * Waiting for a worker thread that was asked to stop: it gets `graceMs` to exit by itself (finishing the
 * call it is in, closing what it holds), and is terminated after that.
 */
import type { Worker } from 'node:worker_threads';

export async function exitOrTerminate(worker: Worker, exited: Promise<void>, graceMs = 5000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), graceMs)));
  try {
    if ((await Promise.race([exited.then(() => 'exited' as const), timeout])) === 'timeout') await worker.terminate();
  } finally {
    clearTimeout(timer);
  }
}
