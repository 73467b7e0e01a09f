/**
 * SQLite-specific behaviour beyond the shared contract: pragmas, migrations, group commit, failure rollback,
 * and the query plans that keep Locate an index lookup.
 */
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { openSqliteStore, MIGRATIONS, migrate, type SqliteStore } from '../../../src/store/sqlite';
import { T } from '../../../src/ttlv/item';
import { Tag } from '../../../src/kmip/tags';
import { State } from '../../../src/kmip/enums';
import { attr, makeObject, nameAttr } from './contract';
import { buildLocate } from '../../../src/store/sqlite/locate';

const AV = Tag.AttributeValue;
let dir: string;
let file: string;
const open: SqliteStore[] = [];
let commits = 0;
let failNext = false;
/** BEGINs still to refuse as SQLITE_BUSY, and with which code. */
let busyBegins = 0;
let busyCode = 'SQLITE_BUSY';
const faultInjector = {
  beforeBegin() {
    if (busyBegins > 0) {
      busyBegins--;
      throw Object.assign(new Error('database is locked'), { code: busyCode });
    }
  },
  beforeCommit() {
    commits++;
    if (failNext) {
      failNext = false;
      throw new Error('injected: disk I/O error');
    }
  },
};

function openStore(
  extra: { maxBatchWrites?: number; commitIntervalMs?: number; recordSyncDelayMs?: number } = {},
): SqliteStore {
  const s = openSqliteStore({ path: file, faultInjector, ...extra });
  open.push(s);
  return s;
}

