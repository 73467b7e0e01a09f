/** Pretty hex printer and parser (format of shared/conformance/captures/README.md). */
import { formatPrettyHex, parsePrettyHex, prettyHexBody, toPrettyHex, TtlvError, T, encodeTtlv, hexToBuffer, hexGroups } from '../../../src/ttlv';
import { SPEC_FIXTURES } from './fixtures/spec-examples';

function code(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof TtlvError) return e.code;
    throw e;
  }
  return 'no error';
}

describe('printer', () => {
  test.each(SPEC_FIXTURES.map((f) => [f.name, f] as const))('%s prints as its fixture text', (_n, f) => {
    expect(toPrettyHex(f.item)).toBe(prettyHexBody(f.pretty));
    expect(formatPrettyHex(parsePrettyHex(f.pretty))).toBe(prettyHexBody(f.pretty));
  });

  test('nesting is two spaces per level; primitives show value+padding in 4-byte groups', () => {
    const msg = T.struct(0x420078, [
      T.struct(0x420077, [T.struct(0x420069, [T.int(0x42006a, 1), T.int(0x42006b, 4)]), T.date(0x420092, 0x61659715n)]),
      T.text(0x420094, '39'),
      T.text(0x420094, ''),
      T.bytes(0x420043, Buffer.from('0102030405060708090a', 'hex')),
    ]);
    expect(toPrettyHex(msg)).toBe(
      [
        '420078 01 00000070',
        '  420077 01 00000038',
        '    420069 01 00000020',
        '      42006a 02 00000004 00000001 00000000',
        '      42006b 02 00000004 00000004 00000000',
        '    420092 09 00000008 00000000 61659715',
        '  420094 07 00000002 33390000 00000000',
        '  420094 07 00000000',
        '  420043 08 0000000a 01020304 05060708 090a0000 00000000',
        '',
      ].join('\n'),
    );
  });

  test('prints several consecutive items and an indent prefix', () => {
    const two = Buffer.concat([encodeTtlv(T.int(0x420001, 1)), encodeTtlv(T.bool(0x420002, true))]);
    expect(formatPrettyHex(two, { indent: '> ' })).toBe(
      '> 420001 02 00000004 00000001 00000000\n> 420002 06 00000008 00000000 00000001\n',
    );
    expect(formatPrettyHex(Buffer.alloc(0))).toBe('');
  });

  test('prints values as found (non-zero padding, bad UTF-8, unknown type) when the layout holds', () => {
    const text = '420020 0c 00000003 ffffffff ffffffff\n';
    expect(formatPrettyHex(parsePrettyHex(text))).toBe(text);
  });

  test('layout errors are TtlvErrors', () => {
    expect(code(() => formatPrettyHex(parsePrettyHex('420020 02 0000')))).toBe('TRUNCATED');
    expect(code(() => formatPrettyHex(parsePrettyHex('420020 07 00000009 00000000 00000000')))).toBe('TRUNCATED');
    expect(code(() => formatPrettyHex(parsePrettyHex('420020 01 00000010 420020 02 00000004')))).toBe('TRUNCATED');
    let deep = T.struct(0x420001, []);
    for (let i = 0; i < 10; i++) deep = T.struct(0x420001, [deep]);
    expect(code(() => formatPrettyHex(encodeTtlv(deep), { maxDepth: 10 }))).toBe('TOO_DEEP');
    expect(formatPrettyHex(encodeTtlv(deep), { maxDepth: 11 }).split('\n')).toHaveLength(12);
  });
});

describe('parser', () => {
  test('drops comment lines (also indented ones), ignores whitespace and case', () => {
    const text = '# source: x\n  # note: y\n420020 02 00000004\r\n\t0000000A 00000000 \n\n';
    expect(parsePrettyHex(text).toString('hex')).toBe('42002002000000040000000a00000000');
  });

  test('rejects non-hex and odd digit counts with BAD_HEX and a position', () => {
    let err: TtlvError | undefined;
    try {
      parsePrettyHex('# c\n420020 02\n0000000g');
    } catch (e) {
      err = e as TtlvError;
    }
    expect(err).toBeInstanceOf(TtlvError);
    expect(err!.code).toBe('BAD_HEX');
    expect(err!.message).toContain('line 3');
    expect(err!.offset).toBe('# c\n420020 02\n0000000'.length);
    expect(code(() => parsePrettyHex('420020 0'))).toBe('BAD_HEX');
    expect(code(() => parsePrettyHex('420020 02 // comment'))).toBe('BAD_HEX');
  });

  test('prettyHexBody keeps the item lines only, trailing blanks trimmed', () => {
    expect(prettyHexBody('# a\n\n420020 01 00000000  \n# b\n')).toBe('420020 01 00000000\n');
  });
});

describe('hex helpers', () => {
  test('hexToBuffer is strict where Buffer.from(hex) is silent', () => {
    expect(hexToBuffer('00ff').toString('hex')).toBe('00ff');
    expect(code(() => hexToBuffer('0x00'))).toBe('BAD_HEX');
    expect(code(() => hexToBuffer('abc'))).toBe('BAD_HEX');
  });
  test('hexGroups splits into 4-byte groups', () => {
    expect(hexGroups(Buffer.from('0102030405', 'hex'))).toBe('01020304 05');
    expect(hexGroups(Buffer.alloc(0))).toBe('');
  });
});
