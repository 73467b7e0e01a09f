/** Composition helper: the audit trail of a server directory, as the server and the CLI open it. */
import type { TumblerConfig } from '../config/load';
import type { SqlHost } from '../auth/grants';
import { auditSectionOf } from './config';
import { loadAuditKey } from './hmac-key';
import { createAuditLog, type AuditLog } from './log';
import { AuditTrail } from './trail';
import type { AuditEvent } from './record';

export interface OpenedAudit {
  trail: AuditTrail;
  log?: AuditLog;
  /** Try once to chain the records of reads still held (call while the store is open, before closing it). */
  flushHeld(): Promise<void>;
  /** Stop retrying and close the JSON-lines log; reports records still held (they are in the server log only). */
  close(): Promise<void>;
}

/** undefined when audit.enabled is false. `createKey`: the server creates the HMAC key on first start. */
export interface ServerLog {
  info(message: string, meta?: Record<string, unknown>): void;
  warn(message: string, meta?: Record<string, unknown>): void;
  error(message: string, meta?: Record<string, unknown>): void;
}

/**
 * undefined when audit.enabled is false. `createKey`: the server creates the HMAC key on first start.
 * `serverLog`: the server's logger; given, records of reads are held while the database refuses writes
 * (audit.spoolReads), each one logged there so that it exists outside this process.
 */
export function openAudit(
  config: TumblerConfig,
  host: SqlHost,
  opts: { createKey?: boolean; log?: boolean; serverLog?: ServerLog } = {},
): OpenedAudit | undefined {
  const a = auditSectionOf(config);
  if (!a.enabled) return undefined;
  const key = loadAuditKey(a.hmacKeyFile, opts.createKey ?? true);
  const log = opts.log === false ? undefined : createAuditLog({ stdout: a.stdout, file: a.file });
  const slog = opts.serverLog;
  const spool =
    slog && a.spoolReads > 0
      ? {
          max: a.spoolReads,
          onHeld: (e: AuditEvent, held: number) => slog.warn('audit record held: the database refuses writes', { audit: e, held }),
          onFlushed: (n: number, left: number) => slog.info('held audit records entered the chain', { count: n, left }),
          onFlushFailed: (err: unknown, held: number) => slog.warn('held audit records still cannot be written', { error: err, held }),
        }
      : undefined;
  const trail = new AuditTrail(host, { hmacKey: key, checkpointEvery: a.checkpointEvery, onRecord: log ? (r) => log.write(r) : undefined, spool });
  // The server (given its log) signs the head of a quiet trail on a timer: checkpointEvery alone could leave
  // the last records of a quiet day unsigned, and those could be cut off without audit verify noticing.
  let failing = false;
  const timer =
    slog && a.checkpointIntervalMs > 0
      ? setInterval(() => {
          try {
            trail.checkpointIfBehind();
            failing = false;
          } catch (err) {
            if (!failing) slog.warn('audit checkpoint could not be written; retrying on the next interval', { error: err });
            failing = true;
          }
        }, a.checkpointIntervalMs)
      : undefined;
  timer?.unref();
  return {
    trail,
    log,
    flushHeld: async () => {
      if (trail.spool && trail.spool.size > 0) await trail.spool.flushNow();
    },
    close: async () => {
      if (timer) clearInterval(timer);
      const left = trail.spool?.stop() ?? 0;
      if (left > 0) slog?.error('audit records of reads could not enter the chain before shutdown; they are in this log only', { left });
      await log?.close();
    },
  };
}
