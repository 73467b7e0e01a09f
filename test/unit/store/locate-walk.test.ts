/**
 * Locates no index serves walk the SQLite store in slices of created_seq (src/store/sqlite/locate-walk.ts):
 * the answer must equal the single statement's for every shape of query, paging and order, and the event
 * loop must run other work between slices.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { openSqliteStore, type SqliteStore } from '../../../src/store/sqlite';
import { T } from '../../../src/ttlv/item';
import { Tag } from '../../../src/kmip/tags';
import { CryptographicAlgorithm, ObjectType, State } from '../../../src/kmip/enums';
import type { LocateQuery } from '../../../src/store/port';
import { attr, makeObject, nameAttr } from './contract';

let dir: string;
let store: SqliteStore;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tumbler-walk-'));
  store = openSqliteStore({ path: path.join(dir, 'db.sqlite') });
  for (let i = 0; i < 60; i++) {
    store.insert(
      makeObject({
        uid: `o${String(i).padStart(3, '0')}`,
        objectType: i % 5 === 0 ? ObjectType.SecretData : ObjectType.SymmetricKey,
        state: i % 3 === 0 ? State.Active : State.PreActive,
        attributes: [
          attr('Cryptographic Algorithm', T.enum(Tag.AttributeValue, i % 4 === 0 ? CryptographicAlgorithm.DES3 : CryptographicAlgorithm.AES)),
          attr('Cryptographic Length', T.int(Tag.AttributeValue, i % 2 ? 128 : 256)),
          attr('Cryptographic Usage Mask', T.int(Tag.AttributeValue, i % 7 === 0 ? 0x0c : 0x04)),
          nameAttr(`k${i % 10}`),
        ],
      }),
    );
  }
});
afterEach(async () => {
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const enumIs = (name: string, v: number) => ({ name, op: 'eq' as const, value: T.enum(Tag.AttributeValue, v) });
const intIs = (name: string, v: number) => ({ name, op: 'eq' as const, value: T.int(Tag.AttributeValue, v) });
const maskHas = (v: number) => ({ name: 'Cryptographic Usage Mask', op: 'mask' as const, value: T.int(Tag.AttributeValue, v) });

const queries: Array<[string, LocateQuery]> = [
  ['everything', { filters: [] }],
  ['an algorithm', { filters: [enumIs('Cryptographic Algorithm', CryptographicAlgorithm.DES3)] }],
  ['a length and a state', { filters: [intIs('Cryptographic Length', 128)], states: [State.Active] }],
  ['a usage mask', { filters: [maskHas(0x08)] }],
  ['an object type', { filters: [], objectTypes: [ObjectType.SecretData] }],
  ['nothing matches', { filters: [enumIs('Cryptographic Algorithm', CryptographicAlgorithm.RSA)] }],
];

describe('a Locate walked in slices answers what the single statement answers', () => {
  test.each(queries)('%s, in both orders, with every paging', async (_, base) => {
    await store.durable();
    for (const newestFirst of [false, true]) {
      for (const [offset, maxItems] of [[0, undefined], [0, 1], [3, 5], [7, 0], [50, 100], [0, 1000]] as const) {
        const q: LocateQuery = { ...base, newestFirst, offset, maxItems };
        const expected = store.locate(q);
        for (const slice of [1, 7, 64, 4096]) expect(await store.locateAsync(q, { slice })).toEqual(expected);
      }
      expect(await store.countAsync({ ...base, newestFirst }, { slice: 7 })).toBe(store.count({ ...base, newestFirst }));
    }
  });

  test('other work runs between slices; inside an open write transaction the walk is one statement', async () => {
    await store.durable();
    // An immediate queued before the walk runs only if the walk gives the loop away (a timer would run only
    // if the walk took a millisecond or more, which a fast machine does not need).
    let ran = 0;
    const ticker = setImmediate(() => ran++);
    const all = await store.locateAsync({ filters: [maskHas(0x04)], newestFirst: true }, { slice: 2 });
    clearImmediate(ticker);
    expect(all).toHaveLength(60);
    expect(ran).toBe(1); // other work ran while the walk was under way
    // A write of the current group is open: no slicing (the group could otherwise commit half a batch).
    store.insert(makeObject({ uid: 'late', attributes: [attr('Cryptographic Usage Mask', T.int(Tag.AttributeValue, 0x04))] }));
    expect(store.connection.inTransaction).toBe(true);
    let during = 0;
    const t2 = setImmediate(() => during++);
    const withLate = await store.locateAsync({ filters: [maskHas(0x04)], newestFirst: true }, { slice: 2 });
    expect(during).toBe(0);
    clearImmediate(t2);
    expect(withLate[0]).toBe('late');
    // A request with no write of its own pending may still walk in slices: others' writes may commit meanwhile.
    store.insert(makeObject({ uid: 'later', attributes: [attr('Cryptographic Usage Mask', T.int(Tag.AttributeValue, 0x04))] }));
    expect(store.connection.inTransaction).toBe(true);
    let meanwhile = 0;
    const t3 = setImmediate(() => meanwhile++);
    const mine = await store.locateAsync({ filters: [maskHas(0x04)], newestFirst: true }, { slice: 2, noWritesOfMine: true });
    clearImmediate(t3);
    expect(meanwhile).toBe(1);
    expect(mine.slice(0, 2)).toEqual(['later', 'late']);
    expect(mine).toHaveLength(62);
    await store.durable();
  });
});
