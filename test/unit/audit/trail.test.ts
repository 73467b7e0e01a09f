/**
 * The audit trail on a real SQLite store file: appends chain by SHA-256, checkpoints are HMAC-signed, and
 * verifyChain names the first record altered, removed or reordered, and a rewritten chain via checkpoints.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { openSqliteStore, type SqliteStore } from '../../../src/store/sqlite';
import { AuditTrail, GENESIS_HASH, chainHash, eventOfItem, loadAuditKey, queryAudit, usageReport, verifyChain, type AuditEvent } from '../../../src/audit';
import { Operation, ResultReason, ResultStatus, Tag } from '../../../src/kmip';
import { T } from '../../../src/ttlv/item';

let dir: string;
let store: SqliteStore;
const key = randomBytes(32);

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tumbler-audit-'));
  store = openSqliteStore({ path: path.join(dir, 'db.sqlite') });
});
afterEach(async () => {
  await store.close().catch(() => undefined);
  fs.rmSync(dir, { recursive: true, force: true });
});

function ev(i: number, over: Partial<AuditEvent> = {}): AuditEvent {
  return {
    time: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(), source: 'kmip', principal: i % 2 ? 'alice' : 'bob', fingerprint: 'ab'.repeat(32),
    address: '127.0.0.1', version: '1.4', operation: i % 3 ? 'Get' : 'Encrypt', objects: [`K${i % 4}`], status: 'Success', reason: '', message: '', durationUs: 100 + i,
    ...over,
  };
}

function fill(n: number, every = 5): AuditTrail {
  const t = new AuditTrail(store, { hmacKey: key, checkpointEvery: every });
  for (let i = 1; i <= n; i++) t.append(ev(i));
  return t;
}

const db = () => store.connection;

test('records chain from the genesis hash; every 5th is checkpointed; an intact trail verifies', async () => {
  fill(12);
  await store.durable();
  const rows = queryAudit(db());
  expect(rows.map((r) => r.seq)).toEqual([...Array(12)].map((_, i) => i + 1));
  expect(rows[0].prevHash).toBe(GENESIS_HASH);
  expect(rows[1].prevHash).toBe(rows[0].hash);
  expect(rows[3].hash).toBe(chainHash(rows[3].prevHash, rows[3]));
  const r = verifyChain(db(), key);
  expect(r).toEqual({ ok: true, records: 12, checkpoints: 2, problems: [] });
});

test('an altered record is reported as altered, at its sequence number', () => {
  fill(10);
  db().prepare("UPDATE audit SET principal = 'mallory' WHERE seq = 4").run();
  const r = verifyChain(db(), key);
  expect(r.ok).toBe(false);
  expect(r.problems[0]).toMatchObject({ seq: 4, kind: 'altered' });
});

test('a removed record is reported as removed', () => {
  fill(10);
  db().prepare('DELETE FROM audit WHERE seq = 7').run();
  const r = verifyChain(db(), key);
  expect(r.problems[0]).toMatchObject({ seq: 8, kind: 'removed' });
  expect(r.problems[0].detail).toMatch(/7\.\.7/);
});

test('swapped records are reported as reordered', () => {
  fill(10);
  db().exec('UPDATE audit SET seq = -3 WHERE seq = 3; UPDATE audit SET seq = 3 WHERE seq = 4; UPDATE audit SET seq = 4 WHERE seq = -3;');
  const r = verifyChain(db(), key);
  expect(r.problems[0]).toMatchObject({ seq: 3, kind: 'reordered' });
});

test('a chain rewritten from scratch (valid hashes) is caught by the HMAC checkpoints', () => {
  fill(10);
  // Rewrite record 2 and re-hash everything after it, as someone with database access but no key could.
  db().prepare("UPDATE audit SET operation = 'Destroy' WHERE seq = 2").run();
  const rows = queryAudit(db());
  let prev = GENESIS_HASH;
  for (const r of rows) {
    const h = chainHash(prev, r);
    db().prepare('UPDATE audit SET prev_hash = ?, hash = ? WHERE seq = ?').run(prev, h, r.seq);
    prev = h;
  }
  const r = verifyChain(db(), key);
  expect(r.ok).toBe(false);
  expect(r.problems[0]).toMatchObject({ seq: 5, kind: 'altered' });
  // A checkpoint re-signed without the key is reported as forged.
  db().prepare("UPDATE audit_checkpoints SET hash = (SELECT hash FROM audit WHERE seq = 5), hmac = '00' WHERE seq = 5").run();
  expect(verifyChain(db(), key).problems.some((p) => p.kind === 'checkpoint' && p.seq === 5)).toBe(true);
});

test('verifying with another key fails on every checkpoint', () => {
  fill(10);
  const r = verifyChain(db(), randomBytes(32));
  expect(r.problems.map((p) => p.kind)).toEqual(['checkpoint', 'checkpoint']);
});

test('a manual checkpoint signs the current head: a truncated tail is detected', () => {
  const t = fill(7);
  t.checkpoint();
  db().prepare('DELETE FROM audit WHERE seq = 7').run();
  expect(verifyChain(db(), key).problems[0]).toMatchObject({ seq: 7, kind: 'removed' });
});

test('an unwritable audit table makes append throw and leaves nothing behind', async () => {
  const t = fill(3);
  await store.durable();
  db().exec("CREATE TRIGGER audit_block BEFORE INSERT ON audit BEGIN SELECT RAISE(ABORT, 'audit is read-only'); END;");
  expect(() => t.append(ev(4))).toThrow(/read-only/);
  await store.durable();
  expect(queryAudit(db())).toHaveLength(3);
  expect(verifyChain(db(), key).ok).toBe(true);
});

test('query filters and the per-object usage report', () => {
  fill(12);
  expect(queryAudit(db(), { principal: 'alice' }).every((r) => r.principal === 'alice')).toBe(true);
  expect(queryAudit(db(), { object: 'K1' }).map((r) => r.seq)).toEqual([1, 5, 9]);
  expect(queryAudit(db(), { operation: 'encrypt' }).map((r) => r.seq)).toEqual([3, 6, 9, 12]);
  expect(queryAudit(db(), { since: ev(10).time, until: ev(11).time }).map((r) => r.seq)).toEqual([10, 11]);
  expect(queryAudit(db(), { principal: 'bob', limit: 2 }).map((r) => r.seq)).toEqual([10, 12]);
  const rep = usageReport(queryAudit(db()));
  const k1 = rep.find((o) => o.object === 'K1')!;
  expect(k1.uses).toEqual([
    { principal: 'alice', operation: 'Encrypt', succeeded: 1, failed: 0, first: ev(9).time, last: ev(9).time },
    { principal: 'alice', operation: 'Get', succeeded: 2, failed: 0, first: ev(1).time, last: ev(5).time },
  ]);
});

test('a batch item event names its objects and result, never key material', () => {
  const material = Buffer.from('00112233445566778899aabbccddeeff', 'hex');
  const e = eventOfItem({
    principal: 'alice', fingerprint: 'ff', remoteAddress: '10.0.0.1', version: { major: 1, minor: 4 }, operation: Operation.Get,
    requestPayload: T.struct(Tag.RequestPayload, [T.text(Tag.UniqueIdentifier, 'K1')]),
    responsePayload: [T.text(Tag.UniqueIdentifier, 'K1'), T.struct(Tag.SymmetricKey, [T.struct(Tag.KeyBlock, [T.struct(Tag.KeyValue, [T.bytes(Tag.KeyMaterial, material)])])])],
    resultStatus: ResultStatus.Success, startedAt: new Date(0), durationUs: 12,
  });
  expect(e).toMatchObject({ operation: 'Get', objects: ['K1'], status: 'Success', version: '1.4', address: '10.0.0.1' });
  expect(JSON.stringify(e)).not.toMatch(/00112233|ABEiM0RV/);
  const f = eventOfItem({ principal: 'bob', version: { major: 2, minor: 0 }, operation: Operation.Destroy, resultStatus: ResultStatus.OperationFailed, resultReason: ResultReason.PermissionDenied, resultMessage: 'no', startedAt: new Date(0), durationUs: 1, placeholder: 'K7' });
  expect(f).toMatchObject({ objects: ['K7'], status: 'OperationFailed', reason: 'PermissionDenied', message: 'no' });
});

test('the HMAC key file is created 0600 once and then reused', () => {
  const file = path.join(dir, 'audit-hmac.key');
  const k1 = loadAuditKey(file, true);
  expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  expect(loadAuditKey(file, true).equals(k1)).toBe(true);
  expect(() => loadAuditKey(path.join(dir, 'missing.key'), false)).toThrow(/not found/);
});

test('the JSON-lines copy goes to the configured file, one record per line', async () => {
  const file = path.join(dir, 'audit.jsonl');
  const { createAuditLog } = await import('../../../src/audit');
  const log = createAuditLog({ file })!;
  const t = new AuditTrail(store, { hmacKey: key, onRecord: (r) => log.write(r) });
  t.append(ev(1));
  t.append(ev(2, { status: 'OperationFailed', reason: 'PermissionDenied', message: 'no grant' }));
  await log.close();
  const lines = fs.readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  expect(lines).toHaveLength(2);
  expect(lines[1].audit).toMatchObject({ seq: 2, principal: 'bob', status: 'OperationFailed', reason: 'PermissionDenied', operation: 'Get' });
  expect(lines[1].audit.prevHash).toBe(lines[0].audit.hash);
});

describe('records of reads and of changes (what an answer waits for)', () => {
  const facts = (changedNothing: boolean) => ({
    principal: 'alice', version: { major: 1, minor: 4 }, operation: Operation.Get, resultStatus: ResultStatus.Success,
    startedAt: new Date(), durationUs: 5, changedNothing,
  });
  function spyHost(): { host: SqliteStore; kinds: Array<boolean | undefined> } {
    const kinds: Array<boolean | undefined> = [];
    const host = Object.create(store) as SqliteStore;
    host.groupWrite = <T>(fn: () => T, opts?: { record?: boolean; atomic?: boolean }): T => {
      kinds.push(opts?.record);
      return store.groupWrite(fn, opts);
    };
    return { host, kinds };
  }

  test('an item that changed nothing is appended as a read record; a change, or durableReads, as data', async () => {
    const { batchAuditOf } = await import('../../../src/audit');
    const { host, kinds } = spyHost();
    const trail = new AuditTrail(host, { hmacKey: key, checkpointEvery: 2 });
    batchAuditOf(trail)(facts(true));
    batchAuditOf(trail)(facts(false));
    batchAuditOf(trail, { durableReads: true })(facts(true));
    expect(kinds).toEqual([true, false, false]);
    // Without a savepoint per record, the chain and the checkpoints are still whole.
    await store.durable();
    expect(verifyChain(store.connection, key)).toMatchObject({ ok: true, records: 3, checkpoints: 1 });
  });
});

describe('records of reads while the database refuses writes (audit spool)', () => {
  let failing = false;
  let fstore: SqliteStore;
  beforeEach(() => {
    fstore = openSqliteStore({ path: path.join(dir, 'spool.sqlite'), faultInjector: { beforeCommit: () => { if (failing) throw Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR_WRITE' }); } } });
  });
  afterEach(async () => {
    failing = false;
    await fstore.close().catch(() => undefined);
  });
  const count = () => (fstore.connection.prepare('SELECT count(*) AS n FROM audit').get() as { n: number }).n;

  test('reads are held while commits fail, enter the chain in order once they work, and the spool is bounded', async () => {
    const held: string[] = [];
    const trail = new AuditTrail(fstore, { hmacKey: key, checkpointEvery: 3, spool: { max: 3, retryMs: 60_000, onHeld: (e) => held.push(e.time) } });
    trail.append(ev(1), { changedNothing: true });
    await fstore.settled();
    expect(count()).toBe(1);

    // The files refuse writes: a change fails ...
    failing = true;
    const { makeObject } = await import('../store/contract');
    const mark = fstore.writeMark();
    fstore.insert(makeObject({ uid: 'lost' }));
    await expect(fstore.durable(mark)).rejects.toMatchObject({ code: 'commit-failed' });
    expect(fstore.writable).toBe(false);
    // ... but reads are answered: their records wait, and nothing waits on the database for them.
    const readMark = fstore.writeMark();
    for (const i of [2, 3, 4]) expect(trail.append(ev(i), { changedNothing: true }).seq).toBe(0);
    expect(trail.spool!.size).toBe(3);
    expect(held).toEqual([ev(2).time, ev(3).time, ev(4).time]);
    await expect(fstore.settled(readMark)).resolves.toBeUndefined();
    // Bounded: the next read is refused (fail closed again).
    expect(() => trail.append(ev(5), { changedNothing: true })).toThrow(/already waiting/);
    // A change's record is never held: it is written with its change (and fails with it).
    expect(() => trail.append(ev(6), { changedNothing: false })).not.toThrow();
    await expect(fstore.durable()).rejects.toMatchObject({ code: 'commit-failed' });

    // An attempt while the files still refuse keeps them held.
    await trail.spool!.flushNow();
    expect(trail.spool!.size).toBe(3);
    // Writable again: they enter the chain, in their order, and the chain verifies.
    failing = false;
    await trail.spool!.flushNow();
    expect(trail.spool!.size).toBe(0);
    expect(fstore.writable).toBe(true);
    const rows = queryAudit(fstore.connection);
    expect(rows.map((r) => r.time)).toEqual([ev(1).time, ev(2).time, ev(3).time, ev(4).time]);
    expect(verifyChain(fstore.connection, key)).toMatchObject({ ok: true, records: 4, checkpoints: 1 });
    // Later reads go straight to the chain again.
    trail.append(ev(7), { changedNothing: true });
    expect(trail.spool!.size).toBe(0);
    await fstore.settled();
    expect(count()).toBe(5);
    trail.spool!.stop();
  });

  test('without a spool, a read whose record cannot be written is refused', async () => {
    const trail = new AuditTrail(fstore, { hmacKey: key });
    expect(trail.spool).toBeUndefined();
    failing = true;
    trail.append(ev(1), { changedNothing: true });
    await expect(fstore.settled()).rejects.toMatchObject({ code: 'commit-failed' });
  });
});

describe('openAudit: held records at shutdown', () => {
  test('flushHeld chains them while the store is open; close reports what could not be chained', async () => {
    const { openAudit } = await import('../../../src/audit');
    let failing = false;
    const s = openSqliteStore({ path: path.join(dir, 'shutdown.sqlite'), faultInjector: { beforeCommit: () => { if (failing) throw Object.assign(new Error('disk full'), { code: 'SQLITE_FULL' }); } } });
    const logged: Array<[string, string]> = [];
    const serverLog = { info: (m: string) => logged.push(['info', m]), warn: (m: string) => logged.push(['warn', m]), error: (m: string) => logged.push(['error', m]) };
    const config = { dir, audit: { enabled: true, stdout: false, durableReads: false, spoolReads: 100, checkpointEvery: 100, hmacKeyFile: path.join(dir, 'k.key') } } as never;
    const { makeObject } = await import('../store/contract');
    try {
      const a = openAudit(config, s, { createKey: true, log: false, serverLog })!;
      failing = true;
      s.insert(makeObject({ uid: 'refused' }));
      await expect(s.durable()).rejects.toMatchObject({ code: 'commit-failed' });
      a.trail.append(ev(1), { changedNothing: true });
      a.trail.append(ev(2), { changedNothing: true });
      expect(a.trail.spool!.size).toBe(2);
      expect(logged.filter(([l]) => l === 'warn')).toHaveLength(2);
      // Still refused at shutdown: flushHeld keeps them, close says so.
      await a.flushHeld();
      expect(a.trail.spool!.size).toBe(2);
      failing = false;
      await a.flushHeld();
      expect(a.trail.spool!.size).toBe(0);
      expect(verifyChain(s.connection, loadAuditKey(path.join(dir, 'k.key'), false))).toMatchObject({ ok: true, records: 2 });
      await a.close();
      expect(logged.some(([l]) => l === 'error')).toBe(false);

      const b = openAudit(config, s, { createKey: false, log: false, serverLog })!;
      failing = true;
      s.insert(makeObject({ uid: 'refused-2' }));
      await expect(s.durable()).rejects.toMatchObject({ code: 'commit-failed' });
      b.trail.append(ev(3), { changedNothing: true });
      await b.flushHeld();
      await b.close();
      expect(logged.filter(([l]) => l === 'error').map(([, m]) => m)).toEqual([expect.stringMatching(/could not enter the chain before shutdown/)]);
    } finally {
      failing = false;
      await s.close().catch(() => undefined);
    }
  });
});

describe('checkpoints of a quiet trail (audit.checkpointIntervalMs)', () => {
  test('checkpointIfBehind signs the head only when records were added since the last checkpoint', async () => {
    const t = fill(3, 100);
    const cps = () => (db().prepare('SELECT seq FROM audit_checkpoints ORDER BY seq').all() as { seq: number }[]).map((r) => r.seq);
    expect(cps()).toEqual([]);
    expect(t.checkpointIfBehind()).toBe(true);
    expect(cps()).toEqual([3]);
    expect(t.checkpointIfBehind()).toBe(false);
    t.append(ev(4));
    expect(t.checkpointIfBehind()).toBe(true);
    expect(cps()).toEqual([3, 4]);
    await store.durable();
    expect(verifyChain(db(), key)).toMatchObject({ ok: true, checkpoints: 2 });
  });

  test('the server signs a quiet head on its timer, and stops at close', async () => {
    const { openAudit } = await import('../../../src/audit');
    const serverLog = { info: () => undefined, warn: () => undefined, error: () => undefined };
    const config = { dir, audit: { enabled: true, stdout: false, durableReads: false, spoolReads: 100, checkpointEvery: 100, checkpointIntervalMs: 20, hmacKeyFile: path.join(dir, 'q.key') } } as never;
    const a = openAudit(config, store, { createKey: true, log: false, serverLog })!;
    const signed = () => (db().prepare('SELECT max(seq) AS s FROM audit_checkpoints').get() as { s: number | null }).s;
    a.trail.append(ev(1));
    a.trail.append(ev(2));
    const until = Date.now() + 2000;
    while (signed() !== 2 && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
    expect(signed()).toBe(2);
    await a.close();
    a.trail.append(ev(3));
    await new Promise((r) => setTimeout(r, 80));
    expect(signed()).toBe(2); // no timer after close
  });
});
