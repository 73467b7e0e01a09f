/**
 * Binary TTLV codec: the specification's own examples three ways (parse, generate, parse(generate)),
 * then each rejection rule of the decoder and encoder.
 */
import * as fs from 'fs';
import {
  decodeTtlv,
  encodeTtlv,
  encodedTtlvSize,
  parsePrettyHex,
  readTtlvHeader,
  TtlvError,
  TtlvWriter,
  T,
  type TtlvItem,
} from '../../../src/ttlv';
import { ItemType } from '../../../src/kmip/item-type';
import { SPEC_FIXTURES } from './fixtures/spec-examples';
import { describeWithShared, sharedPath } from './shared-dir';

function expectTtlvError(fn: () => unknown, code: string, offset?: number, tag?: number): TtlvError {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(TtlvError);
  const err = caught as TtlvError;
  expect(err.code).toBe(code);
  if (offset !== undefined) expect(err.offset).toBe(offset);
  if (tag !== undefined) expect(err.tag).toBe(tag);
  expect(err.message).toContain(code);
  expect(err.message).toContain('offset');
  return err;
}

/** Pretty-hex-ish helper for hand-written malformed inputs (whitespace ignored). */
const hex = (s: string): Buffer => parsePrettyHex(s);

describe('KMIP 1.4 §9.1.2 encoding examples', () => {
  for (const f of SPEC_FIXTURES) {
    describe(f.name, () => {
      const bytes = parsePrettyHex(f.pretty);
      test('parse', () => {
        expect(decodeTtlv(bytes)).toEqual(f.item);
      });
      test('generate', () => {
        expect(encodeTtlv(f.item).toString('hex')).toBe(bytes.toString('hex'));
        expect(encodedTtlvSize(f.item)).toBe(bytes.length);
      });
      test('parse(generate)', () => {
        expect(decodeTtlv(encodeTtlv(f.item))).toEqual(f.item);
      });
    });
  }
});

describeWithShared('fixtures match the specification text', 'spec/kmip/kmip-spec-v1.4-os.txt', () => {
  test('the ten example lines of §9.1.2 are the fixture bytes, in order', () => {
    const text = fs.readFileSync(sharedPath('spec/kmip/kmip-spec-v1.4-os.txt'), 'latin1');
    const start = text.indexOf('9.1.2 Examples \n'); // the heading, not the table of contents entry
    expect(start).toBeGreaterThan(0);
    const section = text.slice(start, text.indexOf('9.1.3 Defined Values', start));
    const lines = section.split('\n').filter((l) => l.startsWith('42 00 20 |'));
    const fromSpec = lines.map((l) => l.replace(/[|\s]/g, '').toLowerCase());
    const fromFixtures = SPEC_FIXTURES.filter((f) => f.inSpecText).map((f) => parsePrettyHex(f.pretty).toString('hex'));
    expect(fromSpec).toHaveLength(10);
    expect(fromFixtures).toEqual(fromSpec);
  });
});

