import { Tag, CryptographicAlgorithm, ResultReason } from '../../../src/kmip';
import { ItemType } from '../../../src/kmip/item-type';
import { T, child, children, type TtlvItem } from '../../../src/ttlv/item';
import {
  decodeAttribute1x,
  decodeAttribute2x,
  decodeAttributeReference,
  decodeAttributes2x,
  emittable,
  encodeAttribute1x,
  encodeAttribute2x,
  encodeAttributeList,
  encodeAttributeReference,
  requestAttributes,
} from '../../../src/attributes/convert';
import { attributeDefinedIn, attributeSpec } from '../../../src/attributes/spec';
import type { Attribute } from '../../../src/attributes/model';
import { KmipError } from '../../../src/message/errors';

const v = (item: TtlvItem): TtlvItem => ({ ...item, tag: Tag.AttributeValue }) as TtlvItem;
const a = (name: string, value: TtlvItem, index = 0): Attribute => ({ name, index, value: v(value) });

describe('spec-driven attribute metadata', () => {
  test('name <-> tag comes from the specification data', () => {
    expect(attributeSpec('Cryptographic Algorithm')?.tag).toBe(Tag.CryptographicAlgorithm);
    expect(attributeSpec('cryptographic algorithm')?.name).toBe('Cryptographic Algorithm');
    expect(attributeSpec('Name')?.multiInstance).toBe(true);
    expect(attributeSpec('Unique Identifier')?.multiInstance).toBe(false);
  });
  test('version definitions: Fresh from 1.1, Original Creation Date from 1.2, Operation Policy Name until 1.4', () => {
    expect(attributeDefinedIn('Fresh', { major: 1, minor: 0 })).toBe(false);
    expect(attributeDefinedIn('Fresh', { major: 1, minor: 1 })).toBe(true);
    expect(attributeDefinedIn('Original Creation Date', { major: 1, minor: 1 })).toBe(false);
    expect(attributeDefinedIn('Original Creation Date', { major: 1, minor: 2 })).toBe(true);
    expect(attributeDefinedIn('Operation Policy Name', { major: 1, minor: 4 })).toBe(true);
    expect(attributeDefinedIn('Operation Policy Name', { major: 2, minor: 0 })).toBe(false);
    expect(attributeDefinedIn('x-anything', { major: 1, minor: 0 })).toBe(true);
    expect(attributeDefinedIn('Not An Attribute', { major: 2, minor: 1 })).toBe(false);
  });
});

describe('KMIP 1.x Attribute', () => {
  test('decodes name, index 0 and value (MySQL sends Attribute Index 0)', () => {
    const item = T.struct(Tag.Attribute, [
      T.text(Tag.AttributeName, 'Cryptographic Algorithm'),
      T.int(Tag.AttributeIndex, 0),
      T.enum(Tag.AttributeValue, CryptographicAlgorithm.AES),
    ]);
    const got = decodeAttribute1x(item);
    expect(got).toEqual({ name: 'Cryptographic Algorithm', index: 0, value: T.enum(Tag.AttributeValue, CryptographicAlgorithm.AES) });
  });
  test('a standard attribute with the wrong item type is Invalid Field', () => {
    const item = T.struct(Tag.Attribute, [T.text(Tag.AttributeName, 'Cryptographic Length'), T.text(Tag.AttributeValue, '256')]);
    expect(() => decodeAttribute1x(item)).toThrow(KmipError);
    try {
      decodeAttribute1x(item);
    } catch (e) {
      expect((e as KmipError).reason).toBe(ResultReason.InvalidField);
    }
  });
  test('a missing Attribute Value is refused', () => {
    expect(() => decodeAttribute1x(T.struct(Tag.Attribute, [T.text(Tag.AttributeName, 'Name')]))).toThrow(KmipError);
  });
  test('custom attributes of every item type round-trip', () => {
    const values: TtlvItem[] = [
      T.text(0, 't'),
      T.int(0, -5),
      T.long(0, 1n << 40n),
      T.big(0, 12345678901234567890n),
      T.enum(0, 7),
      T.bool(0, true),
      T.bytes(0, Buffer.from([1, 2, 3])),
      T.date(0, 1700000000n),
      T.interval(0, 60),
      T.struct(0, [T.text(Tag.NameValue, 'inner')]),
    ];
    for (const val of values) {
      const enc = encodeAttribute1x(a('x-custom', val));
      const dec = decodeAttribute1x(enc);
      expect(dec.name).toBe('x-custom');
      expect(dec.value).toEqual(v(val));
    }
  });
  test('encodes Attribute Index only for further instances', () => {
    expect(child(encodeAttribute1x(a('Name', T.text(0, 'n'))), Tag.AttributeIndex)).toBeUndefined();
    expect(child(encodeAttribute1x(a('Name', T.text(0, 'n'), 2)), Tag.AttributeIndex)?.value).toBe(2);
  });
});

