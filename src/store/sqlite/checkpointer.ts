/**
 * WAL checkpoints off the event loop.
 *
 * SQLite's automatic checkpoint runs inside the COMMIT that crosses `wal_autocheckpoint` pages, on the
 * committing connection: it copies the WAL into the database file and fsyncs both, synchronously. On the
 * server's one connection that is a disk flush on the event loop every few hundred writes, stalling every
 * client for tens of milliseconds. So the server's connection turns automatic checkpoints off and a worker
 * thread with its own connection runs PASSIVE checkpoints instead: they never block the writer, and they
 * fsync the WAL before copying and the database after, so a checkpointed page is as durable as before.
 * SQLite restarts the WAL from its beginning at the writer's next transaction once a checkpoint has copied
 * all of it. If the WAL still grows past `restartPages` (a writer that never pauses), the worker runs one
 * RESTART checkpoint, which makes the writer wait briefly once instead of letting the file grow without bound.
 *
 * The worker is created from source text (eval) so that it runs the same way from dist/ and under ts-jest.
 */
import { Worker } from 'node:worker_threads';
import { exitOrTerminate } from '../../worker-exit';

export interface CheckpointerOptions {
  /** Database file (the server's connection has it open in WAL mode already). */
  path: string;
  /** Time between PASSIVE checkpoints (default 200 ms). */
  intervalMs?: number;
  /** WAL size in pages beyond which one RESTART checkpoint is run (default 16384 = 64 MiB of 4 KiB pages). */
  restartPages?: number;
  busyTimeoutMs?: number;
  /** A checkpoint failed (fatal false: the worker tries again next interval; true: the worker is gone). */
  onError?(err: Error, fatal: boolean): void;
}

export interface CheckpointResult {
  busy: number;
  log: number;
  checkpointed: number;
}

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path);
db.pragma('busy_timeout = ' + workerData.busyTimeoutMs);
// A checkpoint syncs the WAL before it copies and the database after: durability does not depend on the
// writer's own synchronous setting.
db.pragma('synchronous = FULL');
db.pragma('wal_autocheckpoint = 0');
let stopped = false;
function checkpoint(mode) {
  const r = db.pragma('wal_checkpoint(' + mode + ')')[0];
  return { busy: r.busy, log: r.log, checkpointed: r.checkpointed };
}
function tick() {
  if (stopped) return;
  try {
    let r = checkpoint('PASSIVE');
    if (r.log > workerData.restartPages) r = checkpoint('RESTART');
    parentPort.postMessage({ type: 'done', result: r });
  } catch (e) {
    parentPort.postMessage({ type: 'error', message: String(e && e.message || e) });
  }
}
const timer = setInterval(tick, workerData.intervalMs);
parentPort.on('message', (m) => {
  if (m === 'now') tick();
  if (m === 'stop') {
    stopped = true;
    clearInterval(timer);
    try { db.close(); } catch {}
    parentPort.close();
  }
});
`;

export class BackgroundCheckpointer {
  private readonly worker: Worker;
  private exited: Promise<void>;
  private waiting: Array<(r: CheckpointResult) => void> = [];
  private stopping = false;
  /** Result of the latest checkpoint (tests and `hsm status`-style diagnostics). */
  last: CheckpointResult | undefined;

  constructor(opts: CheckpointerOptions) {
    this.worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: {
        driver: require.resolve('better-sqlite3'),
        path: opts.path,
        intervalMs: Math.max(10, opts.intervalMs ?? 200),
        restartPages: Math.max(1000, opts.restartPages ?? 16384),
        busyTimeoutMs: Math.max(0, opts.busyTimeoutMs ?? 5000),
      },
    });
    // Never keeps the process alive on its own.
    this.worker.unref();
    this.worker.on('message', (m: { type: string; result?: CheckpointResult; message?: string }) => {
      if (m.type === 'done' && m.result) {
        this.last = m.result;
        for (const w of this.waiting.splice(0)) w(m.result);
      } else if (m.type === 'error') {
        opts.onError?.(new Error(`background WAL checkpoint failed: ${m.message}`), false);
      }
    });
    this.worker.on('error', (e) => opts.onError?.(e, true));
    this.exited = new Promise((resolve) =>
      this.worker.once('exit', (code) => {
        if (!this.stopping) opts.onError?.(new Error(`the WAL checkpoint worker exited (code ${code})`), true);
        resolve();
      }),
    );
  }

  /** Run a checkpoint now and resolve with its result (tests). */
  runNow(): Promise<CheckpointResult> {
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      this.worker.postMessage('now');
    });
  }

  /** Stop the worker and close its connection (before the server's own connection closes). */
  async stop(): Promise<void> {
    this.stopping = true;
    // While stopping, the worker keeps the process alive: an unref'd worker and timer would let a process
    // with nothing else pending exit in the middle of close().
    this.worker.ref();
    this.worker.postMessage('stop');
    await exitOrTerminate(this.worker, this.exited);
  }
}