describe('value round trips at the edges', () => {
  const cases: TtlvItem[] = [
    T.int(0x420001, -0x80000000),
    T.int(0x420001, 0x7fffffff),
    T.int(0x420001, -1),
    T.enum(0x420001, 0xffffffff),
    T.enum(0x420001, 0x80000001), // extension enumeration (first nibble 8)
    T.interval(0x420001, 0),
    T.long(0x420001, -(1n << 63n)),
    T.long(0x420001, (1n << 63n) - 1n),
    T.date(0x420001, -1n),
    T.dateExt(0x420001, -(1n << 63n)),
    T.bool(0x420001, false),
    T.text(0x420001, ''),
    T.text(0x420001, '12345678'),
    T.text(0x420001, 'héllo wörld €𝄞 ✓'),
    T.text(0x420001, 'a\u0000b'),
    T.bytes(0x420001, Buffer.alloc(0)),
    T.bytes(0x420001, Buffer.alloc(9, 0xab)),
    T.struct(0x540001, []),
    T.struct(0x420078, [T.struct(0x420077, [T.struct(0x420069, [])]), T.text(0x54ffff, 'x')]),
  ];
  for (const item of cases) {
    test(`${item.type}/${String(item.value).slice(0, 20)}`, () => {
      const b = encodeTtlv(item);
      expect(b.length % 8).toBe(0);
      expect(encodedTtlvSize(item)).toBe(b.length);
      expect(decodeTtlv(b)).toEqual(item);
    });
  }

  const bigs: Array<[bigint, string]> = [
    [0n, '0000000000000000'],
    [1n, '0000000000000001'],
    [-1n, 'ffffffffffffffff'],
    [127n, '000000000000007f'],
    [128n, '0000000000000080'],
    [(1n << 63n) - 1n, '7fffffffffffffff'],
    [1n << 63n, '00000000000000008000000000000000'],
    [-(1n << 63n), '8000000000000000'],
    [-(1n << 63n) - 1n, 'ffffffffffffffff7fffffffffffffff'],
    [-256n, 'ffffffffffffff00'],
  ];
  for (const [v, wire] of bigs) {
    test(`Big Integer ${v} is the minimal sign-extended multiple of 8 bytes`, () => {
      const b = encodeTtlv(T.big(0x420020, v));
      expect(b.subarray(8).toString('hex')).toBe(wire);
      expect(b.readUInt32BE(4)).toBe(wire.length / 2);
      expect(decodeTtlv(b)).toEqual(T.big(0x420020, v));
      expect(encodedTtlvSize(T.big(0x420020, v))).toBe(b.length);
    });
  }

  test('a 4096-bit Big Integer round-trips', () => {
    const v = (1n << 4095n) + 12345678901234567890n;
    expect(decodeTtlv(encodeTtlv(T.big(0x420020, v)))).toEqual(T.big(0x420020, v));
    expect(decodeTtlv(encodeTtlv(T.big(0x420020, -v)))).toEqual(T.big(0x420020, -v));
  });

  test('non-minimal Big Integers are accepted and zero-length decodes to 0', () => {
    expect(decodeTtlv(hex('420020 04 00000010 ffffffff ffffffff ffffffff fffffffe'))).toEqual(T.big(0x420020, -2n));
    expect(decodeTtlv(hex('420020 04 00000000'))).toEqual(T.big(0x420020, 0n));
  });
});

describe('decoder ownership', () => {
  test('Byte String values are copies, so the receive buffer can be zeroed', () => {
    const bytes = encodeTtlv(T.struct(0x420078, [T.bytes(0x420043, Buffer.from('secret-key-bytes'))]));
    const item = decodeTtlv(bytes);
    bytes.fill(0);
    const v = (item.value as TtlvItem[])[0].value as Buffer;
    expect(v.toString()).toBe('secret-key-bytes');
  });

  test('decodes from a view into a larger buffer without looking past the view', () => {
    const msg = encodeTtlv(T.struct(0x420078, [T.int(0x42006a, 1)]));
    const big = Buffer.concat([Buffer.from('junkjunk'), msg, encodeTtlv(T.int(0x42006b, 2))]);
    expect(decodeTtlv(big.subarray(8, 8 + msg.length))).toEqual(T.struct(0x420078, [T.int(0x42006a, 1)]));
    expectTtlvError(() => decodeTtlv(big.subarray(8, 8 + msg.length - 1)), 'TRUNCATED', 0, 0x420078);
  });
});

