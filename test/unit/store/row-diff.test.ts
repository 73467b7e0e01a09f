/** row-diff.ts: an update writes only the attribute rows that changed, keeping the list's order. */
import { T } from '../../../src/ttlv/item';
import { Tag } from '../../../src/kmip';
import { attributeRow } from '../../../src/store/sqlite/rows';
import { diffAttributeRows, sameObjectRow, type StoredAttributeRow } from '../../../src/store/sqlite/row-diff';
import type { Attribute } from '../../../src/attributes/model';

const attr = (name: string, value: ReturnType<typeof T.int> | ReturnType<typeof T.bool> | ReturnType<typeof T.text>, index = 0): Attribute => ({ name, index, value });
const stored = (attrs: Attribute[]): StoredAttributeRow[] =>
  attrs.map((a, i) => {
    const r = attributeRow('u', a);
    // As read back with safeIntegers: numbers come as bigint.
    return { rid: BigInt(100 + i), name: r.name, idx: BigInt(r.idx), type: BigInt(r.type), tag: BigInt(r.tag), value_blob: r.value_blob };
  });
const rows = (attrs: Attribute[]) => attrs.map((a) => attributeRow('u', a));

const base = [
  attr('Cryptographic Length', T.int(Tag.AttributeValue, 256)),
  attr('Fresh', T.bool(Tag.AttributeValue, true)),
  attr('Name', T.text(Tag.AttributeValue, 'a'), 0),
  attr('Name', T.text(Tag.AttributeValue, 'b'), 1),
  attr('Sensitive', T.bool(Tag.AttributeValue, false)),
];

test('nothing changed: nothing written', () => {
  expect(diffAttributeRows(stored(base), rows(base))).toEqual({ update: [], remove: [], insert: [] });
});

test('one value changed in place (the first Get turning Fresh false): one row rewritten under its own rowid', () => {
  const next = base.map((a) => (a.name === 'Fresh' ? attr('Fresh', T.bool(Tag.AttributeValue, false)) : a));
  const d = diffAttributeRows(stored(base), rows(next));
  expect(d.remove).toEqual([]);
  expect(d.insert).toEqual([]);
  expect(d.update).toHaveLength(1);
  expect(d.update[0].rid).toBe(101n);
  expect(d.update[0].row).toEqual(attributeRow('u', next[1]));
});

test('an attribute deleted in the middle: same name and index is updated in place, the rest replaced in order', () => {
  // Name 'a' (index 0) deleted: 'b' becomes index 0, so row 102 (Name, 0) takes 'b'; from 103 on the names differ.
  const next = base.filter((a) => !(a.name === 'Name' && a.index === 0)).map((a) => (a.name === 'Name' ? { ...a, index: 0 } : a));
  const d = diffAttributeRows(stored(base), rows(next));
  expect(d.update.map((u) => [u.rid, u.row])).toEqual([[102n, rows(next)[2]]]);
  expect(d.remove).toEqual([103n, 104n]);
  expect(d.insert).toEqual(rows(next).slice(3));
});

test('an attribute appended: one insert; one removed at the end: one delete', () => {
  const more = [...base, attr('x-note', T.text(Tag.AttributeValue, 'n'))];
  expect(diffAttributeRows(stored(base), rows(more))).toEqual({ update: [], remove: [], insert: rows(more).slice(5) });
  expect(diffAttributeRows(stored(more), rows(base))).toEqual({ update: [], remove: [105n], insert: [] });
});

test('a value of another type under the same name is an update, not a no-op', () => {
  const next = base.map((a) => (a.name === 'Cryptographic Length' ? attr('Cryptographic Length', T.text(Tag.AttributeValue, '256')) : a));
  expect(diffAttributeRows(stored(base), rows(next)).update.map((u) => u.rid)).toEqual([100n]);
});

test('sameObjectRow compares every column, buffers by content', () => {
  const row = { uid: 'u', object_type: 2, state: 2, owner: 'o', tenant: '', body: Buffer.from('b'), material: Buffer.from('m'), kek_id: 'k', created_seq: 1 };
  const obj = { uid: 'u', objectType: 2, state: 2, owner: 'o', tenant: '', body: Buffer.from('b'), material: Buffer.from('m'), kekId: 'k', attributes: [] };
  expect(sameObjectRow(row, obj)).toBe(true);
  expect(sameObjectRow(row, { ...obj, state: 3 })).toBe(false);
  expect(sameObjectRow(row, { ...obj, material: null })).toBe(false);
  expect(sameObjectRow(row, { ...obj, material: Buffer.from('n') })).toBe(false);
  expect(sameObjectRow(row, { ...obj, kekId: 'k2' })).toBe(false);
  expect(sameObjectRow({ ...row, body: null }, { ...obj, body: null })).toBe(true);
  expect(sameObjectRow(row, { ...obj, owner: 'p' })).toBe(false);
});