describe('KMIP 2.x Attributes', () => {
  const attrs = T.struct(Tag.Attributes, [
    T.enum(Tag.CryptographicAlgorithm, CryptographicAlgorithm.AES),
    T.struct(Tag.Name, [T.text(Tag.NameValue, 'a'), T.enum(Tag.NameType, 1)]),
    T.struct(Tag.Name, [T.text(Tag.NameValue, 'b'), T.enum(Tag.NameType, 1)]),
    T.struct(Tag.Attribute, [T.text(Tag.VendorIdentification, 'x'), T.text(Tag.AttributeName, 'attribute1'), T.text(Tag.AttributeValue, 'Value1')]),
  ]);
  test('decodes attribute tags directly, numbers instances, maps vendor attributes to x- names', () => {
    const got = decodeAttributes2x(attrs);
    expect(got.map((x) => [x.name, x.index])).toEqual([
      ['Cryptographic Algorithm', 0],
      ['Name', 0],
      ['Name', 1],
      ['x-attribute1', 0],
    ]);
    expect(got[3].value).toEqual(T.text(Tag.AttributeValue, 'Value1'));
    expect(got[1].value.tag).toBe(Tag.AttributeValue);
  });
  test('encodes back to the same structure', () => {
    const back = T.struct(Tag.Attributes, decodeAttributes2x(attrs).map(encodeAttribute2x));
    expect(back).toEqual(attrs);
  });
  test('a tag that is not an attribute is refused', () => {
    expect(() => decodeAttribute2x(T.text(Tag.NameValue, 'x'))).toThrow(KmipError);
  });
  test('Attribute Reference: tag enumeration and vendor structure', () => {
    expect(decodeAttributeReference(T.enum(Tag.AttributeReference, Tag.State))).toBe('State');
    expect(encodeAttributeReference('State')).toEqual(T.enum(Tag.AttributeReference, Tag.State));
    const vendor = encodeAttributeReference('x-Product');
    expect(vendor.type).toBe(ItemType.Structure);
    expect(decodeAttributeReference(vendor)).toBe('x-Product');
  });
});

describe('requests and responses per version', () => {
  test('Template-Attribute and Attributes are both read (newer fields in older messages)', () => {
    const payload = T.struct(Tag.RequestPayload, [
      T.struct(Tag.TemplateAttribute, [
        T.struct(Tag.Attribute, [T.text(Tag.AttributeName, 'Cryptographic Length'), T.int(Tag.AttributeValue, 256)]),
      ]),
      T.struct(Tag.Attributes, [T.enum(Tag.CryptographicAlgorithm, CryptographicAlgorithm.AES)]),
    ]);
    const got = requestAttributes(payload).attributes.map((x) => x.name);
    expect(got).toEqual(['Cryptographic Length', 'Cryptographic Algorithm']);
  });
  const list: Attribute[] = [
    a('Initial Date', T.date(0, 1n)),
    a('Fresh', T.bool(0, true)),
    a('Original Creation Date', T.date(0, 1n)),
    a('Operation Policy Name', T.text(0, 'default')),
    a('x-Vendor', T.text(0, 'VMware')),
  ];
  test('1.0 never gets Fresh or Original Creation Date', () => {
    const items = encodeAttributeList(list, { major: 1, minor: 0 });
    const names = items.map((i) => child(i, Tag.AttributeName)?.value);
    expect(names).toEqual(['Initial Date', 'Operation Policy Name', 'x-Vendor']);
  });
  test('1.4 gets them all as Attribute structures', () => {
    const items = encodeAttributeList(list, { major: 1, minor: 4 });
    expect(items.every((i) => i.tag === Tag.Attribute)).toBe(true);
    expect(items).toHaveLength(5);
  });
  test('2.1 gets one Attributes structure without Operation Policy Name, custom as vendor Attribute', () => {
    const items = encodeAttributeList(list, { major: 2, minor: 1 });
    expect(items).toHaveLength(1);
    const s = items[0];
    expect(s.tag).toBe(Tag.Attributes);
    expect(child(s, Tag.Fresh)?.value).toBe(true);
    expect(child(s, Tag.OperationPolicyName)).toBeUndefined();
    const vendor = children(s, Tag.Attribute)[0];
    expect(child(vendor, Tag.VendorIdentification)?.value).toBe('x');
    expect(child(vendor, Tag.AttributeName)?.value).toBe('Vendor');
  });
  test('emittable filters by version', () => {
    expect(emittable(list, { major: 1, minor: 1 }).map((x) => x.name)).toContain('Fresh');
    expect(emittable(list, { major: 1, minor: 1 }).map((x) => x.name)).not.toContain('Original Creation Date');
  });
});

test('2.x attributes are type-checked against the specification too', () => {
  expect(() => decodeAttribute2x(T.text(Tag.CryptographicLength, '256'))).toThrow(KmipError);
  expect(decodeAttribute2x(T.int(Tag.CryptographicLength, 256)).value).toEqual(T.int(Tag.AttributeValue, 256));
});