describe('decoder rejections', () => {
  test('empty and short input: TRUNCATED', () => {
    expectTtlvError(() => decodeTtlv(Buffer.alloc(0)), 'TRUNCATED', 0);
    expectTtlvError(() => decodeTtlv(hex('420020 02 0000')), 'TRUNCATED', 0);
    expectTtlvError(() => decodeTtlv(hex('420020 02 00000004 00000008')), 'TRUNCATED', 0, 0x420020);
    expectTtlvError(() => decodeTtlv(hex('420020 07 0000000b 48656c6c 6f20576f 726c6400')), 'TRUNCATED', 0);
    expectTtlvError(() => decodeTtlv(hex('420020 01 00000010 420004 05 00000004')), 'TRUNCATED', 0);
  });

  test('tag prefix other than 0x42/0x54: BAD_TAG', () => {
    expectTtlvError(() => decodeTtlv(hex('430020 02 00000004 00000008 00000000')), 'BAD_TAG', 0, 0x430020);
    expectTtlvError(() => decodeTtlv(hex('000020 02 00000004 00000008 00000000')), 'BAD_TAG', 0);
    expectTtlvError(() => decodeTtlv(hex('420020 01 00000010 ff0004 05 00000004 000000fe 00000000')), 'BAD_TAG', 8, 0xff0004);
    expect(decodeTtlv(hex('54abcd 02 00000004 00000008 00000000'))).toEqual(T.int(0x54abcd, 8));
  });

  test('unknown item type: BAD_TYPE', () => {
    expectTtlvError(() => decodeTtlv(hex('420020 00 00000000')), 'BAD_TYPE', 0, 0x420020);
    expectTtlvError(() => decodeTtlv(hex('420020 0c 00000000')), 'BAD_TYPE', 0);
    expectTtlvError(() => decodeTtlv(hex('420020 01 00000008 420021 ff 00000000')), 'BAD_TYPE', 8, 0x420021);
  });

  test('fixed lengths: BAD_LENGTH', () => {
    expectTtlvError(() => decodeTtlv(hex('420020 02 00000008 00000000 00000008')), 'BAD_LENGTH', 0);
    expectTtlvError(() => decodeTtlv(hex('420020 05 00000003 00000000 00000000')), 'BAD_LENGTH', 0);
    expectTtlvError(() => decodeTtlv(hex('420020 0a 00000008 00000000 00000001')), 'BAD_LENGTH', 0);
    expectTtlvError(() => decodeTtlv(hex('420020 03 00000004 00000000 00000000')), 'BAD_LENGTH', 0);
    expectTtlvError(() => decodeTtlv(hex('420020 06 00000004 00000001 00000000')), 'BAD_LENGTH', 0);
    expectTtlvError(() => decodeTtlv(hex('420020 09 00000007 00000000 47da6700')), 'BAD_LENGTH', 0);
    expectTtlvError(() => decodeTtlv(hex('420020 0b 00000010 00000000 00000000 00000000 00000000')), 'BAD_LENGTH', 0);
    expectTtlvError(() => decodeTtlv(hex('420020 04 0000000c 00000000 00000000 00000001 00000000')), 'BAD_LENGTH', 0);
    expectTtlvError(() => decodeTtlv(hex('420020 01 00000004 00000000 00000000')), 'BAD_LENGTH', 0);
  });

  test('children must fill their structure exactly: BAD_LENGTH', () => {
    // child declares 16 bytes of text but the structure holds only 16 bytes in total
    expectTtlvError(
      () => decodeTtlv(hex('420020 01 00000010 420004 07 00000010 41414141 41414141 42000502 00000004 00000001 00000000')),
      'BAD_LENGTH',
      8,
      0x420004,
    );
    // a structure length that is not a multiple of 8 would leave a partial child header
    expectTtlvError(() => decodeTtlv(hex('420020 01 00000014 420004 05 00000004 000000fe 00000000 42000502 00000000')), 'BAD_LENGTH', 0);
  });

  test('padding must be zero: BAD_PADDING', () => {
    expectTtlvError(() => decodeTtlv(hex('420020 02 00000004 00000008 00000001')), 'BAD_PADDING', 12, 0x420020);
    expectTtlvError(() => decodeTtlv(hex('420020 05 00000004 000000ff 01000000')), 'BAD_PADDING', 12);
    expectTtlvError(() => decodeTtlv(hex('420020 0a 00000004 000d2f00 00000100')), 'BAD_PADDING', 12);
    expectTtlvError(() => decodeTtlv(hex('420020 07 0000000b 48656c6c 6f20576f 726c6400 00000001')), 'BAD_PADDING', 23);
    expectTtlvError(() => decodeTtlv(hex('420020 08 00000003 010203ff 00000000')), 'BAD_PADDING', 11);
  });

  test('Boolean other than 0 or 1: BAD_VALUE', () => {
    expectTtlvError(() => decodeTtlv(hex('420020 06 00000008 00000000 00000002')), 'BAD_VALUE', 0);
    expectTtlvError(() => decodeTtlv(hex('420020 06 00000008 00000001 00000001')), 'BAD_VALUE', 0);
    expect(decodeTtlv(hex('420020 06 00000008 00000000 00000000'))).toEqual(T.bool(0x420020, false));
  });

  test('invalid UTF-8: BAD_UTF8', () => {
    expectTtlvError(() => decodeTtlv(hex('420020 07 00000002 c328 0000 00000000')), 'BAD_UTF8', 0, 0x420020);
    expectTtlvError(() => decodeTtlv(hex('420020 07 00000001 ff000000 00000000')), 'BAD_UTF8', 0);
    // UTF-16 surrogate encoded as UTF-8 (CESU) and overlong NUL are not UTF-8
    expectTtlvError(() => decodeTtlv(hex('420020 07 00000003 eda08000 00000000')), 'BAD_UTF8', 0);
    expectTtlvError(() => decodeTtlv(hex('420020 07 00000002 c0800000 00000000')), 'BAD_UTF8', 0);
    // a multi-byte character cut by the length
    expectTtlvError(() => decodeTtlv(hex('420020 07 00000002 e2820000 00000000')), 'BAD_UTF8', 0);
  });

  test('bytes after the top-level item: TRAILING_BYTES', () => {
    expectTtlvError(() => decodeTtlv(hex('420020 02 00000004 00000008 00000000 42002002 00000004')), 'TRAILING_BYTES', 16);
  });
});

