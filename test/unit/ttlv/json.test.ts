/** KMIP JSON encoding (Additional Message Encodings v1.0 §4.1): the §4.1.6 examples, writing, errors. */
import { Tag } from '../../../src/kmip/tags';
import { T, type TtlvItem } from '../../../src/ttlv/item';
import { parseKmipJson, parseKmipJsonLines, toKmipJson, JsonParseError } from '../../../src/ttlv/json';

const p = (o: unknown) => parseKmipJson(JSON.stringify(o));

describe('§4.1.6 examples', () => {
  it('tags: names and 0x hex, name property ignored', () => {
    const d = T.date(Tag.ActivationDate, 978307200n);
    expect(p({ tag: 'ActivationDate', type: 'DateTime', value: '2001-01-01T10:00:00+10:00' })).toEqual(d);
    expect(p({ tag: '0x420001', type: 'DateTime', value: '2001-01-01T10:00:00+10:00' })).toEqual(d);
    expect(p({ tag: '0x54FFFF', name: 'SomeExtension', type: 'Integer', value: '0x00000001' })).toEqual(T.int(0x54ffff, 1));
    expect(p({ tag: 'IVCounterNonce', type: 'ByteString', value: 'a1b2c3d4' })).toEqual(T.bytes(Tag.IVCounterNonce, Buffer.from('a1b2c3d4', 'hex')));
    expect(p({ tag: 'PrivateKeyTemplateAttribute', type: 'Structure', value: [] })).toEqual(T.struct(Tag.PrivateKeyTemplateAttribute, []));
    expect(p({ tag: '0x545352', type: 'TextString', value: 'This is an extension' })).toEqual(T.text(0x545352, 'This is an extension'));
  });

  it('structures with or without type, null value', () => {
    const pv = T.struct(Tag.ProtocolVersion, [T.int(Tag.ProtocolVersionMajor, 1), T.int(Tag.ProtocolVersionMinor, 0)]);
    const kids = [{ tag: 'ProtocolVersionMajor', type: 'Integer', value: 1 }, { tag: 'ProtocolVersionMinor', type: 'Integer', value: 0 }];
    expect(p({ tag: 'ProtocolVersion', type: 'Structure', value: kids })).toEqual(pv);
    expect(p({ tag: 'ProtocolVersion', value: kids })).toEqual(pv);
    expect(p({ tag: 'ProtocolVersion', value: null })).toEqual(T.struct(Tag.ProtocolVersion, []));
  });

  it('numbers as JSON numbers or hex strings; masks with |', () => {
    expect(p({ tag: 'BatchCount', type: 'Integer', value: 10 })).toEqual(T.int(Tag.BatchCount, 10));
    expect(p({ tag: 'BatchCount', type: 'Integer', value: '0x0000000A' })).toEqual(T.int(Tag.BatchCount, 10));
    expect(p({ tag: 'BatchCount', type: 'Integer', value: '0xffffffff' })).toEqual(T.int(Tag.BatchCount, -1));
    for (const v of ['0x0000100c', 'Encrypt|Decrypt|CertificateSign', 'CertificateSign|0x00000004|0x0000008', 'CertificateSign|0x0000000c']) {
      expect(p({ tag: 'CryptographicUsageMask', type: 'Integer', value: v })).toEqual(T.int(Tag.CryptographicUsageMask, 0x100c));
    }
    expect(p({ tag: '0x540001', type: 'LongInteger', value: '0xfffffffffffffffe' })).toEqual(T.long(0x540001, -2n));
    expect(p({ tag: '0x540001', type: 'LongInteger', value: -2 })).toEqual(T.long(0x540001, -2n));
    expect(p({ tag: 'UsageLimitsCount', type: 'LongInteger', value: '0x1000000000000000' })).toEqual(T.long(Tag.UsageLimitsCount, 2n ** 60n));
    expect(p({ tag: 'D', type: 'BigInteger', value: 0 })).toEqual(T.big(Tag.D, 0n));
    expect(p({ tag: 'D', type: 'BigInteger', value: '0x0000000000000000' })).toEqual(T.big(Tag.D, 0n));
    expect(p({ tag: 'D', type: 'BigInteger', value: -5 })).toEqual(T.big(Tag.D, -5n));
    expect(p({ tag: '0x420057', type: 'Enumeration', value: 2 })).toEqual(T.enum(Tag.ObjectType, 2));
    expect(p({ tag: 'ObjectType', type: 'Enumeration', value: '0x00000002' })).toEqual(T.enum(Tag.ObjectType, 2));
    expect(p({ tag: 'ObjectType', type: 'Enumeration', value: 'SymmetricKey' })).toEqual(T.enum(Tag.ObjectType, 2));
    expect(p({ tag: 'BatchOrderOption', type: 'Boolean', value: true })).toEqual(T.bool(Tag.BatchOrderOption, true));
    expect(p({ tag: 'BatchOrderOption', type: 'Boolean', value: '0x0000000000000001' })).toEqual(T.bool(Tag.BatchOrderOption, true));
    expect(p({ tag: 'AttributeName', type: 'TextString', value: 'Cryptographic Algorithm' })).toEqual(T.text(Tag.AttributeName, 'Cryptographic Algorithm'));
    expect(p({ tag: 'MACSignature', type: 'ByteString', value: 'C50F77' })).toEqual(T.bytes(Tag.MACSignature, Buffer.from('c50f77', 'hex')));
    expect(p({ tag: 'ArchiveDate', type: 'DateTime', value: '0x000000003a505520' })).toEqual(T.date(Tag.ArchiveDate, 0x3a505520n));
    expect(p({ tag: 'ArchiveDate', type: 'DateTime', value: '2001-01-01T10:00:00+10:00' })).toEqual(T.date(Tag.ArchiveDate, 978307200n));
    expect(p({ tag: 'Offset', type: 'Interval', value: 27 })).toEqual(T.interval(Tag.Offset, 27));
    expect(p({ tag: 'Offset', type: 'Interval', value: '0x0000001b' })).toEqual(T.interval(Tag.Offset, 27));
  });
});

