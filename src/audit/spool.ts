/**
 * Records of reads, held while the database refuses writes.
 *
 * When the database files cannot be written (read-only, disk full), changes must fail, and do. A read
 * changes nothing, so the server keeps serving it: its audit record waits here, in memory and in the
 * server log, and enters the hash chain as soon as the database accepts writes again (a retry every
 * `retryMs`). The spool is bounded: when it is full, reads are refused like writes (the audit trail
 * fails closed again). Records of changes never come here: a change whose record cannot be written in
 * its own transaction is undone and refused (src/audit/batch.ts).
 *
 * Order: spooled records keep their order among themselves and their own times; records of changes
 * written while they wait come before them in the chain.
 */
import type { AuditEvent } from './record';

export class AuditSpoolFullError extends Error {
  constructor(max: number) {
    super(`the database refuses writes and ${max} audit records of reads are already waiting for it`);
    this.name = 'AuditSpoolFullError';
  }
}

export interface AuditSpoolOptions {
  /** Most records held (default 10 000). */
  max?: number;
  /** Time between attempts to write the held records (default 2 000 ms). */
  retryMs?: number;
  /** Write these records to the chain and resolve once they are durable; reject when they are not. */
  flush(events: AuditEvent[]): Promise<void>;
  /** A record was held (the server logs it, so it exists outside this process too). */
  onHeld?(e: AuditEvent, held: number): void;
  onFlushed?(count: number, left: number): void;
  onFlushFailed?(err: unknown, held: number): void;
}

/** Records written per attempt: one group commit each. */
const FLUSH_CHUNK = 1000;

export class AuditSpool {
  private readonly events: AuditEvent[] = [];
  private readonly max: number;
  private readonly retryMs: number;
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;
  private stopped = false;

  constructor(private readonly opts: AuditSpoolOptions) {
    this.max = Math.max(1, opts.max ?? 10_000);
    this.retryMs = Math.max(10, opts.retryMs ?? 2000);
  }

  get size(): number {
    return this.events.length;
  }

  /** Hold one record; throws AuditSpoolFullError when the spool is full (the read is then refused). */
  add(e: AuditEvent): void {
    if (this.events.length >= this.max) throw new AuditSpoolFullError(this.max);
    this.events.push(e);
    this.opts.onHeld?.(e, this.events.length);
    this.schedule();
  }

  /** Try to write everything held now (and keep retrying while anything is left). Resolves when the attempt ends. */
  flushNow(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.flushing) {
      this.flushing = this.attempt().finally(() => {
        this.flushing = undefined;
        // Anything left (a failed attempt, or records held meanwhile) is retried later.
        this.schedule();
      });
    }
    return this.flushing;
  }

  /** Stop retrying (server shutdown). Returns how many records are still held. */
  stop(): number {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    return this.events.length;
  }

  private schedule(): void {
    if (this.stopped || this.timer || this.flushing || this.events.length === 0) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flushNow();
    }, this.retryMs);
    this.timer.unref();
  }

  private async attempt(): Promise<void> {
    while (this.events.length > 0) {
      const chunk = this.events.slice(0, FLUSH_CHUNK);
      try {
        await this.opts.flush(chunk);
      } catch (err) {
        this.opts.onFlushFailed?.(err, this.events.length);
        break;
      }
      // Only now, once they are durable in the chain, are they no longer held.
      this.events.splice(0, chunk.length);
      this.opts.onFlushed?.(chunk.length, this.events.length);
    }
  }
}

/** Errors that mean "the database refuses writes" rather than a bug: SQLite I/O, full, read-only, commit failures. */
export function isStorageRefusal(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return false;
  return /^SQLITE_(READONLY|FULL|IOERR|CANTOPEN|BUSY|LOCKED|PERM)/.test(code) || code === 'commit-failed';
}