describe('encoder rejections', () => {
  const bad = (item: unknown): TtlvItem => item as TtlvItem;
  test.each([
    ['Integer out of range', bad({ tag: 0x420001, type: ItemType.Integer, value: 0x80000000 }), 'BAD_VALUE'],
    ['Integer not an integer', bad({ tag: 0x420001, type: ItemType.Integer, value: 1.5 }), 'BAD_VALUE'],
    ['Integer as bigint', bad({ tag: 0x420001, type: ItemType.Integer, value: 1n }), 'BAD_VALUE'],
    ['Enumeration negative', bad({ tag: 0x420001, type: ItemType.Enumeration, value: -1 }), 'BAD_VALUE'],
    ['Interval over 32 bits', bad({ tag: 0x420001, type: ItemType.Interval, value: 2 ** 32 }), 'BAD_VALUE'],
    ['Long over 64 bits', bad({ tag: 0x420001, type: ItemType.LongInteger, value: 1n << 63n }), 'BAD_VALUE'],
    ['Date-Time as number', bad({ tag: 0x420001, type: ItemType.DateTime, value: 5 }), 'BAD_VALUE'],
    ['Boolean as number', bad({ tag: 0x420001, type: ItemType.Boolean, value: 1 }), 'BAD_VALUE'],
    ['Big Integer as number', bad({ tag: 0x420001, type: ItemType.BigInteger, value: 1 }), 'BAD_VALUE'],
    ['Text as Buffer', bad({ tag: 0x420001, type: ItemType.TextString, value: Buffer.alloc(1) }), 'BAD_VALUE'],
    ['Text with a lone surrogate', T.text(0x420001, 'a\ud800b'), 'BAD_UTF8'],
    ['Bytes as string', bad({ tag: 0x420001, type: ItemType.ByteString, value: 'ab' }), 'BAD_VALUE'],
    ['Structure not an array', bad({ tag: 0x420001, type: ItemType.Structure, value: {} }), 'BAD_VALUE'],
    ['unknown type', bad({ tag: 0x420001, type: 0x0c, value: 1 }), 'BAD_TYPE'],
    ['tag prefix 0x43', T.int(0x430001, 1), 'BAD_TAG'],
    ['tag over 24 bits', T.int(0x42000001, 1), 'BAD_TAG'],
    ['tag not an integer', T.int(0x420001 + 0.5, 1), 'BAD_TAG'],
    ['tag not a number', bad({ tag: '420001', type: ItemType.Integer, value: 1 }), 'BAD_TAG'],
  ])('%s: %s', (_name, item, code) => {
    expectTtlvError(() => encodeTtlv(T.struct(0x420078, [T.int(0x42000d, 1), item])), code, 24);
  });

  test('a cyclic tree is TOO_DEEP, not a stack overflow', () => {
    const s = T.struct(0x420078, []);
    s.value.push(s);
    expectTtlvError(() => encodeTtlv(s), 'TOO_DEEP');
  });

  test('the shared scratch is clean after a failed encode', () => {
    const good = T.struct(0x420078, [T.bytes(0x420043, Buffer.alloc(40, 0x77))]);
    expectTtlvError(() => encodeTtlv(T.struct(0x420078, [T.bytes(0x420043, Buffer.alloc(40, 0x55)), T.int(0x430000, 0)])), 'BAD_TAG');
    expect(encodeTtlv(good).toString('hex')).toBe(encodeTtlv(good).toString('hex'));
    expect(decodeTtlv(encodeTtlv(good))).toEqual(good);
  });

  test('results are independent buffers (the scratch is not shared with callers)', () => {
    const a = encodeTtlv(T.text(0x420001, 'first'));
    const b = encodeTtlv(T.text(0x420001, 'second'));
    expect(decodeTtlv(a)).toEqual(T.text(0x420001, 'first'));
    expect(decodeTtlv(b)).toEqual(T.text(0x420001, 'second'));
  });

  test('large messages grow the writer (and do not poison the next call)', () => {
    const big = T.struct(0x420078, Array.from({ length: 200 }, (_, i) => T.bytes(0x420043, Buffer.alloc(4000, i))));
    const b = encodeTtlv(big);
    expect(b.length).toBe(8 + 200 * 4008);
    expect(decodeTtlv(b, { maxMessageSize: 2 ** 20 })).toEqual(big);
    expect(encodeTtlv(T.int(0x420001, 3)).toString('hex')).toBe('4200010200000004' + '0000000300000000');
  });
});