describe('writing', () => {
  const item = T.struct(Tag.Attributes, [
    T.int(Tag.CryptographicUsageMask, 0x0c),
    T.long(Tag.UsageLimitsCount, 2n ** 60n),
    T.long(Tag.UsageLimitsTotal, 5n),
    T.text(0x540001, 'na'),
    T.big(Tag.D, 255n),
    T.enum(Tag.ObjectType, 2),
    T.bool(Tag.Sensitive, true),
  ]);

  it('writes one line by default with the spec value forms', () => {
    expect(toKmipJson(item)).toBe(
      '{"tag":"Attributes","value":[' +
        '{"tag":"CryptographicUsageMask","type":"Integer","value":"Encrypt|Decrypt"},' +
        '{"tag":"UsageLimitsCount","type":"LongInteger","value":"0x1000000000000000"},' +
        '{"tag":"UsageLimitsTotal","type":"LongInteger","value":5},' +
        '{"tag":"0x540001","type":"TextString","value":"na"},' +
        '{"tag":"D","type":"BigInteger","value":"0x00000000000000ff"},' +
        '{"tag":"ObjectType","type":"Enumeration","value":"SymmetricKey"},' +
        '{"tag":"Sensitive","type":"Boolean","value":true}]}',
    );
    expect(parseKmipJson(toKmipJson(item))).toEqual(item);
  });

  it('indents one item per line like the spec', () => {
    const text = toKmipJson(T.struct(Tag.ProtocolVersion, [T.int(Tag.ProtocolVersionMajor, 1), T.int(Tag.ProtocolVersionMinor, 0)]), { indent: '  ' });
    expect(text).toBe(
      [
        '{"tag":"ProtocolVersion", "value":[',
        '  {"tag":"ProtocolVersionMajor", "type":"Integer", "value":1},',
        '  {"tag":"ProtocolVersionMinor", "type":"Integer", "value":0}',
        ']}',
      ].join('\n'),
    );
    expect(parseKmipJson(toKmipJson(item, { indent: '  ' }))).toEqual(item);
  });

  it('reads one message per line, an array, or one indented document', () => {
    const a: TtlvItem = T.struct(Tag.ProtocolVersion, []);
    expect(parseKmipJsonLines(`${toKmipJson(a)}\n\n${toKmipJson(item)}\n`)).toEqual([a, item]);
    expect(parseKmipJsonLines(`[${toKmipJson(a)}, ${toKmipJson(item)}]`)).toEqual([a, item]);
    expect(parseKmipJsonLines(toKmipJson(item, { indent: '  ' }))).toEqual([item]);
  });
});

