import { Tag } from '../../../src/kmip';
import { T } from '../../../src/ttlv/item';
import { addInstance, findAttr, instances, removeInstance, renumber, setSingle, valuesEqual } from '../../../src/attributes/list';
import type { Attribute } from '../../../src/attributes/model';

const name = (s: string) => T.struct(Tag.AttributeValue, [T.text(Tag.NameValue, s)]);

test('instances are added with dense indexes and renumbered on removal', () => {
  let list: Attribute[] = [];
  list = addInstance(list, 'Name', name('a')).list;
  list = addInstance(list, 'Name', name('b')).list;
  list = addInstance(list, 'Name', name('c')).list;
  expect(instances(list, 'name').map((x) => x.index)).toEqual([0, 1, 2]);
  list = removeInstance(list, 'Name', 1);
  expect(instances(list, 'Name').map((x) => [x.index, valuesEqual(x.value, name('c'))])).toEqual([
    [0, false],
    [1, true],
  ]);
});

test('setSingle replaces every instance', () => {
  let list: Attribute[] = [{ name: 'Comment', index: 0, value: T.text(Tag.AttributeValue, 'a') }];
  list = setSingle(list, 'Comment', T.text(Tag.Comment, 'b'));
  expect(list).toHaveLength(1);
  expect(findAttr(list, 'Comment')?.value).toEqual(T.text(Tag.AttributeValue, 'b'));
});

test('renumber gives duplicates distinct indexes', () => {
  const list = renumber([
    { name: 'Link', index: 0, value: T.text(Tag.AttributeValue, 'a') },
    { name: 'Link', index: 0, value: T.text(Tag.AttributeValue, 'b') },
  ]);
  expect(list.map((x) => x.index)).toEqual([0, 1]);
});

test('valuesEqual compares structures and byte strings deeply', () => {
  expect(valuesEqual(name('a'), name('a'))).toBe(true);
  expect(valuesEqual(name('a'), name('b'))).toBe(false);
  expect(valuesEqual(T.bytes(1, Buffer.from([1])), T.bytes(1, Buffer.from([1])))).toBe(true);
  expect(valuesEqual(T.int(1, 1), T.long(1, 1n))).toBe(false);
});