describe('TtlvWriter begin/end', () => {
  test('reserve the length and patch it later', () => {
    const w = new TtlvWriter(8); // tiny, forces growth while a structure is open
    const outer = w.beginStructure(0x420078);
    const inner = w.beginStructure(0x420077);
    w.writeItem(T.int(0x42006a, 1));
    w.writeItem(T.text(0x420094, 'uid-1'));
    w.endStructure(inner);
    w.endStructure(outer);
    const b = w.finish();
    expect(decodeTtlv(b)).toEqual(T.struct(0x420078, [T.struct(0x420077, [T.int(0x42006a, 1), T.text(0x420094, 'uid-1')])]));
    expect(w.length).toBe(0);
  });
});

describe('readTtlvHeader', () => {
  test('reads tag, type and length without validating them', () => {
    expect(readTtlvHeader(hex('420078 01 00000118'))).toEqual({ tag: 0x420078, type: 1, length: 0x118 });
    expect(readTtlvHeader(hex('0000 ff7f ffffffff ffffffff'), 2)).toEqual({ tag: 0xff7fff, type: 0xff, length: 0xffffffff });
  });
  test('TRUNCATED when fewer than 8 bytes remain', () => {
    expectTtlvError(() => readTtlvHeader(hex('420078 01 000001')), 'TRUNCATED', 0);
    expectTtlvError(() => readTtlvHeader(hex('420078 01 00000118'), 1), 'TRUNCATED', 1);
    expectTtlvError(() => readTtlvHeader(hex('420078 01 00000118'), -1), 'TRUNCATED');
  });
});
