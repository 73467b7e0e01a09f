/**
 * The audit trail: records appended to the `audit` table of the store's database, each chained to the
 * previous one by SHA-256, with an HMAC checkpoint every `checkpointEvery` records (`audit_checkpoints`).
 *
 * Appending runs as one write of the store's current group commit (SqlHost.groupWrite): the record commits,
 * and is fsynced, in the same transaction as the writes of the batch item it describes, and a client is
 * answered only after that commit (handler.ts awaits store.durable()). The predecessor is read inside the
 * write, under SQLite's write lock, so a CLI process appending at the same time cannot fork the chain.
 */
import type Database from 'better-sqlite3';
import type { SqlHost } from '../auth/grants';
import { GENESIS_HASH, chainHash, checkpointMac, linkFault, normalizeEvent, chainedRecord, type AuditEvent, type AuditRecord } from './record';
import { AuditSpool, isStorageRefusal, type AuditSpoolOptions } from './spool';
import { anchorMac, readAnchor } from './archive';

export interface AuditTrailOptions {
  hmacKey: Buffer;
  /** Write an HMAC checkpoint after every N records (default 100). */
  checkpointEvery?: number;
  /** Called with every appended record (JSON-lines log). Must not throw. */
  onRecord?: (r: AuditRecord) => void;
  /**
   * Hold records of reads while the database refuses writes, so reads keep being served (spool.ts). Absent:
   * such a read is refused like a write (the CLI, and the strict setting audit.spoolReads = 0).
   */
  spool?: Omit<AuditSpoolOptions, 'flush'>;
}

export interface AuditFilter {
  since?: string;
  until?: string;
  principal?: string;
  object?: string;
  operation?: string;
  limit?: number;
}

export interface AuditRow {
  seq: number;
  time: string;
  source: string;
  principal: string;
  fingerprint: string;
  address: string;
  version: string;
  operation: string;
  objects: string;
  status: string;
  reason: string;
  message: string;
  duration_us: number;
  prev_hash: string;
  hash: string;
}