describe('errors', () => {
  const cases: Array<[string, RegExp]> = [
    ['{"tag":"BatchCount","type":"Integer","value":1', /^1:\d+: invalid JSON/],
    ['{"tag":"NoSuchTag","type":"Integer","value":1}', /unknown tag 'NoSuchTag'/],
    ['{"tag":"BatchCount","type":"Integer"}', /missing 'value'/],
    ['{"tag":"BatchCount","type":"Integer","value":1.5}', /not an exact integer/],
    ['{"tag":"UsageLimitsCount","type":"LongInteger","value":1152921504606846976}', /not an exact integer \(use a hex string\)/],
    ['{"tag":"BatchCount","type":"Integer","value":true}', /cannot be a JSON boolean/],
    ['{"tag":"ObjectType","type":"Enumeration","value":"Nope"}', /'Nope' is not a value of enumeration ObjectType/],
    ['{"tag":"Attributes","value":[{"tag":"BatchCount","type":"Integer","value":"x"}]}', /'x' is not an Integer at \$\(Attributes\)\.value\[0\]/],
    ['{"tag":"Attributes","value":{}}', /must be an array or null/],
    ['{"tag":"Attributes","extra":1}', /unexpected property 'extra'/],
    ['[1]', /an item must be a JSON object/],
  ];
  it.each(cases)('%s', (text, re) => {
    expect(() => parseKmipJsonLines(text)).toThrow(JsonParseError);
    expect(() => parseKmipJsonLines(text)).toThrow(re);
  });

  it('names the line of the failing message in multi-line input', () => {
    const good = '{"tag":"BatchCount","type":"Integer","value":1}';
    expect(() => parseKmipJsonLines(`${good}\n${good}\n{"tag":"BatchCount","type":"Integer","value":"x"}\n`)).toThrow(/^3:1: /);
  });

  it('caps nesting depth', () => {
    let doc = '{"tag":"Attributes","value":null}';
    for (let i = 0; i < 80; i++) doc = `{"tag":"Attributes","value":[${doc}]}`;
    expect(() => parseKmipJson(doc)).toThrow(/nesting deeper than 64/);
  });
});

describe('mutated input', () => {
  it('either parses or throws JsonParseError, never anything else', () => {
    const base = toKmipJson(
      T.struct(Tag.Attributes, [
        T.int(Tag.CryptographicUsageMask, 12), T.long(Tag.UsageLimitsCount, 2n ** 60n), T.big(Tag.D, -3n),
        T.date(Tag.ArchiveDate, 1000n), T.bytes(Tag.MACSignature, Buffer.from('c50f77', 'hex')), T.enum(Tag.ObjectType, 2),
      ]),
    );
    let seed = 7;
    const next = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const alphabet = '{}[]":,0123456789abcdefx-|. tTruefalsn';
    let parsed = 0;
    for (let i = 0; i < 3000; i++) {
      const chars = base.split('');
      const at = Math.floor(next() * chars.length);
      const op = next();
      if (op < 0.4) chars[at] = alphabet[Math.floor(next() * alphabet.length)];
      else if (op < 0.7) chars.splice(at, 1);
      else chars.splice(at, 0, alphabet[Math.floor(next() * alphabet.length)]);
      try {
        parseKmipJsonLines(chars.join(''));
        parsed++;
      } catch (e) {
        if (!(e instanceof JsonParseError)) throw new Error(`unexpected ${String(e)} for input ${chars.join('')}`);
      }
    }
    expect(parsed).toBeGreaterThan(0);
  });
});
