/**
 * The periodic sweep persists date-driven transitions (KMIP 1.4 §3.22 transitions 4 and 6) without
 * waiting for the object to be accessed, on the real SQLite adapter and the in-memory store alike.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { State, Tag, ObjectType } from '../../../src/kmip';
import { T } from '../../../src/ttlv/item';
import { sweepLifecycle } from '../../../src/operations/lifecycle-sweep';
import { createMemoryStore } from '../../../src/store/memory';
import { openSqliteStore } from '../../../src/store/sqlite';
import type { ObjectStore, StoredObject } from '../../../src/store/port';
import { dateOf } from '../../../src/attributes/list';

const NOW = new Date('2026-06-01T00:00:00Z');
const sec = (d: Date) => BigInt(Math.floor(d.getTime() / 1000));
const date = (name: string, offsetSec: number) => ({ name, index: 0, value: T.date(Tag.AttributeValue, sec(NOW) + BigInt(offsetSec)) });

function obj(uid: string, state: number, attributes: StoredObject['attributes']): StoredObject {
  return { uid, objectType: ObjectType.SymmetricKey, state, attributes, body: null, material: null, kekId: null, owner: 'alice', tenant: '' };
}

const stores: Array<[string, () => { store: ObjectStore; done: () => void }]> = [
  ['memory', () => ({ store: createMemoryStore(), done: () => undefined })],
  [
    'sqlite',
    () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tumbler-sweep-'));
      const store = openSqliteStore({ path: path.join(dir, 'db.sqlite') });
      return { store, done: () => fs.rmSync(dir, { recursive: true, force: true }) };
    },
  ],
];

describe.each(stores)('lifecycle sweep on the %s store', (_name, make) => {
  it('activates, deactivates, and leaves everything else alone', async () => {
    const { store, done } = make();
    try {
      store.insert(obj('due', State.PreActive, [date('Activation Date', -10)]));
      store.insert(obj('future', State.PreActive, [date('Activation Date', 3600)]));
      store.insert(obj('expired', State.Active, [date('Activation Date', -100), date('Deactivation Date', -1)]));
      store.insert(obj('both', State.PreActive, [date('Activation Date', -100), date('Deactivation Date', -5)]));
      store.insert(obj('revoked', State.Compromised, [date('Activation Date', -100), date('Deactivation Date', -5)]));
      store.insert(obj('no-dates', State.PreActive, []));
      await store.durable();

      const r = await sweepLifecycle(store, NOW);
      expect(r).toEqual({ activated: 2, deactivated: 2 });
      expect(store.get('due')!.state).toBe(State.Active);
      expect(store.get('future')!.state).toBe(State.PreActive);
      expect(store.get('expired')!.state).toBe(State.Deactivated);
      expect(store.get('both')!.state).toBe(State.Deactivated);
      expect(store.get('revoked')!.state).toBe(State.Compromised);
      expect(store.get('no-dates')!.state).toBe(State.PreActive);
      expect(dateOf(store.get('due')!.attributes, 'Last Change Date')).toBe(sec(NOW));

      expect(await sweepLifecycle(store, NOW)).toEqual({ activated: 0, deactivated: 0 });
    } finally {
      await store.close();
      done();
    }
  });
});
