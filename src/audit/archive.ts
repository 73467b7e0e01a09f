/**
 * Moving old audit records out of the database, without breaking what `audit verify` proves.
 *
 * Every request adds a record (about 300 bytes), so a busy server's trail grows by gigabytes a day.
 * `archiveAudit` copies the oldest records (up to the last one stamped before a time, never the newest
 * record, which the next append chains to) into a JSON Lines file, fsyncs it, and only then deletes them from
 * the database. What stays behind is an **anchor** in the `meta` table: the sequence number and hash of the
 * last archived record, signed with the audit HMAC key. `verifyChain` (trail.ts) starts from the anchor
 * instead of the genesis hash, so removing records after it is still detected, and moving the anchor
 * needs the HMAC key.
 *
 * Archive file, one JSON object per line:
 *   {"type":"header","format":"tumbler-audit-archive","version":1,"from":F,"prevHash":"…","createdAt":"…"}
 *   {"type":"record", seq, time, …, prevHash, hash}            for records F..T, in order
 *   {"type":"checkpoint", seq, hash, time, hmac}              the HMAC checkpoints of that range
 *   {"type":"trailer","to":T,"records":N,"lastHash":"…"}
 * The first archive continues from the genesis hash, each later one from the previous one's lastHash, and
 * the newest one ends at the database's anchor: `verifyArchives` checks all of it.
 *
 * The records are checked while they are copied: a range that does not verify is not archived.
 * The deletion runs in chunks, each one transaction that also moves the anchor, so a server appending
 * meanwhile waits milliseconds, and an interrupted archive leaves a consistent trail (archive again with a
 * new file: the records already deleted are in the first one).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createHmac } from 'node:crypto';
import { StringDecoder } from 'node:string_decoder';
import type Database from 'better-sqlite3';
import type { SqlHost } from '../auth/grants';
import { GENESIS_HASH, checkpointMac, linkFault, type AuditRecord } from './record';
import { rowToRecord, type AuditRow } from './trail';

export const ANCHOR_META_KEY = 'audit.anchor';
const FORMAT = 'tumbler-audit-archive';
const CHUNK = 10_000;

/** The last archived record, as the database remembers it. */
export interface AuditAnchor {
  seq: number;
  hash: string;
  time: string;
  hmac: string;
}

/** A MAC of its own (not a checkpoint's), so a checkpoint row cannot be passed off as an anchor. */
export function anchorMac(key: Buffer, seq: number, hash: string, time: string): string {
  return createHmac('sha256', key).update(`tumbler-audit-anchor\n${seq}\n${hash}\n${time}`).digest('hex');
}

export function readAnchor(db: Database.Database): AuditAnchor | undefined {
  const row = db.prepare('SELECT value FROM meta WHERE key = ?').get(ANCHOR_META_KEY) as { value: string } | undefined;
  if (!row) return undefined;
  try {
    const a = JSON.parse(row.value) as AuditAnchor;
    if (Number.isSafeInteger(a.seq) && typeof a.hash === 'string' && typeof a.time === 'string' && typeof a.hmac === 'string') return a;
  } catch {
    // reported below as an unreadable anchor
  }
  return { seq: 0, hash: '', time: '', hmac: '' };
}

export interface ArchiveResult {
  file: string;
  from: number;
  to: number;
  records: number;
  checkpoints: number;
  prevHash: string;
  lastHash: string;
}

export class ArchiveRefused extends Error {}

