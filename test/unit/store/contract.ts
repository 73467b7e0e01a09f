/**
 * The ObjectStore contract: every adapter (memory fake, SQLite, later PostgreSQL) must pass it.
 * Usage: runStoreContract('sqlite', async () => harness) inside a *.test.ts file.
 */
import type { ObjectStore, StoredObject, LocateQuery } from '../../../src/store/port';
import type { Attribute } from '../../../src/attributes/model';
import { T, type TtlvItem } from '../../../src/ttlv/item';
import { Tag } from '../../../src/kmip/tags';
import { ObjectType, State, NameType, LinkType, CryptographicAlgorithm } from '../../../src/kmip/enums';
import { StoreError } from '../../../src/store/errors';
import { SHORT_UID } from '../../../src/attributes/short-uid';
import { createHash } from 'node:crypto';

export interface StoreHarness {
  store: ObjectStore;
  /** Make the next commit (or durable()) fail. */
  failNextCommit(): void;
  /** Close and reopen the same backing store, if the adapter persists (memory does not). */
  reopen?(): Promise<ObjectStore>;
  dispose(): Promise<void>;
}

const AV = Tag.AttributeValue;

export const attr = (name: string, value: TtlvItem, index = 0): Attribute => ({ name, index, value });
export const nameAttr = (text: string, index = 0): Attribute =>
  attr(
    'Name',
    T.struct(AV, [T.text(Tag.NameValue, text), T.enum(Tag.NameType, NameType.UninterpretedTextString)]),
    index,
  );
export const linkAttr = (type: number, uid: string, index = 0): Attribute =>
  attr('Link', T.struct(AV, [T.enum(Tag.LinkType, type), T.text(Tag.LinkedObjectIdentifier, uid)]), index);

let counter = 0;
export function makeObject(over: Partial<StoredObject> = {}): StoredObject {
  counter++;
  return {
    uid: over.uid ?? `uid-${counter}-${Math.random().toString(16).slice(2, 8)}`,
    objectType: ObjectType.SymmetricKey,
    state: State.PreActive,
    attributes: [],
    body: Buffer.from([0x42, 0x00, 0x8f, counter & 0xff]),
    material: Buffer.from('wrapped-material-' + counter),
    kekId: 'kek-1',
    owner: 'alice',
    tenant: '',
    ...over,
  };
}

/** One value of every item type, plus custom x-/y- attributes of any type. */
export function everyTypeAttributes(): Attribute[] {
  return [
    nameAttr('key one'),
    nameAttr('key one alias', 1),
    attr('Cryptographic Algorithm', T.enum(AV, CryptographicAlgorithm.AES)),
    attr('Cryptographic Length', T.int(AV, 256)),
    attr('Initial Date', T.date(AV, 1_700_000_000n)),
    attr('x-integer', T.int(AV, -7)),
    attr('x-long', T.long(AV, -(2n ** 62n))),
    attr('x-big', T.big(AV, 2n ** 100n + 5n)),
    attr('x-big-small', T.big(AV, -42n)),
    attr('x-bool', T.bool(AV, true)),
    attr('y-text', T.text(AV, 'héllo wörld ✓')),
    attr('y-bytes', T.bytes(AV, Buffer.from([0, 1, 2, 255]))),
    attr('x-interval', T.interval(AV, 4_000_000_000)),
    attr('x-dtx', T.dateExt(AV, 1_700_000_000_123_456n)),
    attr('y-struct', T.struct(AV, [T.text(0x540001, 'inner'), T.struct(0x540002, [T.int(0x540003, 9)])])),
    linkAttr(LinkType.PublicKeyLink, 'other-uid'),
  ];
}

const sortedIds = (xs: string[]) => [...xs].sort();

export interface ContractOptions {
  /** The adapter persists across close/reopen (the harness provides reopen()). */
  persistent: boolean;
}

