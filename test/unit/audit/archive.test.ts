/**
 * Archiving the audit trail (src/audit/archive.ts) on a real SQLite store file: old records move to a JSON
 * Lines file, the database keeps a signed anchor, verifyChain continues from it, verifyArchives checks the
 * files, and every way of hiding records that the chain used to catch is still caught.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { openSqliteStore, type SqliteStore } from '../../../src/store/sqlite';
import { AuditTrail, GENESIS_HASH, archiveAudit, queryAudit, readAnchor, verifyArchives, verifyChain, ArchiveRefused, type AuditEvent } from '../../../src/audit';
import { fileLines } from '../../../src/audit/archive';
import { chainHash, type AuditRecord } from '../../../src/audit/record';

let dir: string;
let store: SqliteStore;
const key = randomBytes(32);
const at = (i: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString();

function ev(i: number): AuditEvent {
  return {
    time: at(i), source: 'kmip', principal: 'alice', fingerprint: 'ab'.repeat(32), address: '127.0.0.1', version: '1.4', operation: 'Get',
    objects: [`K${i % 4}`], status: 'Success', reason: '', message: '', durationUs: 100 + i,
  };
}

let trail: AuditTrail;
let appended = 0;
function append(n: number): void {
  for (let k = 0; k < n; k++) trail.append(ev(++appended));
}
const file = (name: string) => path.join(dir, name);
const db = () => store.connection;
const lines = (f: string) => fs.readFileSync(f, 'utf8').trim().split('\n').map((l) => JSON.parse(l));

let refuseCommits = false;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tumbler-audit-archive-'));
  refuseCommits = false;
  store = openSqliteStore({
    path: path.join(dir, 'db.sqlite'),
    faultInjector: {
      beforeCommit() {
        if (refuseCommits) throw new Error('injected: disk refuses the commit');
      },
    },
  });
  trail = new AuditTrail(store, { hmacKey: key, checkpointEvery: 5 });
  appended = 0;
});
afterEach(async () => {
  await store.close().catch(() => undefined);
  fs.rmSync(dir, { recursive: true, force: true });
});

test('records before the time move to the file; the database keeps the rest and a signed anchor; both verify', async () => {
  append(30);
  const r = await archiveAudit(store, key, at(21), file('a1.jsonl'));
  expect(r).toMatchObject({ from: 1, to: 20, records: 20, checkpoints: 4, prevHash: GENESIS_HASH });
  const content = lines(file('a1.jsonl'));
  expect(content[0]).toMatchObject({ type: 'header', from: 1, prevHash: GENESIS_HASH });
  expect(content.filter((l) => l.type === 'record').map((l) => l.seq)).toEqual([...Array(20)].map((_, i) => i + 1));
  expect(content.at(-1)).toMatchObject({ type: 'trailer', to: 20, records: 20, lastHash: r!.lastHash });
  expect(queryAudit(db()).map((x) => x.seq)).toEqual([...Array(10)].map((_, i) => i + 21));
  expect(readAnchor(db())).toMatchObject({ seq: 20, hash: r!.lastHash });
  expect(verifyChain(db(), key)).toMatchObject({ ok: true, records: 10, archivedThrough: 20, problems: [] });
  expect(verifyArchives([file('a1.jsonl')], key, readAnchor(db()))[0]).toMatchObject({ ok: true, from: 1, to: 20, records: 20 });
  // The server goes on appending after the anchor.
  append(3);
  expect(verifyChain(db(), key).ok).toBe(true);
});

test('a second archive continues the first; the files verify oldest first and end at the anchor', async () => {
  append(30);
  await archiveAudit(store, key, at(11), file('a1.jsonl'));
  append(10);
  const second = await archiveAudit(store, key, at(36), file('a2.jsonl'));
  expect(second).toMatchObject({ from: 11, to: 35 });
  const anchor = readAnchor(db());
  expect(verifyArchives([file('a1.jsonl'), file('a2.jsonl')], key, anchor).map((x) => x.ok)).toEqual([true, true]);
  // Out of order, one missing, or only the old one: each is a problem.
  expect(verifyArchives([file('a2.jsonl'), file('a1.jsonl')], key, anchor)[0].problems[0]).toMatch(/starts at record 11/);
  expect(verifyArchives([file('a1.jsonl')], key, anchor)[0].problems[0]).toMatch(/a newer archive is missing/);
  expect(verifyChain(db(), key)).toMatchObject({ ok: true, archivedThrough: 35 });
});

test('the newest record is never archived, and nothing before the time means nothing to do', async () => {
  append(5);
  expect(await archiveAudit(store, key, at(0), file('none.jsonl'))).toBeUndefined();
  expect(fs.existsSync(file('none.jsonl'))).toBe(false);
  const r = await archiveAudit(store, key, at(999), file('all.jsonl'));
  expect(r).toMatchObject({ from: 1, to: 4 });
  expect(queryAudit(db()).map((x) => x.seq)).toEqual([5]);
  append(1);
  expect(queryAudit(db()).map((x) => x.seq)).toEqual([5, 6]);
  expect(verifyChain(db(), key).ok).toBe(true);
});

test('a trail that does not verify is not archived, and an existing file is never overwritten', async () => {
  append(12);
  db().prepare("UPDATE audit SET principal = 'mallory' WHERE seq = 4").run();
  await expect(archiveAudit(store, key, at(10), file('bad.jsonl'))).rejects.toThrow(ArchiveRefused);
  expect(fs.existsSync(file('bad.jsonl'))).toBe(false);
  expect(queryAudit(db())).toHaveLength(12);
  db().prepare("UPDATE audit SET principal = 'alice' WHERE seq = 4").run();
  fs.writeFileSync(file('taken.jsonl'), 'x');
  await expect(archiveAudit(store, key, at(10), file('taken.jsonl'))).rejects.toMatchObject({ code: 'EEXIST' });
  expect(fs.readFileSync(file('taken.jsonl'), 'utf8')).toBe('x');
  expect(queryAudit(db())).toHaveLength(12);
});

test('records removed right after the anchor are detected', async () => {
  append(30);
  await archiveAudit(store, key, at(11), file('a1.jsonl'));
  // Records right after the anchor removed from the database.
  db().prepare('DELETE FROM audit WHERE seq IN (11, 12)').run();
  expect(verifyChain(db(), key).problems[0]).toMatchObject({ kind: 'removed', seq: 13 });
});

test('the anchor cannot be moved without the HMAC key, nor replaced by a checkpoint row', async () => {
  append(30);
  await archiveAudit(store, key, at(11), file('a1.jsonl'));
  const anchor = readAnchor(db())!;
  // Moving it forward (to hide records 11..20) and deleting those records.
  const row = queryAudit(db()).find((x) => x.seq === 20)!;
  db().prepare("UPDATE meta SET value = ? WHERE key = 'audit.anchor'").run(JSON.stringify({ ...anchor, seq: 20, hash: row.hash }));
  db().prepare('DELETE FROM audit WHERE seq <= 20').run();
  expect(verifyChain(db(), key).problems[0]).toMatchObject({ kind: 'checkpoint', detail: expect.stringMatching(/anchor has a bad HMAC/) });
  // A checkpoint's own signature (seq 25) does not make a valid anchor either.
  const cp = db().prepare('SELECT seq, hash, time, hmac FROM audit_checkpoints WHERE seq = 25').get() as { seq: number; hash: string; time: string; hmac: string };
  db().prepare("UPDATE meta SET value = ? WHERE key = 'audit.anchor'").run(JSON.stringify(cp));
  db().prepare('DELETE FROM audit WHERE seq <= 25').run();
  expect(verifyChain(db(), key).ok).toBe(false);
  // Removing the anchor itself: the chain then has to start at record 1.
  db().prepare("DELETE FROM meta WHERE key = 'audit.anchor'").run();
  expect(verifyChain(db(), key).problems[0]).toMatchObject({ kind: 'removed' });
});

test('a tampered archive file is reported: altered record, removed record, forged checkpoint, truncation', async () => {
  append(20);
  await archiveAudit(store, key, at(16), file('a.jsonl'));
  const original = fs.readFileSync(file('a.jsonl'), 'utf8').trim().split('\n');
  const check = (mutated: string[]) => {
    fs.writeFileSync(file('m.jsonl'), mutated.join('\n') + '\n');
    return verifyArchives([file('m.jsonl')], key)[0];
  };
  expect(check(original)).toMatchObject({ ok: true, records: 15 });
  const altered = [...original];
  altered[3] = altered[3].replace('"principal":"alice"', '"principal":"mallory"');
  expect(check(altered).problems[0]).toMatch(/record 3 was altered/);
  expect(check(original.filter((_, i) => i !== 5)).problems[0]).toMatch(/record 6 found where record 5 belongs/);
  const forged = original.map((l) => (l.includes('"type":"checkpoint"') ? l.replace(/"hmac":"[0-9a-f]{4}/, '"hmac":"0000') : l));
  expect(check(forged).problems[0]).toMatch(/bad HMAC/);
  expect(check(original.slice(0, -1)).problems).toContain('no trailer: the file is truncated');
  expect(verifyArchives([file('a.jsonl')], randomBytes(32))[0].problems[0]).toMatch(/bad HMAC/);
});

test('a rewritten chain (content changed, every later hash recomputed, trailer redone) is caught by the checkpoint that signed the old one', async () => {
  append(20);
  await archiveAudit(store, key, at(16), file('a.jsonl'));
  const lines = fs.readFileSync(file('a.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  // Without a key anybody can redo the unkeyed hash chain: change record 2, relink everything after it.
  let prev = '';
  for (const o of lines) {
    if (o.type !== 'record') continue;
    const r = o as unknown as AuditRecord;
    if (r.seq === 2) r.principal = 'mallory';
    if (r.seq >= 2) {
      r.prevHash = prev;
      r.hash = chainHash(prev, r);
    }
    prev = r.hash;
  }
  const trailer = lines[lines.length - 1];
  expect(trailer.type).toBe('trailer');
  trailer.lastHash = prev;
  fs.writeFileSync(file('m.jsonl'), lines.map((o) => JSON.stringify(o)).join('\n') + '\n');
  const rep = verifyArchives([file('m.jsonl')], key)[0];
  expect(rep.ok).toBe(false);
  // Checkpoints every 5 records: the first one after the change signed record 5's old hash.
  expect(rep.problems[0]).toBe('record 5 differs from the one its checkpoint signed');
});

test('when the database refuses the deletion: nothing deleted, no file; part deleted, the file holds exactly that part', async () => {
  append(30);
  await store.durable();
  refuseCommits = true;
  await expect(archiveAudit(store, key, at(25), file('none.jsonl'), { chunk: 10 })).rejects.toThrow(/nothing was archived/);
  expect(fs.existsSync(file('none.jsonl'))).toBe(false);
  refuseCommits = false;
  await store.durable().catch(() => undefined);
  expect(queryAudit(db()).map((x) => x.seq)[0]).toBe(1);
  expect(readAnchor(db())).toBeUndefined();

  // The second chunk's commit fails: records 1..10 are gone from the database and are exactly the file.
  let commits = 0;
  const realGroupWrite = store.groupWrite.bind(store);
  const spy = jest.spyOn(store, 'groupWrite').mockImplementation(((fn: () => unknown, o?: object) => {
    if (++commits === 2) refuseCommits = true;
    return realGroupWrite(fn as () => unknown, o as never);
  }) as never);
  await expect(archiveAudit(store, key, at(25), file('part.jsonl'), { chunk: 10 })).rejects.toThrow(/records 1\.\.10 are archived in .*part\.jsonl/);
  spy.mockRestore();
  refuseCommits = false;
  await store.durable().catch(() => undefined);
  expect(readAnchor(db())?.seq).toBe(10);
  expect(queryAudit(db())[0].seq).toBe(11);
  const part = verifyArchives([file('part.jsonl')], key, readAnchor(db()))[0];
  expect(part).toMatchObject({ ok: true, from: 1, to: 10, records: 10 });
  // The next archive continues it, and the two verify together.
  await archiveAudit(store, key, at(25), file('next.jsonl'), { chunk: 10 });
  expect(verifyArchives([file('part.jsonl'), file('next.jsonl')], key, readAnchor(db())).map((x) => x.ok)).toEqual([true, true]);
  expect(verifyChain(db(), key)).toMatchObject({ ok: true, archivedThrough: 24 });
});

test('archive files are read a chunk at a time: lines and multi-byte characters cut between reads come out whole', () => {
  const lines = ['{"a":"é€😀"}', '', 'x'.repeat(50), '{"message":"Größe"}', 'last line without newline'];
  fs.writeFileSync(file('lines.jsonl'), lines.join('\n'));
  for (const chunk of [1, 2, 3, 7, 1 << 20]) expect([...fileLines(file('lines.jsonl'), chunk)]).toEqual(lines.filter((l) => l.length > 0));
});