/** Archive the records up to the last one stamped before `before` (ISO time) into `file` (must not exist). */
export async function archiveAudit(
  host: SqlHost, hmacKey: Buffer, before: string, file: string, opts: { chunk?: number } = {},
): Promise<ArchiveResult | undefined> {
  const chunk = opts.chunk ?? CHUNK;
  const db = host.connection;
  const anchor = readAnchor(db);
  if (anchor && anchorMac(hmacKey, anchor.seq, anchor.hash, anchor.time) !== anchor.hmac) {
    throw new ArchiveRefused('the archive anchor in the database does not verify (another HMAC key, or forged): run audit verify');
  }
  const head = (db.prepare('SELECT max(seq) AS s FROM audit').get() as { s: number | null }).s;
  if (head === null) return undefined;
  // Never the newest record: the next append reads it as its predecessor.
  const last = (db.prepare('SELECT max(seq) AS s FROM audit WHERE time < ? AND seq < ?').get(before, head) as { s: number | null }).s;
  if (last === null) return undefined;
  const prevHash = anchor?.hash ?? GENESIS_HASH;
  const from = (anchor?.seq ?? 0) + 1;

  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const fd = fs.openSync(file, 'wx', 0o600);
  const chunkEnds: Array<{ seq: number; hash: string }> = [];
  let records = 0;
  let checkpoints = 0;
  let lastHash = prevHash;
  try {
    const write = (o: object) => fs.writeSync(fd, JSON.stringify(o) + '\n');
    write({ type: 'header', format: FORMAT, version: 1, from, prevHash, createdAt: new Date().toISOString() });
    let expected = from;
    for (const row of db.prepare('SELECT * FROM audit WHERE seq <= ? ORDER BY seq').iterate(last) as IterableIterator<AuditRow>) {
      const r = rowToRecord(row);
      if (linkFault(r, expected, lastHash)) {
        throw new ArchiveRefused(`record ${r.seq} does not verify (expected record ${expected} after hash ${lastHash.slice(0, 12)}…): run audit verify; nothing was archived`);
      }
      write({ type: 'record', ...r });
      records++;
      lastHash = r.hash;
      expected = r.seq + 1;
      if (records % chunk === 0 || r.seq === last) chunkEnds.push({ seq: r.seq, hash: r.hash });
    }
    if (expected !== last + 1) throw new ArchiveRefused(`records ${expected}..${last} are missing: run audit verify; nothing was archived`);
    for (const c of db.prepare('SELECT seq, hash, time, hmac FROM audit_checkpoints WHERE seq <= ? ORDER BY seq').iterate(last) as IterableIterator<{ seq: number; hash: string; time: string; hmac: string }>) {
      write({ type: 'checkpoint', ...c });
      checkpoints++;
    }
    write({ type: 'trailer', to: last, records, lastHash });
    fs.fsyncSync(fd);
  } catch (err) {
    fs.closeSync(fd);
    fs.rmSync(file, { force: true });
    throw err;
  }
  fs.closeSync(fd);
  syncDirectory(path.dirname(path.resolve(file)));

  // The file is on disk: now the records leave the database, a chunk per transaction, each moving the anchor.
  const del = db.prepare('DELETE FROM audit WHERE seq <= ?');
  const delCheckpoints = db.prepare('DELETE FROM audit_checkpoints WHERE seq <= ?');
  const setAnchor = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
  let deletedThrough: number | undefined;
  for (const end of chunkEnds) {
    const time = new Date().toISOString();
    const a: AuditAnchor = { seq: end.seq, hash: end.hash, time, hmac: anchorMac(hmacKey, end.seq, end.hash, time) };
    try {
      host.groupWrite(() => {
        del.run(end.seq);
        delCheckpoints.run(end.seq);
        setAnchor.run(ANCHOR_META_KEY, JSON.stringify(a));
      });
      await host.durable?.();
    } catch (err) {
      // Nothing left the database yet: the file is only a copy, and a later archive would copy the same
      // records again, so it goes. Otherwise it holds records the database no longer has, and stays.
      if (deletedThrough === undefined) {
        fs.rmSync(file, { force: true });
        throw new Error(`the database refused the deletion (${(err as Error).message}); nothing was archived`);
      }
      // Some left: the file is cut back to exactly those (a new file, fsynced, renamed over it), so the next
      // archive continues it and verify-archive links the two.
      cutArchive(file, deletedThrough);
      throw new Error(
        `the database refused the deletion after record ${deletedThrough} (${(err as Error).message}): records ${from}..${deletedThrough} are archived in ${file} (keep it); ` +
          `records ${deletedThrough + 1}..${last} stay in the database for a later archive`,
      );
    }
    deletedThrough = end.seq;
  }
  return { file, from, to: last, records, checkpoints, prevHash, lastHash };
}