export function runStoreContract(
  name: string,
  factory: () => Promise<StoreHarness> | StoreHarness,
  options: ContractOptions = { persistent: false },
): void {
  describe(`ObjectStore contract: ${name}`, () => {
    let h: StoreHarness;
    let store: ObjectStore;
    beforeEach(async () => {
      h = await factory();
      store = h.store;
    });
    afterEach(async () => {
      await h.dispose();
    });

    describe('CRUD', () => {
      test('insert then get returns an equal copy', () => {
        const o = makeObject({ attributes: everyTypeAttributes() });
        store.insert(o);
        expect(store.get(o.uid)).toEqual(o);
      });

      test('get of an unknown uid is undefined', () => {
        expect(store.get('nope')).toBeUndefined();
      });

      test('the store keeps its own copies', () => {
        const o = makeObject({ attributes: [nameAttr('orig')] });
        store.insert(o);
        o.material!.fill(0);
        (o.attributes[0].value.value as TtlvItem[])[0].value = 'mutated';
        const got = store.get(o.uid)!;
        expect(got.material!.toString()).toMatch(/^wrapped-material-/);
        expect(got.attributes[0]).toEqual(nameAttr('orig'));
        got.attributes.push(nameAttr('extra'));
        expect(store.get(o.uid)!.attributes).toHaveLength(1);
      });

      test('null body, material and kek id round-trip', () => {
        const o = makeObject({ body: null, material: null, kekId: null });
        store.insert(o);
        expect(store.get(o.uid)).toEqual(o);
      });

      test('duplicate insert throws StoreError duplicate and keeps the first', () => {
        const o = makeObject();
        store.insert(o);
        expect(() => store.insert({ ...o, owner: 'mallory' })).toThrow(expect.objectContaining({ code: 'duplicate' }));
        expect(store.get(o.uid)!.owner).toBe('alice');
      });

      test('erased material stays erased: an update carrying material again is refused and changes nothing', () => {
        const o = makeObject({ attributes: [nameAttr('a')] });
        store.insert(o);
        const erased: StoredObject = { ...o, state: State.Destroyed, material: null, kekId: null };
        store.update(erased);
        // A copy loaded before the erasure, written back with another change (a stale read-modify-write).
        const stale: StoredObject = { ...o, attributes: [nameAttr('b')] };
        expect(() => store.update(stale)).toThrow(expect.objectContaining({ code: 'erased' }));
        expect(store.get(o.uid)).toEqual(erased);
        // Updates that keep the material erased still work.
        store.update({ ...erased, attributes: [nameAttr('c')] });
        expect(store.get(o.uid)!.attributes).toEqual([nameAttr('c')]);
      });

      test('update replaces state, attributes and material', () => {
        const o = makeObject({ attributes: [nameAttr('a'), attr('x-n', T.int(AV, 1))] });
        store.insert(o);
        const u: StoredObject = { ...o, state: State.Active, attributes: [nameAttr('b')], material: null, kekId: null };
        store.update(u);
        expect(store.get(o.uid)).toEqual(u);
        expect(store.locate({ filters: [{ name: 'Name', op: 'eq', value: nameAttr('a').value }] })).toEqual([]);
        expect(store.locate({ filters: [{ name: 'Name', op: 'eq', value: nameAttr('b').value }] })).toEqual([o.uid]);
      });

      test('an update that changes one value in the middle keeps the order; value, index and search follow it', () => {
        const list = [nameAttr('a'), attr('Fresh', T.bool(AV, true)), nameAttr('b', 1), attr('x-n', T.int(AV, 1)), attr('x-t', T.text(AV, 'v'))];
        const o = makeObject({ attributes: list });
        store.insert(o);
        const steps: Attribute[][] = [
          list.map((a) => (a.name === 'Fresh' ? attr('Fresh', T.bool(AV, false)) : a)), // one value
          [nameAttr('a'), attr('Fresh', T.bool(AV, false)), nameAttr('c', 1), attr('x-t', T.text(AV, 'w'))], // changed + removed
          [attr('x-t', T.text(AV, 'w')), nameAttr('a'), attr('Fresh', T.bool(AV, false))], // reordered
          [], // all gone
          list, // all back
        ];
        for (const attributes of steps) {
          store.update({ ...o, attributes });
          expect(store.get(o.uid)!.attributes).toEqual(attributes);
        }
        expect(store.locate({ filters: [{ name: 'Name', op: 'eq', value: nameAttr('b', 1).value }] })).toEqual([o.uid]);
        expect(store.locate({ filters: [{ name: 'Name', op: 'eq', value: nameAttr('c', 1).value }] })).toEqual([]);
        // The same object unchanged, and a state change only: both read back as written.
        store.update({ ...o, attributes: list });
        store.update({ ...o, state: State.Active, attributes: list });
        expect(store.get(o.uid)).toEqual({ ...o, state: State.Active, attributes: list });
      });

      test('update and remove of a missing object throw not-found', () => {
        expect(() => store.update(makeObject())).toThrow(StoreError);
        expect(() => store.update(makeObject())).toThrow(expect.objectContaining({ code: 'not-found' }));
        expect(() => store.remove('missing')).toThrow(expect.objectContaining({ code: 'not-found' }));
      });

      test('remove deletes the object and its attributes from Locate', () => {
        const o = makeObject({ attributes: [nameAttr('gone')] });
        store.insert(o);
        store.remove(o.uid);
        expect(store.get(o.uid)).toBeUndefined();
        expect(store.locate({ filters: [{ name: 'Name', op: 'eq', value: nameAttr('gone').value }] })).toEqual([]);
      });

      test('meta get/set', () => {
        expect(store.getMeta('kek')).toBeUndefined();
        store.setMeta('kek', 'k1');
        store.setMeta('kek', 'k2');
        expect(store.getMeta('kek')).toBe('k2');
      });
    });

    describe('attributes of every item type', () => {
      test.each(everyTypeAttributes().map((a) => [a.name, a] as const))('%s round-trips and is found by eq', (_n, a) => {
        const o = makeObject({ attributes: [a] });
        const other = makeObject({ attributes: [] });
        store.insert(other);
        store.insert(o);
        expect(store.get(o.uid)!.attributes).toEqual([a]);
        expect(store.locate({ filters: [{ name: a.name, op: 'eq', value: a.value }] })).toEqual([o.uid]);
      });

      test('the top-level tag of a value round-trips and is ignored for equality', () => {
        const a = attr('x-tagged', T.text(0x540010, 'v'));
        const o = makeObject({ attributes: [a] });
        store.insert(o);
        expect(store.get(o.uid)!.attributes[0].value.tag).toBe(0x540010);
        expect(store.locate({ filters: [{ name: 'x-tagged', op: 'eq', value: T.text(AV, 'v') }] })).toEqual([o.uid]);
      });

      test('equal numbers of different item types do not match', () => {
        const o = makeObject({ attributes: [attr('x-n', T.int(AV, 5))] });
        store.insert(o);
        expect(store.locate({ filters: [{ name: 'x-n', op: 'eq', value: T.enum(AV, 5) }] })).toEqual([]);
        expect(store.locate({ filters: [{ name: 'x-n', op: 'eq', value: T.int(AV, 5) }] })).toEqual([o.uid]);
      });

      test('attribute order and indexes are preserved', () => {
        const attrs = [nameAttr('n0'), attr('x-a', T.int(AV, 1)), nameAttr('n1', 1), attr('x-a', T.int(AV, 2), 1)];
        const o = makeObject({ attributes: attrs });
        store.insert(o);
        expect(store.get(o.uid)!.attributes).toEqual(attrs);
      });
    });

    describe('locate', () => {
      let a: StoredObject, b: StoredObject, c: StoredObject, d: StoredObject;
      beforeEach(() => {
        a = makeObject({ attributes: [nameAttr('alpha'), attr('Initial Date', T.date(AV, 100n)), attr('Cryptographic Usage Mask', T.int(AV, 0x0c)), attr('x-tag', T.text(AV, 'red'))] });
        b = makeObject({ state: State.Active, attributes: [nameAttr('beta'), attr('Initial Date', T.date(AV, 200n)), attr('Cryptographic Usage Mask', T.int(AV, 0x04)), attr('x-tag', T.text(AV, 'red')), linkAttr(LinkType.PrivateKeyLink, 'pk-1')] });
        c = makeObject({ objectType: ObjectType.SecretData, owner: 'bob', attributes: [nameAttr('gamma'), nameAttr('alpha', 1), attr('Initial Date', T.date(AV, 300n))] });
        d = makeObject({ tenant: 't2', state: State.Destroyed, attributes: [nameAttr('delta'), attr('Initial Date', T.date(AV, 400n))] });
        for (const o of [a, b, c, d]) store.insert(o);
      });
      const loc = (q: Partial<LocateQuery>) => store.locate({ filters: [], ...q });

      test('no filter returns everything in creation order', () => {
        expect(loc({})).toEqual([a.uid, b.uid, c.uid, d.uid]);
        expect(store.count({ filters: [] })).toBe(4);
      });

      test('by Name (full structure and Name Value only)', () => {
        expect(loc({ filters: [{ name: 'Name', op: 'eq', value: nameAttr('alpha').value }] })).toEqual([a.uid, c.uid]);
        const partial = T.struct(AV, [T.text(Tag.NameValue, 'beta')]);
        expect(loc({ filters: [{ name: 'Name', op: 'eq', value: partial }] })).toEqual([b.uid]);
        const wrongType = T.struct(AV, [T.text(Tag.NameValue, 'beta'), T.enum(Tag.NameType, NameType.URI)]);
        expect(loc({ filters: [{ name: 'Name', op: 'eq', value: wrongType }] })).toEqual([]);
      });

      test('a structure filter that omits the primary text field still matches (Link by type only)', () => {
        const byType = T.struct(AV, [T.enum(Tag.LinkType, LinkType.PrivateKeyLink)]);
        expect(loc({ filters: [{ name: 'Link', op: 'eq', value: byType }] })).toEqual([b.uid]);
        const byId = T.struct(AV, [T.text(Tag.LinkedObjectIdentifier, 'pk-1')]);
        expect(loc({ filters: [{ name: 'Link', op: 'eq', value: byId }] })).toEqual([b.uid]);
      });

      test('two filters on the same name must both match (AND)', () => {
        const f = (n: string) => ({ name: 'Name', op: 'eq' as const, value: T.struct(AV, [T.text(Tag.NameValue, n)]) });
        expect(loc({ filters: [f('alpha'), f('gamma')] })).toEqual([c.uid]);
        expect(loc({ filters: [f('alpha'), f('beta')] })).toEqual([]);
      });

      test('object type, state, owner, tenant', () => {
        expect(loc({ objectTypes: [ObjectType.SecretData] })).toEqual([c.uid]);
        expect(loc({ objectTypes: [ObjectType.SecretData, ObjectType.SymmetricKey] })).toEqual([a.uid, b.uid, c.uid, d.uid]);
        expect(loc({ states: [State.Active, State.Destroyed] })).toEqual([b.uid, d.uid]);
        expect(loc({ owner: 'bob' })).toEqual([c.uid]);
        expect(loc({ tenant: 't2' })).toEqual([d.uid]);
        expect(loc({ tenant: '' })).toEqual([a.uid, b.uid, c.uid]);
        expect(loc({ owner: 'alice', states: [State.PreActive] })).toEqual([a.uid]);
      });

      test('Short Unique Identifier: the SHA-256 of the uid, or the value stored for the object, which then replaces it', () => {
        const imported = makeObject({ attributes: [attr(SHORT_UID, T.bytes(AV, Buffer.alloc(32, 5))), nameAttr('imported')] });
        store.insert(imported);
        const sha = (uid: string) => createHash('sha256').update(uid).digest();
        for (const o of [a, b, c, imported]) {
          expect(loc({ shortUid: sha(o.uid) })).toEqual(o === imported ? [] : [o.uid]);
        }
        expect(loc({ shortUid: Buffer.alloc(32, 5) })).toEqual([imported.uid]);
        expect(loc({ shortUid: Buffer.alloc(32, 5), filters: [{ name: 'Name', op: 'eq', value: nameAttr('imported').value }] })).toEqual([imported.uid]);
        expect(loc({ shortUid: sha(a.uid), states: [State.Active] })).toEqual([]);
        expect(loc({ shortUid: Buffer.alloc(0) })).toEqual([]);
        expect(store.count({ filters: [], shortUid: sha(b.uid) })).toBe(1);
      });

      test('named objects only (uids), with every other condition, in creation order', () => {
        expect(loc({ uids: [c.uid, a.uid, 'absent'] })).toEqual([a.uid, c.uid]);
        expect(loc({ uids: [c.uid, a.uid], filters: [{ name: 'Name', op: 'eq', value: nameAttr('alpha').value }], states: [State.PreActive] })).toEqual([a.uid, c.uid]);
        expect(loc({ uids: [b.uid, d.uid], states: [State.Active] })).toEqual([b.uid]);
        expect(loc({ uids: [a.uid, b.uid, c.uid], newestFirst: true, maxItems: 2 })).toEqual([c.uid, b.uid]);
        expect(loc({ uids: [] })).toEqual([]);
        expect(store.count({ filters: [], uids: [a.uid, d.uid] })).toBe(2);
      });

      test('owner with granted objects: own ones or the listed ones, with every other condition and paging', () => {
        expect(loc({ owner: 'bob', alsoUids: [a.uid] })).toEqual([a.uid, c.uid]);
        expect(loc({ owner: 'bob', alsoUids: [a.uid, d.uid], tenant: '' })).toEqual([a.uid, c.uid]);
        expect(loc({ owner: 'bob', alsoUids: [b.uid], states: [State.PreActive] })).toEqual([c.uid]); // b is Active
        expect(loc({ owner: 'bob', alsoUids: [a.uid], filters: [{ name: 'Name', op: 'eq', value: nameAttr('alpha').value }] })).toEqual([a.uid, c.uid]);
        expect(loc({ owner: 'bob', alsoUids: [a.uid, b.uid], newestFirst: true, maxItems: 2 })).toEqual([c.uid, b.uid]);
        expect(loc({ owner: 'bob', alsoUids: [a.uid, b.uid], offset: 1, maxItems: 1 })).toEqual([b.uid]);
        expect(store.count({ filters: [], owner: 'bob', alsoUids: [a.uid, b.uid] })).toBe(3);
        expect(loc({ owner: 'nobody', alsoUids: [] })).toEqual([]);
      });

      test('custom attribute filters combine with AND', () => {
        const red = { name: 'x-tag', op: 'eq' as const, value: T.text(AV, 'red') };
        expect(loc({ filters: [red] })).toEqual([a.uid, b.uid]);
        expect(loc({ filters: [red], states: [State.Active] })).toEqual([b.uid]);
        expect(loc({ filters: [red, { name: 'Name', op: 'eq', value: nameAttr('alpha').value }] })).toEqual([a.uid]);
      });

      test('date ranges: ge/le on one attribute, inclusive', () => {
        const ge = (v: bigint) => ({ name: 'Initial Date', op: 'ge' as const, value: T.date(AV, v) });
        const le = (v: bigint) => ({ name: 'Initial Date', op: 'le' as const, value: T.date(AV, v) });
        expect(loc({ filters: [ge(200n), le(300n)] })).toEqual([b.uid, c.uid]);
        expect(loc({ filters: [ge(201n)] })).toEqual([c.uid, d.uid]);
        expect(loc({ filters: [le(100n)] })).toEqual([a.uid]);
        expect(loc({ filters: [{ name: 'Initial Date', op: 'eq', value: T.date(AV, 300n) }] })).toEqual([c.uid]);
        expect(loc({ filters: [ge(500n)] })).toEqual([]);
      });

      test('usage mask containment', () => {
        const m = (v: number) => ({ name: 'Cryptographic Usage Mask', op: 'mask' as const, value: T.int(AV, v) });
        expect(loc({ filters: [m(0x04)] })).toEqual([a.uid, b.uid]);
        expect(loc({ filters: [m(0x0c)] })).toEqual([a.uid]);
        expect(loc({ filters: [m(0x10)] })).toEqual([]);
      });

      test('offset and maxItems page in creation order; count ignores them', () => {
        expect(loc({ offset: 1, maxItems: 2 })).toEqual([b.uid, c.uid]);
        expect(loc({ offset: 3 })).toEqual([d.uid]);
        expect(loc({ maxItems: 1 })).toEqual([a.uid]);
        expect(loc({ offset: 10 })).toEqual([]);
        const byName = { name: 'Name', op: 'eq' as const, value: T.struct(AV, [T.text(Tag.NameValue, 'alpha')]) };
        expect(loc({ filters: [byName], offset: 1, maxItems: 5 })).toEqual([c.uid]);
        expect(store.count({ filters: [byName], offset: 1, maxItems: 1 })).toBe(2);
        expect(store.count({ filters: [], states: [State.PreActive] })).toBe(2);
      });

      test('newestFirst orders and pages newest first, with SQL and post-checked filters alike', () => {
        expect(loc({ newestFirst: true })).toEqual([d.uid, c.uid, b.uid, a.uid]);
        expect(loc({ newestFirst: true, offset: 1, maxItems: 2 })).toEqual([c.uid, b.uid]);
        const byName = { name: 'Name', op: 'eq' as const, value: T.struct(AV, [T.text(Tag.NameValue, 'alpha')]) };
        expect(loc({ filters: [byName], newestFirst: true })).toEqual([c.uid, a.uid]);
        expect(loc({ filters: [byName], newestFirst: true, offset: 1, maxItems: 1 })).toEqual([a.uid]);
      });

      test('a filter every object matches combines with a selective one, paged or not', () => {
        const red = { name: 'x-tag', op: 'eq' as const, value: T.text(AV, 'red') };
        const dated = { name: 'Initial Date', op: 'ge' as const, value: T.date(AV, 0n) };
        const mask = { name: 'Cryptographic Usage Mask', op: 'mask' as const, value: T.int(AV, 0x04) };
        expect(loc({ filters: [mask, red] })).toEqual([a.uid, b.uid]);
        expect(loc({ filters: [mask], maxItems: 1, newestFirst: true })).toEqual([b.uid]);
        expect(loc({ filters: [dated, { name: 'Name', op: 'eq', value: nameAttr('gamma').value }] })).toEqual([c.uid]);
        expect(store.count({ filters: [mask, red], maxItems: 1 })).toBe(2);
      });

      test('unsupported comparisons and too many filters are typed errors', () => {
        expect(() => loc({ filters: [{ name: 'Name', op: 'ge', value: nameAttr('x').value }] })).toThrow(
          expect.objectContaining({ code: 'bad-query' }),
        );
        const many = Array.from({ length: 1000 }, () => ({ name: 'x', op: 'eq' as const, value: T.int(AV, 1) }));
        expect(() => loc({ filters: many })).toThrow(expect.objectContaining({ code: 'bad-query' }));
      });
    });

    describe('journal', () => {
      test('rollback undoes insert, update and remove in the journal only', () => {
        const keep = makeObject({ attributes: [nameAttr('keep')] });
        const upd = makeObject({ attributes: [nameAttr('before')] });
        const del = makeObject({ attributes: [nameAttr('del')] });
        for (const o of [keep, upd, del]) store.insert(o);
        const j = store.journal();
        const created = makeObject();
        store.insert(created, j);
        store.update({ ...upd, state: State.Active, attributes: [nameAttr('after')] }, j);
        store.update({ ...upd, state: State.Deactivated, attributes: [nameAttr('after2')] }, j);
        store.remove(del.uid, j);
        // a concurrent request's write interleaves and must survive the rollback
        const other = makeObject();
        store.insert(other);
        store.update({ ...keep, state: State.Active });
        j.rollback();
        expect(store.get(created.uid)).toBeUndefined();
        expect(store.get(upd.uid)).toEqual(upd);
        expect(store.get(del.uid)).toEqual(del);
        expect(store.get(other.uid)).toEqual(other);
        expect(store.get(keep.uid)!.state).toBe(State.Active);
        // the restored object keeps its place in creation order
        expect(store.locate({ filters: [] })).toEqual([keep.uid, upd.uid, del.uid, other.uid]);
        expect(store.locate({ filters: [{ name: 'Name', op: 'eq', value: nameAttr('before').value }] })).toEqual([upd.uid]);
      });

      test('a failed write records nothing and changes nothing', () => {
        const o = makeObject();
        store.insert(o);
        const j = store.journal();
        expect(() => store.insert(o, j)).toThrow();
        j.rollback();
        expect(store.get(o.uid)).toEqual(o);
      });
    });

    describe('durability', () => {
      test('durable() resolves after writes and at once when idle', async () => {
        await expect(store.durable()).resolves.toBeUndefined();
        store.insert(makeObject());
        await expect(store.durable()).resolves.toBeUndefined();
        await expect(store.durable()).resolves.toBeUndefined();
      });

      test('a failed commit rejects durable() and keeps previously committed data', async () => {
        const safe = makeObject({ attributes: [nameAttr('safe')] });
        store.insert(safe);
        await store.durable();
        const mark = store.writeMark();
        h.failNextCommit();
        store.insert(makeObject());
        await expect(store.durable()).rejects.toMatchObject({ code: 'commit-failed' });
        // a request that started before the failure and wrote in the lost group must not be acknowledged
        await expect(store.durable(mark)).rejects.toMatchObject({ code: 'commit-failed' });
        expect(store.get(safe.uid)).toEqual(safe);
        // later requests work normally
        const mark2 = store.writeMark();
        const after = makeObject();
        store.insert(after);
        await expect(store.durable(mark2)).resolves.toBeUndefined();
        expect(store.get(after.uid)).toEqual(after);
      });

      // Only a persistent adapter has a reopen to test; the in-memory fake does not define this case.
      if (options.persistent) {
        test('data survives close and reopen', async () => {
          const o = makeObject({ attributes: everyTypeAttributes() });
          store.insert(o);
          store.setMeta('kek', 'k9');
          await store.durable();
          store = await h.reopen!();
          expect(store.get(o.uid)).toEqual(o);
          expect(store.getMeta('kek')).toBe('k9');
          const o2 = makeObject();
          store.insert(o2);
          expect(store.locate({ filters: [] })).toEqual([o.uid, o2.uid]);
        });
      }

      test('operations after close fail with closed', async () => {
        await store.close();
        expect(() => store.get('x')).toThrow(expect.objectContaining({ code: 'closed' }));
        await expect(store.durable()).rejects.toMatchObject({ code: 'closed' });
      });
    });
  });
}