/** A second, independent connection: sees only committed data. */
function peek<T>(fn: (db: Database.Database) => T): T {
  const db = new Database(file, { readonly: true });
  try {
    return fn(db);
  } finally {
    db.close();
  }
}
const committedUids = () => peek((db) => (db.prepare('SELECT uid FROM objects ORDER BY created_seq').all() as { uid: string }[]).map((r) => r.uid));

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tumbler-sqlite-'));
  file = path.join(dir, 'store.db');
  commits = 0;
  failNext = false;
  busyBegins = 0;
  busyCode = 'SQLITE_BUSY';
});
afterEach(async () => {
  for (const s of open.splice(0)) await s.close().catch(() => undefined);
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('pragmas and migrations', () => {
  test('WAL mode; synchronous=NORMAL because the group committer fdatasyncs the WAL itself', () => {
    const s = openStore();
    expect(String(s.pragma('journal_mode'))).toBe('wal');
    expect(s.pragma('synchronous')).toBe(1); // NORMAL (see the WAL sync tests below)
  });

  test('every migration applied once; reopening applies none', async () => {
    const s = openStore();
    await s.close();
    const versions = peek((db) => db.prepare('SELECT version FROM schema_migrations ORDER BY version').all());
    expect(versions).toEqual(MIGRATIONS.map((_, i) => ({ version: i + 1 })));
    const db = new Database(file);
    expect(migrate(db)).toEqual([]);
    db.close();
    openStore();
    expect(peek((db) => (db.prepare('SELECT COUNT(*) AS n FROM schema_migrations').get() as { n: number }).n)).toBe(MIGRATIONS.length);
  });

  test('a new migration is applied once, in order, on top of the existing ones', () => {
    const db = new Database(file);
    expect(migrate(db)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    const more = [...MIGRATIONS, 'CREATE TABLE extra (x INTEGER)'];
    expect(migrate(db, more)).toEqual([MIGRATIONS.length + 1]);
    expect(migrate(db, more)).toEqual([]);
    db.close();
  });

  test('a failing migration leaves no trace', () => {
    const db = new Database(file);
    migrate(db);
    expect(() => migrate(db, [...MIGRATIONS, 'CREATE TABLE half (x INTEGER); THIS IS NOT SQL'])).toThrow();
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'half'").get()).toBeUndefined();
    expect((db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number }).v).toBe(MIGRATIONS.length);
    db.close();
  });

  test('migrations that run are told before and after (the server logs them); none run, nothing is told', () => {
    const db = new Database(file);
    migrate(db);
    const told: unknown[] = [];
    const progress = { starting: (from: number, to: number) => told.push([from, to]), done: (applied: number[]) => told.push(applied) };
    const more = [...MIGRATIONS, 'CREATE TABLE extra (x INTEGER)', 'CREATE TABLE extra2 (x INTEGER)'];
    expect(migrate(db, more, progress)).toEqual([MIGRATIONS.length + 1, MIGRATIONS.length + 2]);
    expect(told).toEqual([[MIGRATIONS.length, MIGRATIONS.length + 2], [MIGRATIONS.length + 1, MIGRATIONS.length + 2]]);
    migrate(db, more, progress);
    expect(told).toHaveLength(2);
    db.close();
  });

  test('Short Unique Identifier rows stored before it was derived are kept, answered and found as before, once', async () => {
    const sha = (u: string) => createHash('sha256').update(u).digest();
    const s = openStore();
    s.insert(makeObject({ uid: 'old', attributes: [attr('Short Unique Identifier', T.bytes(AV, sha('old'))), nameAttr('old')] }));
    s.insert(makeObject({ uid: 'new', attributes: [nameAttr('new')] }));
    expect(s.locate({ filters: [], shortUid: sha('old') })).toEqual(['old']);
    expect(s.locate({ filters: [], shortUid: sha('new') })).toEqual(['new']);
    expect(s.count({ filters: [], shortUid: sha('old') })).toBe(1);
  });

  test('a database from a newer server is refused', () => {
    const db = new Database(file);
    migrate(db, [...MIGRATIONS, 'SELECT 1']);
    db.close();
    expect(() => openStore()).toThrow(/newer/);
  });
});

describe('group commit', () => {
  test('writes are visible at once on the connection but committed only by the group commit', async () => {
    const s = openStore();
    const a = makeObject();
    const b = makeObject();
    s.insert(a);
    s.insert(b);
    expect(s.get(a.uid)).toBeDefined();
    expect(committedUids()).toEqual([]);
    const p1 = s.durable();
    const p2 = s.durable();
    expect(p1).toBe(p2); // both waiters share one commit
    await p1;
    expect(committedUids()).toEqual([a.uid, b.uid]);
    expect(commits).toBe(1);
  });

  test('durable() when idle does not commit and resolves', async () => {
    const s = openStore();
    await s.durable();
    await s.durable(s.writeMark());
    expect(commits).toBe(0);
  });

  test('concurrent requests share one fsync', async () => {
    const s = openStore();
    const requests = Array.from({ length: 20 }, async (_, i) => {
      const mark = s.writeMark();
      s.insert(makeObject({ uid: `r${i}` }));
      await s.durable(mark);
      return committedUids().includes(`r${i}`);
    });
    expect(await Promise.all(requests)).toEqual(Array(20).fill(true));
    expect(commits).toBe(1);
  });

  test('maxBatchWrites commits at once', () => {
    const s = openStore({ maxBatchWrites: 3 });
    for (let i = 0; i < 3; i++) s.insert(makeObject({ uid: `m${i}` }));
    expect(committedUids()).toEqual(['m0', 'm1', 'm2']);
    expect(commits).toBe(1);
  });

  test('commitIntervalMs delays the commit but durable() still waits for it', async () => {
    const s = openStore({ commitIntervalMs: 30 });
    s.insert(makeObject({ uid: 'late' }));
    await new Promise((r) => setImmediate(r));
    expect(committedUids()).toEqual([]);
    await s.durable();
    expect(committedUids()).toEqual(['late']);
  });

  test('a failed commit rolls back the whole group and rejects every waiter', async () => {
    const s = openStore();
    s.insert(makeObject({ uid: 'kept', attributes: [nameAttr('kept')] }));
    await s.durable();
    const mark = s.writeMark();
    s.insert(makeObject({ uid: 'lost1' }));
    s.update({ ...s.get('kept')!, state: State.Active });
    s.setMeta('kek', 'lost');
    failNext = true;
    const waiters = [s.durable(), s.durable(), s.durable(mark)];
    for (const w of waiters) await expect(w).rejects.toMatchObject({ code: 'commit-failed' });
    expect(s.get('lost1')).toBeUndefined();
    expect(s.get('kept')!.state).toBe(State.PreActive);
    expect(s.getMeta('kek')).toBeUndefined();
    expect(committedUids()).toEqual(['kept']);
    // creation order continues correctly after the rollback
    s.insert(makeObject({ uid: 'next' }));
    await s.durable();
    expect(s.locate({ filters: [] })).toEqual(['kept', 'next']);
    expect(s.pragma('integrity_check')).toBe('ok');
  });

  test('a write after which SQLite rolled the whole group back (as after SQLITE_FULL) fails the group: nothing is reported committed', async () => {
    const s = openStore();
    s.insert(makeObject({ uid: 'kept' }));
    await s.durable();
    const mark = s.writeMark();
    s.insert(makeObject({ uid: 'lost-with-group' }));
    const waiter = s.durable(mark);
    const reads = s.settled();
    // What SQLite does on its own after some I/O errors: the transaction is gone when the statement fails.
    expect(() =>
      s.groupWrite(() => {
        s.connection.exec('ROLLBACK');
        throw new Error('disk I/O error');
      }, { atomic: false }),
    ).toThrow('disk I/O error');
    await expect(waiter).rejects.toMatchObject({ code: 'commit-failed' });
    await expect(reads).rejects.toMatchObject({ code: 'commit-failed' });
    expect(s.get('lost-with-group')).toBeUndefined();
    expect(committedUids()).toEqual(['kept']);
    s.insert(makeObject({ uid: 'after' }));
    await s.durable();
    expect(committedUids()).toEqual(['kept', 'after']);
  });

  test('a BEGIN refused as SQLITE_BUSY is retried; other errors are not', async () => {
    const s = openStore();
    busyBegins = 3;
    s.insert(makeObject({ uid: 'after-busy' }));
    expect(busyBegins).toBe(0);
    await s.durable();
    expect(committedUids()).toEqual(['after-busy']);
    busyBegins = 1;
    busyCode = 'SQLITE_IOERR';
    expect(() => s.insert(makeObject({ uid: 'not-written' }))).toThrow('database is locked');
    expect(s.get('not-written')).toBeUndefined();
  });

  test('close commits pending writes', async () => {
    const s = openStore();
    s.insert(makeObject({ uid: 'on-close' }));
    await s.close();
    expect(committedUids()).toEqual(['on-close']);
  });

  test('a write that throws leaves no partial rows in the group', async () => {
    const s = openStore();
    const o = makeObject({ uid: 'x1', attributes: [nameAttr('one')] });
    s.insert(o);
    // a cyclic value makes the encoder throw after the object row was written
    const cyclic: any = { tag: AV, type: 1, value: [] };
    cyclic.value.push(cyclic);
    expect(() => s.update({ ...o, state: State.Active, attributes: [nameAttr('two'), attr('x-bad', cyclic)] })).toThrow();
    expect(s.get('x1')).toEqual(o);
    await s.durable();
    expect(committedUids()).toEqual(['x1']);
  });
});

describe('journal', () => {
  test('rollback restores 64-bit integers exactly', () => {
    const s = openStore();
    const big = attr('x-long', T.long(AV, 2n ** 62n + 1n));
    const o = makeObject({ uid: 'j', attributes: [big] });
    s.insert(o);
    const j = s.journal();
    s.remove('j', j);
    j.rollback();
    expect(s.get('j')).toEqual(o);
    expect(s.locate({ filters: [{ name: 'x-long', op: 'eq', value: big.value }] })).toEqual(['j']);
  });
});

describe('Locate query plans use indexes', () => {
  const plan = (s: SqliteStore, q: Parameters<SqliteStore['explainLocate']>[0]) => s.explainLocate(q).join('\n');
  const noScan = (p: string) => expect(p).not.toMatch(/\bSCAN (o|objects|attributes)\b/);

  test('Name (structure) by its Name Value text', () => {
    const s = openStore();
    const p = plan(s, { filters: [{ name: 'Name', op: 'eq', value: nameAttr('k').value }], states: [State.Active], objectTypes: [2] });
    expect(p).toMatch(/SEARCH attributes USING (COVERING )?INDEX attributes_text \(name=\? AND value_text=\?\)/);
    expect(p).toMatch(/SEARCH o USING INDEX sqlite_autoindex_objects_1 \(uid=\?\)/);
    noScan(p);
  });

  test('a filter every object matches (the storage flag) is probed per candidate, never materialised', () => {
    const s = openStore();
    const flag = { name: '_storage', op: 'eq' as const, value: T.int(AV, 1) };
    const p = plan(s, { filters: [{ name: 'Name', op: 'eq', value: nameAttr('k').value }, flag], states: [State.Active], tenant: '', newestFirst: true });
    expect(p).toMatch(/LIST SUBQUERY[\s\S]*INDEX attributes_text \(name=\? AND value_text=\?\)/);
    expect(p).toMatch(/SEARCH attributes EXISTS USING INDEX attributes_uid \(uid=\? AND name=\?\)/);
    expect(p).not.toMatch(/attributes_int \(name=\? AND value_int=\?\)/);
    noScan(p);
    // Paged with only common filters: walk creation order, stop at the limit (no sort of every match).
    const paged = plan(s, { filters: [flag], tenant: '', states: [State.Active], maxItems: 5, newestFirst: true });
    expect(paged).toMatch(/SCAN o USING INDEX objects_created_seq/);
    expect(paged).not.toMatch(/TEMP B-TREE/);
  });

  test('text, byte string, date equality and date range filters drive from their index', () => {
    const s = openStore();
    const cases: [Parameters<SqliteStore['explainLocate']>[0], RegExp][] = [
      [{ filters: [{ name: 'x-t', op: 'eq', value: T.text(AV, 'v') }], owner: 'a' }, /INDEX attributes_text \(name=\? AND value_text=\?\)/],
      [{ filters: [{ name: 'x-b', op: 'eq', value: T.bytes(AV, Buffer.from([1])) }] }, /INDEX attributes_blob \(name=\? AND value_blob=\?\)/],
      [{ filters: [{ name: 'Activation Date', op: 'eq', value: T.date(AV, 5n) }] }, /INDEX attributes_int \(name=\? AND value_int=\?\)/],
      [
        { filters: [{ name: 'Initial Date', op: 'ge', value: T.date(AV, 1n) }, { name: 'Initial Date', op: 'le', value: T.date(AV, 9n) }] },
        /INDEX attributes_int \(name=\? AND value_int>\? AND value_int<\?\)/,
      ],
    ];
    for (const [q, re] of cases) {
      const p = plan(s, q);
      expect(p).toMatch(re);
      noScan(p);
    }
  });

  test('enumeration, integer and mask filters have no index: objects are walked in creation order and probed', () => {
    const s = openStore();
    const cases: Parameters<SqliteStore['explainLocate']>[0][] = [
      { filters: [{ name: 'Cryptographic Algorithm', op: 'eq', value: T.enum(AV, 3) }] },
      { filters: [{ name: 'Cryptographic Usage Mask', op: 'mask', value: T.int(AV, 4) }] },
      { filters: [{ name: 'Cryptographic Length', op: 'ge', value: T.int(AV, 128) }, { name: 'Cryptographic Length', op: 'le', value: T.int(AV, 256) }] },
    ];
    for (const q of cases) {
      const p = plan(s, q);
      expect(p).toMatch(/SCAN o USING INDEX objects_created_seq/);
      expect(p).toMatch(/SEARCH attributes (EXISTS )?USING INDEX attributes_uid \(uid=\? AND name=\?\)/);
      expect(p).not.toMatch(/SCAN attributes|TEMP B-TREE|LIST SUBQUERY/);
    }
    // With a selective filter beside it, that filter drives and the enumeration is probed per candidate.
    const mixed = plan(s, { filters: [{ name: 'Name', op: 'eq', value: nameAttr('k').value }, { name: 'Cryptographic Algorithm', op: 'eq', value: T.enum(AV, 3) }] });
    expect(mixed).toMatch(/LIST SUBQUERY[\s\S]*INDEX attributes_text \(name=\? AND value_text=\?\)/);
    expect(mixed).toMatch(/SEARCH attributes EXISTS USING INDEX attributes_uid \(uid=\? AND name=\?\)/);
    noScan(mixed);
  });

  test('named objects (a Locate by Unique Identifier) are looked up by primary key, never walked', () => {
    const s = openStore();
    const flag = { name: '_storage', op: 'eq' as const, value: T.int(AV, 1) };
    const p = plan(s, { filters: [flag], uids: ['a', 'b'], tenant: '', states: [State.Active] });
    expect(p).toMatch(/SEARCH o USING INDEX sqlite_autoindex_objects_1 \(uid=\?\)/);
    expect(p).not.toMatch(/SCAN o/);
    expect(buildLocate({ filters: [flag], uids: ['a'] }, 'select').walksAll).toBe(false);
    const paged = plan(s, { filters: [flag], uids: ['a', 'b'], tenant: '', maxItems: 1, newestFirst: true });
    expect(paged).toMatch(/SEARCH o USING INDEX sqlite_autoindex_objects_1 \(uid=\?\)/);
    expect(paged).not.toMatch(/SCAN o/);
  });

  test('Short Unique Identifier: derived, so walked and hashed per object alone, probed per candidate beside a selective filter', () => {
    const s = openStore();
    const alone = plan(s, { filters: [], shortUid: Buffer.alloc(32, 1), maxItems: 10 });
    expect(alone).toMatch(/SCAN o USING INDEX objects_created_seq/);
    // The few stored (imported) values come from the byte index, never from a scan of attributes.
    expect(alone).toMatch(/INDEX attributes_blob \(name=\? AND value_blob=\?\)/);
    expect(alone).not.toMatch(/SCAN attributes/);
    const named = plan(s, { filters: [{ name: 'Name', op: 'eq', value: nameAttr('k').value }], shortUid: Buffer.alloc(32, 1) });
    expect(named).toMatch(/LIST SUBQUERY[\s\S]*INDEX attributes_text \(name=\? AND value_text=\?\)/);
    noScan(named);
  });

  test('migration 4: enumeration rows are no longer in the integer index, dates and Structures are', () => {
    const s = openStore();
    s.insert(makeObject({ uid: 'ix', attributes: [nameAttr('k'), attr('Cryptographic Algorithm', T.enum(AV, 3)), attr('Initial Date', T.date(AV, 7n))] }));
    const db = s.connection;
    const inIndex = (name: string) =>
      (db.prepare('SELECT COUNT(*) AS n FROM attributes INDEXED BY attributes_int WHERE name = ? AND value_int IS NOT NULL AND (type = 9 OR type = 11 OR type = 1)').get(name) as { n: number }).n;
    expect(inIndex('Initial Date')).toBe(1);
    expect(inIndex('Name')).toBe(1);
    expect(inIndex('Cryptographic Algorithm')).toBe(0);
    expect(s.locate({ filters: [{ name: 'Cryptographic Algorithm', op: 'eq', value: T.enum(AV, 3) }] })).toEqual(['ix']);
    expect(s.locate({ filters: [{ name: 'Initial Date', op: 'eq', value: T.date(AV, 7n) }] })).toEqual(['ix']);
  });

  test('migration 5: Structures are not in the byte index (Locate never read them there); Byte Strings are', () => {
    const s = openStore();
    const digest = T.struct(AV, [T.enum(Tag.HashingAlgorithm, 8), T.bytes(Tag.DigestValue, Buffer.alloc(32, 7))]);
    const sui = T.bytes(AV, Buffer.alloc(32, 9));
    s.insert(makeObject({ uid: 'bx', attributes: [attr('Digest', digest), attr('x-Token', sui)] }));
    const db = s.connection;
    const inIndex = (name: string) =>
      (db.prepare(`SELECT COUNT(*) AS n FROM attributes INDEXED BY attributes_blob WHERE name = ? AND value_int IS NULL AND value_text IS NULL AND type <> 1`).get(name) as { n: number }).n;
    expect(inIndex('x-Token')).toBe(1);
    expect(inIndex('Digest')).toBe(0);
    expect(plan(s, { filters: [{ name: 'x-Token', op: 'eq', value: sui }] })).toMatch(/INDEX attributes_blob \(name=\? AND value_blob=\?\)/);
    expect(s.locate({ filters: [{ name: 'x-Token', op: 'eq', value: sui }] })).toEqual(['bx']);
    expect(s.locate({ filters: [{ name: 'Digest', op: 'eq', value: digest }] })).toEqual(['bx']);
    expect(s.locate({ filters: [{ name: 'Digest', op: 'eq', value: T.struct(AV, [T.bytes(Tag.DigestValue, Buffer.alloc(32, 1))]) }] })).toEqual([]);
    // A Digest Value alone (subset of the stored fields) is found, through instr() on the stored value then the exact check.
    expect(s.locate({ filters: [{ name: 'Digest', op: 'eq', value: T.struct(AV, [T.bytes(Tag.DigestValue, Buffer.alloc(32, 7))]) }] })).toEqual(['bx']);
    expect(s.locate({ filters: [{ name: 'Digest', op: 'eq', value: T.struct(AV, [T.bytes(Tag.DigestValue, Buffer.alloc(32, 7))]) }], maxItems: 1 })).toEqual(['bx']);
    // The same bytes under another field's tag are not the Digest Value.
    expect(s.locate({ filters: [{ name: 'Digest', op: 'eq', value: T.struct(AV, [T.bytes(Tag.KeyMaterial, Buffer.alloc(32, 7))]) }] })).toEqual([]);
    expect(plan(s, { filters: [{ name: 'Digest', op: 'eq', value: T.struct(AV, [T.bytes(Tag.DigestValue, Buffer.alloc(32, 7))]) }], maxItems: 1 })).toMatch(/LIST SUBQUERY|SCAN attributes/);
  });
});

describe('decoded-object cache', () => {
  test('get returns copies; writes, journal rollback and failed commits are never hidden by the cache', async () => {
    const s = openStore();
    const o = makeObject({ uid: 'c1', attributes: [nameAttr('one')] });
    s.insert(o);
    await s.durable();
    const first = s.get('c1')!;
    first.attributes.push(attr('x-mutated', T.int(AV, 1)));
    first.material!.fill(0);
    expect(s.get('c1')).toEqual(o);

    s.update({ ...o, state: State.Active, attributes: [nameAttr('two')] });
    expect(s.get('c1')).toMatchObject({ state: State.Active, attributes: [nameAttr('two')] });
    await s.durable();

    const j = s.journal();
    s.update({ ...o, state: State.Deactivated }, j);
    expect(s.get('c1')!.state).toBe(State.Deactivated);
    j.rollback();
    expect(s.get('c1')!.state).toBe(State.Active);

    s.update({ ...o, state: State.Compromised });
    expect(s.get('c1')!.state).toBe(State.Compromised);
    failNext = true;
    await expect(s.durable()).rejects.toMatchObject({ code: 'commit-failed' });
    expect(s.get('c1')!.state).toBe(State.Active);

    s.remove('c1');
    expect(s.get('c1')).toBeUndefined();
  });

  test.each([false, true])('a commit by another connection (the CLI while the server runs) is seen: no stale cache, no sequence clash (reads in a write group: %s)', async (joined) => {
    const server = openStore();
    const o = makeObject({ uid: 'shared', attributes: [nameAttr('one')] });
    server.insert(o);
    await server.durable();
    if (joined) server.joinWriteGroup();
    expect(server.get('shared')!.state).toBe(o.state); // now cached
    // A read in a write group holds the write lock until the group commits on the next turn (a CLI in another
    // process waits that long; this one shares the thread, so the turn has to pass first).
    await new Promise((r) => setImmediate(r));

    const cli = openStore();
    cli.update({ ...o, state: State.Destroyed });
    cli.insert(makeObject({ uid: 'from-cli' }));
    await cli.durable();

    if (joined) server.joinWriteGroup();
    expect(server.get('shared')!.state).toBe(State.Destroyed);
    server.insert(makeObject({ uid: 'after-cli' }));
    await expect(server.durable()).resolves.toBeUndefined();
    expect(committedUids()).toEqual(['shared', 'from-cli', 'after-cli']);
  });

  test('reads in a write group opened for them: one check for other writers per group, the group commits by itself, refused writes leave reads outside', async () => {
    const server = openStore();
    const internals = server as unknown as { db: Database.Database; stmts: { dataVersion: { get(): unknown } } };
    const inGroup = () => internals.db.inTransaction;
    const o = makeObject({ uid: 'j1', attributes: [nameAttr('one')] });
    server.insert(o);
    await server.durable();
    expect(inGroup()).toBe(false);

    const dv = internals.stmts.dataVersion;
    const realGet = dv.get.bind(dv);
    let checks = 0;
    dv.get = () => (checks++, realGet());
    expect(server.get('j1')!.uid).toBe('j1');
    expect(inGroup()).toBe(false); // a read alone opens no group
    expect(checks).toBe(1);
    server.joinWriteGroup(); // a request that will write its audit record in this turn
    for (let i = 0; i < 3; i++) expect(server.get('j1')!.uid).toBe('j1');
    expect(server.getMeta('nothing')).toBeUndefined();
    expect(inGroup()).toBe(true); // the reads ran in the group ...
    expect(checks).toBe(2); // ... which checked for other writers once
    await new Promise((r) => setImmediate(r));
    expect(inGroup()).toBe(false); // committed on the next turn, with nothing written

    // Between groups another connection commits: the next group's first read sees it.
    const cli = openStore();
    cli.update({ ...o, state: State.Destroyed });
    await cli.durable();
    server.joinWriteGroup();
    expect(server.get('j1')!.state).toBe(State.Destroyed);
    expect(checks).toBe(3);
    await new Promise((r) => setImmediate(r));

    // While writes are refused (the last commit failed), reads do not open groups and still answer.
    server.update({ ...o, state: State.Active });
    failNext = true;
    await expect(server.durable()).rejects.toMatchObject({ code: 'commit-failed' });
    expect(server.writable).toBe(false);
    server.joinWriteGroup();
    expect(server.get('j1')!.state).toBe(State.Destroyed);
    expect(inGroup()).toBe(false);
    // A write that commits again lets reads join again.
    server.setMeta('k', 'v');
    await server.durable();
    server.joinWriteGroup();
    expect(server.getMeta('k')).toBe('v');
    expect(inGroup()).toBe(true);
  });

  test('joining a write group: a write lock held elsewhere is waited for once, then reads stay outside for a while', async () => {
    const server = openSqliteStore({ path: file, busyTimeoutMs: 100 });
    open.push(server);
    server.insert(makeObject({ uid: 'lk' }));
    await server.durable();
    const inGroup = () => (server as unknown as { db: Database.Database }).db.inTransaction;
    const other = new Database(file);
    try {
      other.exec('BEGIN IMMEDIATE'); // e.g. a CLI command in the middle of a long write
      let t = Date.now();
      server.joinWriteGroup();
      expect(Date.now() - t).toBeGreaterThanOrEqual(90); // one wait for the lock ...
      expect(server.get('lk')!.uid).toBe('lk'); // ... and the read is answered, outside any group
      expect(inGroup()).toBe(false);
      t = Date.now();
      server.joinWriteGroup();
      expect(server.get('lk')!.uid).toBe('lk');
      expect(Date.now() - t).toBeLessThan(50); // the next request does not wait again
      other.exec('COMMIT');
    } finally {
      other.close();
    }
    await new Promise((r) => setTimeout(r, 1100));
    server.joinWriteGroup();
    expect(server.get('lk')!.uid).toBe('lk');
    expect(inGroup()).toBe(true); // joining again once the back-off has passed
  });

  test('the cache is bounded and can be disabled', () => {
    const s = openSqliteStore({ path: file, objectCacheSize: 2 });
    open.push(s);
    for (const uid of ['b1', 'b2', 'b3']) s.insert(makeObject({ uid }));
    for (const uid of ['b1', 'b2', 'b3', 'b1']) expect(s.get(uid)!.uid).toBe(uid);
    expect((s as unknown as { objects: Map<string, unknown> }).objects.size).toBe(2);
    const off = openSqliteStore({ path: path.join(dir, 'off.db'), objectCacheSize: 0 });
    open.push(off);
    off.insert(makeObject({ uid: 'z' }));
    expect(off.get('z')!.uid).toBe('z');
    expect((off as unknown as { objects: Map<string, unknown> }).objects.size).toBe(0);
  });
});

describe('asynchronous WAL sync', () => {
  // The module object itself (an `import * as` namespace cannot be patched).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const nodeFs = require('node:fs') as typeof fs;
  afterEach(() => jest.restoreAllMocks());

  test('durable() resolves only after an fdatasync of the WAL that started after the commit', async () => {
    const s = openStore();
    const calls: Array<{ fd: number; done: (e: NodeJS.ErrnoException | null) => void }> = [];
    const real = nodeFs.fdatasync;
    jest.spyOn(nodeFs, 'fdatasync').mockImplementation(((fd: number, cb: (e: NodeJS.ErrnoException | null) => void) => {
      calls.push({ fd, done: (e) => (e ? cb(e) : real(fd, cb)) });
    }) as typeof fs.fdatasync);
    s.insert(makeObject({ uid: 'w1' }));
    let ok = false;
    const p1 = s.durable().then(() => (ok = true));
    await new Promise((r) => setTimeout(r, 20));
    expect(committedUids()).toEqual(['w1']); // committed to the WAL ...
    expect(calls).toHaveLength(1);
    expect(fs.fstatSync(calls[0].fd).ino).toBe(fs.statSync(`${file}-wal`).ino); // ... synced through the WAL's inode
    expect(ok).toBe(false); // ... but not acknowledged before the fdatasync completes
    // A commit made while the first sync runs is not covered by it: a second sync starts for it at once.
    s.insert(makeObject({ uid: 'w2' }));
    let ok2 = false;
    const p2 = s.durable().then(() => (ok2 = true));
    await new Promise((r) => setTimeout(r, 20));
    expect(calls).toHaveLength(2);
    calls[0].done(null);
    await p1;
    await new Promise((r) => setTimeout(r, 20));
    expect(ok2).toBe(false); // the first sync does not release w2
    calls[1].done(null);
    await p2;
    await expect(s.durable()).resolves.toBeUndefined();
  });

  /**
   * Hold every fdatasync until released, so the tests can see what waits for it. Releasing runs the real
   * fdatasync; releasing with an error fails it with that error instead.
   */
  function holdSyncs(): Array<(err?: NodeJS.ErrnoException) => void> {
    const held: Array<(err?: NodeJS.ErrnoException) => void> = [];
    const real = nodeFs.fdatasync;
    jest.spyOn(nodeFs, 'fdatasync').mockImplementation(((fd: number, cb: (e: NodeJS.ErrnoException | null) => void) => {
      held.push((err) => (err ? cb(err) : real(fd, cb)));
    }) as typeof fs.fdatasync);
    return held;
  }
  const auditRow = (db: Database.Database, v: string) => db.prepare('INSERT INTO read_records (v) VALUES (?)').run(v);
  const tick = () => new Promise((r) => setTimeout(r, 20));

  test('settled(): a record of a read is committed before it resolves, but does not wait for the disk flush', async () => {
    const s = openStore();
    s.groupWrite(() => s.connection.exec('CREATE TABLE read_records (v TEXT)'));
    await s.durable();
    const held = holdSyncs();
    s.groupWrite(() => auditRow(s.connection, 'r1'), { record: true, atomic: false });
    let settled = false;
    let durable = false;
    const p1 = s.settled().then(() => (settled = true));
    const p2 = s.durable().then(() => (durable = true));
    await tick();
    expect(settled).toBe(true);
    // Committed: another connection sees it (a crash of this process could not lose it) ...
    expect(peek((db) => db.prepare('SELECT v FROM read_records').all())).toEqual([{ v: 'r1' }]);
    // ... while durable() still waits for the fdatasync.
    expect(durable).toBe(false);
    expect(held).toHaveLength(1);
    held.splice(0).forEach((go) => go());
    await Promise.all([p1, p2]);
    expect(durable).toBe(true);
  });

  test('settled(): a change not yet on disk makes a read wait for the flush (the answer may reveal it)', async () => {
    const s = openStore();
    s.groupWrite(() => s.connection.exec('CREATE TABLE read_records (v TEXT)'));
    await s.durable();
    const held = holdSyncs();
    s.insert(makeObject({ uid: 'c1' })); // a change, e.g. another client's Create
    await tick(); // committed, its fdatasync is held
    expect(held).toHaveLength(1);
    s.groupWrite(() => auditRow(s.connection, 'r1'), { record: true, atomic: false });
    let settled = false;
    const p = s.settled().then(() => (settled = true));
    await tick();
    expect(settled).toBe(false);
    // The read waits for c1's flush; its own group's flush started beside it (a waiter makes a flush urgent).
    held.splice(0).forEach((go) => go());
    await tick();
    held.splice(0).forEach((go) => go());
    await p;
    expect(settled).toBe(true);
  });

  test('settled(): a failed commit of read records rejects, so the read is refused', async () => {
    const s = openStore();
    s.groupWrite(() => s.connection.exec('CREATE TABLE read_records (v TEXT)'));
    await s.durable();
    const mark = s.writeMark();
    s.groupWrite(() => auditRow(s.connection, 'r1'), { record: true, atomic: false });
    failNext = true;
    await expect(s.settled(mark)).rejects.toMatchObject({ code: 'commit-failed' });
    expect(peek((db) => db.prepare('SELECT count(*) AS n FROM read_records').get())).toEqual({ n: 0 });
  });

  test('a record that a read waits for is committed at once, even while an fdatasync runs', async () => {
    const s = openStore();
    s.groupWrite(() => s.connection.exec('CREATE TABLE read_records (v TEXT)'));
    await s.durable();
    const held = holdSyncs();
    s.groupWrite(() => auditRow(s.connection, 'r1'), { record: true, atomic: false });
    await s.settled();
    await tick();
    expect(held).toHaveLength(1); // r1's flush, held
    s.groupWrite(() => auditRow(s.connection, 'r2'), { record: true, atomic: false });
    let settled = false;
    const p = s.settled().then(() => (settled = true));
    await tick();
    expect(settled).toBe(true);
    expect(peek((db) => db.prepare('SELECT v FROM read_records ORDER BY v').all())).toEqual([{ v: 'r1' }, { v: 'r2' }]);
    // Records alone do not start a second flush beside the running one: they share the next.
    expect(held).toHaveLength(1);
    held.splice(0).forEach((go) => go());
    await p;
    await tick();
    expect(held).toHaveLength(1); // r2's flush, after r1's
    held.splice(0).forEach((go) => go());
  });

  test('recordSyncDelayMs: the flushes of record-only groups are shared; a change or a waiter starts one at once', async () => {
    const s = openStore({ recordSyncDelayMs: 150 });
    s.groupWrite(() => s.connection.exec('CREATE TABLE read_records (v TEXT)'));
    await s.durable();
    const held = holdSyncs();
    // Three reads' records in three turns: each committed before its read is released, no flush yet.
    for (const v of ['r1', 'r2', 'r3']) {
      s.groupWrite(() => auditRow(s.connection, v), { record: true, atomic: false });
      await s.settled();
      await tick();
    }
    expect(peek((db) => db.prepare('SELECT count(*) AS n FROM read_records').get())).toEqual({ n: 3 });
    expect(held).toHaveLength(0);
    // The delay ends: one flush covers the three.
    await new Promise((r) => setTimeout(r, 150));
    expect(held).toHaveLength(1);
    held.splice(0).forEach((go) => go());
    await tick();

    // A change committed while records wait: the flush starts at once, and covers the records too.
    s.groupWrite(() => auditRow(s.connection, 'r4'), { record: true, atomic: false });
    await s.settled();
    await tick();
    expect(held).toHaveLength(0);
    s.insert(makeObject({ uid: 'd1' }));
    const changed = s.durable();
    await tick();
    expect(held).toHaveLength(1);
    held.splice(0).forEach((go) => go());
    await changed;

    // Somebody waiting for records (durable()) starts their flush at once too.
    s.groupWrite(() => auditRow(s.connection, 'r5'), { record: true, atomic: false });
    await s.settled();
    await tick();
    expect(held).toHaveLength(0);
    let flushed = false;
    const waited = s.durable().then(() => (flushed = true));
    await tick();
    expect(held).toHaveLength(1);
    expect(flushed).toBe(false);
    held.splice(0).forEach((go) => go());
    await waited;
    expect(flushed).toBe(true);
    await new Promise((r) => setTimeout(r, 200)); // no flush left pending
    expect(held).toHaveLength(0);
  });

  test('a change does not wait for a running flush that cannot cover it: a second one starts (two at most); either covers what came before it', async () => {
    const s = openStore();
    s.groupWrite(() => s.connection.exec('CREATE TABLE read_records (v TEXT)'));
    await s.durable();
    const held = holdSyncs();
    const done: string[] = [];
    const write = (uid: string) => {
      s.insert(makeObject({ uid }));
      return s.durable().then(() => done.push(uid));
    };
    const p1 = write('f1');
    await tick();
    expect(held).toHaveLength(1);
    // A change starts its own flush at once ...
    const p2 = write('f2');
    await tick();
    expect(held).toHaveLength(2);
    // ... but not a third.
    const p3 = write('f3');
    await tick();
    expect(held).toHaveLength(2);
    expect(done).toEqual([]);
    // The second flush completes first: it started after f1's and f2's commits, so both are on disk.
    held[1]();
    await Promise.all([p1, p2]);
    await tick();
    expect(done).toEqual(['f1', 'f2']);
    // f3 was not covered by either: its flush starts now.
    expect(held).toHaveLength(3);
    held[0](); // the first flush ends late: nothing more to release, nothing breaks
    await tick();
    expect(done).toEqual(['f1', 'f2']);
    held[2]();
    await p3;
    expect(done).toEqual(['f1', 'f2', 'f3']);
    expect(s.writable).toBe(true);
  });

  test('a group written in the turn in which a flush failed is rolled back, never committed and released', async () => {
    const s = openStore();
    await s.durable();
    const held = holdSyncs();
    s.insert(makeObject({ uid: 'e1' }));
    const p1 = s.durable();
    await tick();
    expect(held).toHaveLength(1);
    // e2 is written, then e1's flush fails before e2's group is committed (same turn).
    s.insert(makeObject({ uid: 'e2' }));
    const p2 = s.durable();
    held[0](Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO' }));
    await expect(p1).rejects.toMatchObject({ code: 'commit-failed' });
    await expect(p2).rejects.toMatchObject({ code: 'commit-failed' });
    // e1 was committed before the flush failed (a COMMIT cannot be taken back); e2 never was, and no further
    // flush was started that could have released it.
    expect(committedUids()).toEqual(['e1']);
    expect(held).toHaveLength(1);
  });

  test('a failed fdatasync fails its waiters and every later write: nothing more is acknowledged', async () => {
    const s = openStore();
    jest.spyOn(nodeFs, 'fdatasync').mockImplementation(((_fd: number, cb: (e: NodeJS.ErrnoException | null) => void) => {
      setImmediate(() => cb(Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO' })));
    }) as typeof fs.fdatasync);
    const mark = s.writeMark();
    s.insert(makeObject({ uid: 'f1' }));
    await expect(s.durable(mark)).rejects.toMatchObject({ code: 'commit-failed' });
    expect(() => s.insert(makeObject({ uid: 'f2' }))).toThrow(expect.objectContaining({ code: 'commit-failed' }));
    await expect(s.durable()).rejects.toMatchObject({ code: 'commit-failed' });
  });
});

describe('background WAL checkpoints', () => {
  // Sizes of the files themselves: asking SQLite (wal_checkpoint) would checkpoint on this connection.
  const pagesOf = (f: string) => Math.ceil(fs.statSync(f).size / 4096);

  test('COMMIT never checkpoints on this connection; the worker copies the WAL into the database', async () => {
    const s = openSqliteStore({ path: file, backgroundCheckpoint: { intervalMs: 60_000 } });
    open.push(s);
    expect(s.connection.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    // Far more than the 1 000 pages after which SQLite would checkpoint inside a COMMIT.
    for (let i = 0; i < 3000; i++) s.insert(makeObject({ uid: `k${i}`, attributes: [nameAttr(`name-${i}-${'x'.repeat(400)}`)] }));
    await s.durable();
    // Nothing was copied by a COMMIT: the WAL holds it all, the database file is as small as after creation.
    expect(pagesOf(`${file}-wal`)).toBeGreaterThan(1000);
    const dbPagesBefore = pagesOf(file);
    expect(dbPagesBefore).toBeLessThan(100);
    const cp = s.backgroundCheckpointer!;
    const r = await cp.runNow();
    expect(r.busy).toBe(0);
    expect(r.log).toBeGreaterThan(1000);
    expect(r.checkpointed).toBe(r.log);
    expect(pagesOf(file)).toBeGreaterThan(dbPagesBefore + 500);
    // The data is in the database file itself now: a reader that ignores the WAL sees it.
    await s.close();
    open.splice(open.indexOf(s), 1);
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
    expect(peek((db) => (db.prepare('SELECT count(*) AS n FROM objects').get() as { n: number }).n)).toBe(3000);
  });

  test('the WAL restarts from its beginning after a complete checkpoint instead of growing', async () => {
    const s = openSqliteStore({ path: file, backgroundCheckpoint: { intervalMs: 60_000 } });
    open.push(s);
    for (let i = 0; i < 500; i++) s.insert(makeObject({ uid: `a${i}`, attributes: [nameAttr(`n${i}`)] }));
    await s.durable();
    const first = await s.backgroundCheckpointer!.runNow();
    expect(first.checkpointed).toBe(first.log);
    const walSize = fs.statSync(`${file}-wal`).size;
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 500; i++) s.insert(makeObject({ uid: `b${round}-${i}`, attributes: [nameAttr(`n${i}`)] }));
      await s.durable();
      const r = await s.backgroundCheckpointer!.runNow();
      // Each round started over at frame 1 (the log holds this round only) ...
      expect(r.log).toBeLessThanOrEqual(first.log + 50);
      expect(r.checkpointed).toBe(r.log);
    }
    // ... so the file did not grow round after round.
    expect(fs.statSync(`${file}-wal`).size).toBeLessThanOrEqual(walSize + 50 * 4096);
  });
});