/**
 * The non-empty lines of a file, read a megabyte at a time: an archive of millions of records is larger than
 * the longest string V8 can hold, so it is never read whole.
 */
export function* fileLines(file: string, chunk = 1 << 20): Generator<string> {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(chunk);
    // A character cut between two reads is completed by the decoder, not split.
    const decoder = new StringDecoder('utf8');
    let rest = '';
    for (let n; (n = fs.readSync(fd, buf, 0, chunk, null)) > 0; ) {
      const lines = (rest + decoder.write(buf.subarray(0, n))).split('\n');
      rest = lines.pop() ?? '';
      for (const l of lines) if (l.length > 0) yield l;
    }
    rest += decoder.end();
    if (rest.length > 0) yield rest;
  } finally {
    fs.closeSync(fd);
  }
}

/** Rewrite an archive file to end at record `through` (records and checkpoints after it dropped, trailer redone). */
function cutArchive(file: string, through: number): void {
  let records = 0;
  let lastHash = '';
  const tmp = `${file}.cut`;
  const fd = fs.openSync(tmp, 'w', 0o600);
  try {
    for (const line of fileLines(file)) {
      const o = JSON.parse(line) as { type: string; seq?: number; hash?: string; prevHash?: string };
      if (o.type === 'header') lastHash = o.prevHash ?? '';
      if ((o.type === 'record' || o.type === 'checkpoint') && (o.seq ?? 0) > through) continue;
      if (o.type === 'trailer') continue;
      if (o.type === 'record') {
        records++;
        lastHash = o.hash ?? '';
      }
      fs.writeSync(fd, line + '\n');
    }
    fs.writeSync(fd, JSON.stringify({ type: 'trailer', to: through, records, lastHash }) + '\n');
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
  syncDirectory(path.dirname(path.resolve(file)));
}

function syncDirectory(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // Not every file system lets a directory be fsynced; the file itself is.
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

export interface ArchiveFileReport {
  file: string;
  ok: boolean;
  from?: number;
  to?: number;
  records: number;
  prevHash?: string;
  lastHash?: string;
  problems: string[];
}

/**
 * Verify archive files, oldest first: each file's chain and checkpoints, each file continuing the one
 * before it (the first from the genesis hash, unless `continues` is false), and, given the database's
 * anchor, the newest file ending exactly there.
 */
export function verifyArchives(files: string[], hmacKey: Buffer, anchor?: AuditAnchor): ArchiveFileReport[] {
  const reports: ArchiveFileReport[] = [];
  let chainedFrom: { seq: number; hash: string } | undefined = { seq: 0, hash: GENESIS_HASH };
  for (const file of files) {
    const rep = verifyArchiveFile(file, hmacKey);
    if (rep.ok && chainedFrom && (rep.from !== chainedFrom.seq + 1 || rep.prevHash !== chainedFrom.hash)) {
      rep.problems.push(
        reports.length === 0
          ? `it starts at record ${rep.from}, not at the first record (give every archive, oldest first)`
          : `it does not continue ${path.basename(reports[reports.length - 1].file)} (expected record ${chainedFrom.seq + 1} after hash ${chainedFrom.hash.slice(0, 12)}…)`,
      );
      rep.ok = false;
    }
    chainedFrom = rep.ok ? { seq: rep.to!, hash: rep.lastHash! } : undefined;
    reports.push(rep);
  }
  const newest = reports[reports.length - 1];
  if (anchor && newest?.ok && (newest.to !== anchor.seq || newest.lastHash !== anchor.hash)) {
    newest.problems.push(`the database's anchor is record ${anchor.seq}, but this archive ends at record ${newest.to}: a newer archive is missing`);
    newest.ok = false;
  }
  return reports;
}

/**
 * The sequence numbers the file's checkpoints sign: a first, cheap pass (only lines that mention
 * "checkpoint" are parsed), so that the second keeps the hashes of those records only. Checkpoints come
 * after the records they sign, and keeping every record's hash until then took memory in proportion to
 * the archive (about 100 bytes a record: a gigabyte for ten million).
 */
function checkpointSeqs(file: string): Set<number> {
  const seqs = new Set<number>();
  for (const line of fileLines(file)) {
    if (!line.includes('"checkpoint"')) continue;
    try {
      const o = JSON.parse(line) as { type?: unknown; seq?: unknown };
      if (o.type === 'checkpoint' && typeof o.seq === 'number') seqs.add(o.seq);
    } catch {
      // Reported by the second pass.
    }
  }
  return seqs;
}

function verifyArchiveFile(file: string, hmacKey: Buffer): ArchiveFileReport {
  const rep: ArchiveFileReport = { file, ok: false, records: 0, problems: [] };
  /** Hashes of the records a checkpoint signs (checkpointSeqs). */
  const hashes = new Map<number, string>();
  let signed: Set<number>;
  try {
    signed = checkpointSeqs(file);
  } catch (err) {
    rep.problems.push(`cannot read it: ${(err as Error).message}`);
    return rep;
  }
  let header: { from: number; prevHash: string } | undefined;
  let trailer: { to: number; records: number; lastHash: string } | undefined;
  let expected = 0;
  let prev = '';
  const problem = (p: string) => {
    if (rep.problems.length < 100) rep.problems.push(p);
  };
  const check = (line: string, i: number) => {
    let o: Record<string, unknown>;
    try {
      o = JSON.parse(line) as Record<string, unknown>;
    } catch {
      problem(`line ${i + 1} is not JSON`);
      return;
    }
    if (trailer) problem(`line ${i + 1} follows the trailer`);
    if (o.type === 'header') {
      if (i !== 0 || o.format !== FORMAT || o.version !== 1 || typeof o.from !== 'number' || typeof o.prevHash !== 'string') problem(`line ${i + 1}: not a valid header`);
      else {
        header = { from: o.from, prevHash: o.prevHash };
        expected = o.from;
        prev = o.prevHash;
      }
    } else if (o.type === 'record') {
      const r = o as unknown as AuditRecord;
      if (!header) return problem(`line ${i + 1}: a record before the header`);
      const fault = linkFault(r, expected, prev);
      if (fault === 'altered') problem(`record ${r.seq} was altered: its content does not match its hash`);
      else if (fault === 'misplaced') problem(`record ${r.seq} found where record ${expected} belongs (removed or reordered)`);
      else if (fault === 'unlinked') problem(`record ${r.seq} does not link to record ${r.seq - 1}`);
      rep.records++;
      if (signed.has(r.seq)) hashes.set(r.seq, r.hash);
      prev = r.hash;
      expected = r.seq + 1;
    } else if (o.type === 'checkpoint') {
      const c = o as { seq: number; hash: string; time: string; hmac: string };
      if (checkpointMac(hmacKey, c.seq, c.hash, c.time) !== c.hmac) problem(`checkpoint at record ${c.seq} has a bad HMAC (forged, or another key)`);
      else if (hashes.get(c.seq) !== c.hash) problem(`record ${c.seq} differs from the one its checkpoint signed`);
    } else if (o.type === 'trailer') {
      trailer = { to: o.to as number, records: o.records as number, lastHash: o.lastHash as string };
      if (trailer.to !== expected - 1 || trailer.records !== rep.records || trailer.lastHash !== prev) problem('the trailer does not match the records (records removed or added)');
    } else problem(`line ${i + 1}: unknown line type`);
  };
  let i = 0;
  try {
    for (const line of fileLines(file)) check(line, i++);
  } catch (err) {
    rep.problems.push(`cannot read it: ${(err as Error).message}`);
    return rep;
  }
  if (!header) problem('no header: not a Tumbler audit archive');
  if (!trailer) problem('no trailer: the file is truncated');
  rep.from = header?.from;
  rep.prevHash = header?.prevHash;
  rep.to = trailer?.to;
  rep.lastHash = trailer?.lastHash;
  rep.ok = rep.problems.length === 0;
  return rep;
}