export function rowToRecord(r: AuditRow): AuditRecord {
  let objects: string[];
  try {
    const parsed = JSON.parse(r.objects) as unknown;
    objects = Array.isArray(parsed) ? parsed.map(String) : [String(r.objects)];
  } catch {
    objects = [String(r.objects)];
  }
  return {
    seq: r.seq,
    time: r.time,
    source: r.source as AuditRecord['source'],
    principal: r.principal,
    fingerprint: r.fingerprint,
    address: r.address,
    version: r.version,
    operation: r.operation,
    objects,
    status: r.status,
    reason: r.reason,
    message: r.message,
    durationUs: r.duration_us,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

export class AuditTrail {
  private readonly db: Database.Database;
  private readonly stmts;
  private readonly every: number;
  private readonly withCheckpoint: (fn: () => void) => void;
  /** Records of reads waiting for the database to accept writes again (undefined: not enabled). */
  readonly spool: AuditSpool | undefined;

  constructor(
    private readonly host: SqlHost,
    private readonly opts: AuditTrailOptions,
  ) {
    this.db = host.connection;
    this.every = Math.max(1, opts.checkpointEvery ?? 100);
    // Record + checkpoint are two statements: they go in together or not at all (a nested savepoint).
    this.withCheckpoint = this.db.transaction((fn: () => void) => fn());
    if (opts.spool && host.durable) {
      const durable = host.durable.bind(host);
      this.spool = new AuditSpool({
        ...opts.spool,
        flush: async (events) => {
          // Written as changes (flushed to disk before they leave the spool); a refusal rolls them back.
          this.host.groupWrite(() => {
            for (const e of events) this.insertChained(e);
          });
          await durable();
        },
      });
    }
    this.stmts = {
      last: this.db.prepare('SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1'),
      insert: this.db.prepare(
        `INSERT INTO audit (seq, time, source, principal, fingerprint, address, version, operation, objects, status, reason, message, duration_us, prev_hash, hash)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      checkpoint: this.db.prepare('INSERT INTO audit_checkpoints (seq, hash, time, hmac) VALUES (?, ?, ?, ?) ON CONFLICT (seq) DO NOTHING'),
      head: this.db.prepare('SELECT max(seq) AS s FROM audit'),
      lastCheckpoint: this.db.prepare('SELECT max(seq) AS s FROM audit_checkpoints'),
    };
  }

  /** Append one record; throws when it cannot be persisted (the caller then refuses the operation). */
  append(event: AuditEvent, opts: { changedNothing?: boolean } = {}): AuditRecord {
    const e = normalizeEvent(event);
    const spool = opts.changedNothing ? this.spool : undefined;
    // While the database refuses writes, or earlier reads still wait for it, a read's record waits too
    // (in order). seq 0 and empty hashes: it has no place in the chain yet.
    if (spool && (spool.size > 0 || this.host.writable === false)) {
      spool.add(e);
      return { ...e, seq: 0, prevHash: '', hash: '' };
    }
    let rec: AuditRecord;
    try {
      rec = this.host.groupWrite(
        () => this.insertChained(e),
        // The record of an item that changed nothing is committed before its answer, but the answer does
        // not wait for the disk flush (see GroupCommitter.settled); a change's record is flushed with it.
        { record: opts.changedNothing === true, atomic: false },
      );
    } catch (err) {
      if (!spool || !isStorageRefusal(err)) throw err;
      spool.add(e);
      return { ...e, seq: 0, prevHash: '', hash: '' };
    }
    try {
      this.opts.onRecord?.(rec);
    } catch {
      // The log copy is best effort; the database record is the one that counts.
    }
    return rec;
  }

  /** Chain one record after the current head (inside a group write). */
  private insertChained(e: AuditEvent): AuditRecord {
    const last = this.stmts.last.get() as { seq: number; hash: string } | undefined;
    const seq = (last?.seq ?? 0) + 1;
    const prevHash = last?.hash ?? GENESIS_HASH;
    const hash = chainHash(prevHash, e);
    // Positional parameters, in the column order of the INSERT (binding by name costs more per record).
    const row = [
      seq, e.time, e.source, e.principal, e.fingerprint, e.address, e.version, e.operation, JSON.stringify(e.objects), e.status, e.reason,
      e.message, e.durationUs, prevHash, hash,
    ];
    if (seq % this.every !== 0) {
      // One INSERT is atomic by itself: no savepoint around it (two statements per record saved).
      this.stmts.insert.run(row);
    } else {
      this.withCheckpoint(() => {
        this.stmts.insert.run(row);
        this.stmts.checkpoint.run(seq, hash, e.time, checkpointMac(this.opts.hmacKey, seq, hash, e.time));
      });
    }
    return chainedRecord(e, seq, prevHash, hash);
  }

  /**
   * Checkpoint the head if records were added since the last checkpoint (the server's timer,
   * audit.checkpointIntervalMs). Returns whether it signed one.
   */
  checkpointIfBehind(now: Date = new Date()): boolean {
    const head = (this.stmts.head.get() as { s: number | null }).s;
    const signed = (this.stmts.lastCheckpoint.get() as { s: number | null }).s;
    if (head === null || (signed !== null && signed >= head)) return false;
    this.checkpoint(now);
    return true;
  }

  /** Checkpoint the current head now (e.g. at server shutdown), so a truncated tail is detected. */
  checkpoint(now: Date = new Date()): void {
    this.host.groupWrite(() => {
      const last = this.stmts.last.get() as { seq: number; hash: string } | undefined;
      if (!last) return;
      const time = now.toISOString();
      this.stmts.checkpoint.run(last.seq, last.hash, time, checkpointMac(this.opts.hmacKey, last.seq, last.hash, time));
    });
  }

  query(f: AuditFilter = {}): AuditRecord[] {
    return queryAudit(this.db, f);
  }
}

export function queryAudit(db: Database.Database, f: AuditFilter = {}): AuditRecord[] {
  const where: string[] = [];
  const params: unknown[] = [];
  if (f.since) (where.push('time >= ?'), params.push(f.since));
  if (f.until) (where.push('time <= ?'), params.push(f.until));
  if (f.principal) (where.push('principal = ?'), params.push(f.principal));
  if (f.operation) (where.push('lower(operation) = lower(?)'), params.push(f.operation));
  if (f.object) (where.push('EXISTS (SELECT 1 FROM json_each(audit.objects) WHERE json_each.value = ?)'), params.push(f.object));
  // With a limit: the most recent records, still returned oldest first.
  const limit = f.limit !== undefined ? ` LIMIT ${Math.max(0, Math.trunc(f.limit))}` : '';
  const sql = `SELECT * FROM audit ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY seq${limit ? ' DESC' + limit : ''}`;
  const rows = (db.prepare(sql).all(...params) as AuditRow[]).map(rowToRecord);
  return limit ? rows.reverse() : rows;
}

export interface ChainProblem {
  seq: number;
  kind: 'altered' | 'removed' | 'reordered' | 'checkpoint';
  detail: string;
}

export interface VerifyReport {
  ok: boolean;
  records: number;
  checkpoints: number;
  /** The records up to this one were moved to archive files (archive.ts); the chain continues from it. */
  archivedThrough?: number;
  /** Problems found, the first one first. */
  problems: ChainProblem[];
}

/**
 * Walk the chain in storage order and check every checkpoint. Reports the first broken link precisely:
 *  - altered: the record's own hash does not match its content;
 *  - removed: a sequence number is missing (or the records before the first one are);
 *  - reordered: the record is intact but links to a record that is not its predecessor.
 */
export function verifyChain(db: Database.Database, hmacKey: Buffer): VerifyReport {
  const problems: ChainProblem[] = [];
  // Streamed in seq order: memory stays flat however long the trail is. Problems are capped; the
  // hash lookup that tells a reordered record from an altered one only runs on a broken link.
  const MAX_PROBLEMS = 1000;
  const seqOfHash = db.prepare('SELECT seq FROM audit WHERE hash = ? LIMIT 1');
  let prevHash = GENESIS_HASH;
  let expected = 1;
  let records = 0;
  // Archived records (archive.ts): the chain continues from the signed anchor instead of the genesis hash.
  const anchor = readAnchor(db);
  let archivedThrough: number | undefined;
  if (anchor) {
    if (anchorMac(hmacKey, anchor.seq, anchor.hash, anchor.time) !== anchor.hmac) {
      problems.push({ seq: 0, kind: 'checkpoint', detail: 'the archive anchor has a bad HMAC (forged, or another key): records may have been removed from the start of the trail' });
    } else {
      prevHash = anchor.hash;
      expected = anchor.seq + 1;
      archivedThrough = anchor.seq;
    }
  }
  for (const row of db.prepare('SELECT * FROM audit ORDER BY seq').iterate() as IterableIterator<AuditRow>) {
    const r = rowToRecord(row);
    records++;
    const fault = problems.length < MAX_PROBLEMS ? linkFault(r, expected, prevHash) : undefined;
    if (fault === 'altered') {
      problems.push({ seq: r.seq, kind: 'altered', detail: `record ${r.seq} was altered: its content does not match its hash` });
    } else if (fault === 'misplaced') {
      problems.push({ seq: r.seq, kind: 'removed', detail: `record(s) ${expected}..${r.seq - 1} were removed before record ${r.seq}` });
    } else if (fault === 'unlinked') {
      const from = (seqOfHash.get(r.prevHash) as { seq: number } | undefined)?.seq;
      if (from !== undefined) problems.push({ seq: r.seq, kind: 'reordered', detail: `record ${r.seq} belongs after record ${from}, not after ${r.seq - 1}: records were reordered` });
      else problems.push({ seq: r.seq, kind: 'altered', detail: `record ${r.seq} does not link to record ${r.seq - 1}: the chain was altered or rewritten` });
    }
    prevHash = r.hash;
    expected = r.seq + 1;
  }
  const cps = db.prepare('SELECT seq, hash, time, hmac FROM audit_checkpoints ORDER BY seq').all() as { seq: number; hash: string; time: string; hmac: string }[];
  const hashAt = db.prepare('SELECT hash FROM audit WHERE seq = ?');
  for (const c of cps) {
    if (checkpointMac(hmacKey, c.seq, c.hash, c.time) !== c.hmac) {
      problems.push({ seq: c.seq, kind: 'checkpoint', detail: `checkpoint at record ${c.seq} has a bad HMAC (forged, or another key)` });
      continue;
    }
    const r = hashAt.get(c.seq) as { hash: string } | undefined;
    if (!r) problems.push({ seq: c.seq, kind: 'removed', detail: `record ${c.seq}, signed by a checkpoint, is missing` });
    else if (r.hash !== c.hash) problems.push({ seq: c.seq, kind: 'altered', detail: `record ${c.seq} differs from the one its checkpoint signed: the chain was rewritten` });
  }
  problems.sort((a, b) => a.seq - b.seq);
  const report: VerifyReport = { ok: problems.length === 0, records, checkpoints: cps.length, problems };
  if (archivedThrough !== undefined) report.archivedThrough = archivedThrough;
  return report;
}
