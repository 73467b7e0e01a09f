/**
 * KMIP XML encoding (Additional Message Encodings v1.0 §6.1): the §6.1.6 examples, context rules
 * (message version, Attribute Name), the general <TTLV> form, placeholders and error positions.
 */
import { ItemType } from '../../../src/kmip/item-type';
import { Tag } from '../../../src/kmip/tags';
import { T, type TtlvItem } from '../../../src/ttlv/item';
import { parseKmipXml, parseKmipXmlItem, XmlParseError, type PlaceholderInfo } from '../../../src/ttlv/xml-parse';
import { toKmipXml, toKmipXmlItem } from '../../../src/ttlv/xml-write';

const one = (xml: string) => parseKmipXmlItem(xml);

/** A request message of `version` holding `payload` in one batch item. */
function request(version: [number, number], payload: TtlvItem[]): TtlvItem {
  return T.struct(Tag.RequestMessage, [
    T.struct(Tag.RequestHeader, [
      T.struct(Tag.ProtocolVersion, [T.int(Tag.ProtocolVersionMajor, version[0]), T.int(Tag.ProtocolVersionMinor, version[1])]),
      T.int(Tag.BatchCount, 1),
    ]),
    T.struct(Tag.BatchItem, [T.enum(Tag.Operation, 0x01), T.struct(Tag.RequestPayload, payload)]),
  ]);
}

function xmlRequest(minor: string, payload: string): string {
  return `<RequestMessage><RequestHeader><ProtocolVersion>
    <ProtocolVersionMajor type="Integer" value="${minor.split('.')[0]}"/><ProtocolVersionMinor type="Integer" value="${minor.split('.')[1]}"/>
  </ProtocolVersion><BatchCount type="Integer" value="1"/></RequestHeader>
  <BatchItem><Operation type="Enumeration" value="Create"/><RequestPayload>${payload}</RequestPayload></BatchItem></RequestMessage>`;
}

describe('§6.1.6 examples', () => {
  it('reads the three element forms of Activation Date alike, with the zone offset applied', () => {
    const expected = T.date(Tag.ActivationDate, BigInt(Date.UTC(2001, 0, 1, 0, 0, 0) / 1000));
    expect(one('<TTLV tag="0x420001" name="ActivationDate" type="DateTime" value="2001-01-01T10:00:00+10:00"/>')).toEqual(expected);
    expect(one('<TTLV tag="0x420001" type="DateTime" value="2001-01-01T10:00:00+10:00"/>')).toEqual(expected);
    expect(one('<ActivationDate type="DateTime" value="2001-01-01T10:00:00+10:00"/>')).toEqual(expected);
    expect(one('<ActivationDate xmlns="urn:oasis:tc:kmip:xmlns" type="DateTime" value="2001-01-01T10:00:00+10:00"/>')).toEqual(expected);
    expect(one('<ActivationDate type="DateTime" value="2001-01-01T00:00:00Z"/>')).toEqual(expected);
    expect(one('<ActivationDate type="DateTime" value="2001-01-01T00:00:00"/>')).toEqual(expected);
    expect(one('<ActivationDate type="DateTime" value="2000-12-31T19:30:00.999-04:30"/>')).toEqual(expected);
  });

  it('reads extension tags in the general form, and x540001 element names', () => {
    expect(one('<TTLV tag="0x54FFFF" name="SomeExtension" type="DateTime" value="1970-01-01T00:00:01+00:00"/>')).toEqual(T.date(0x54ffff, 1n));
    expect(one('<TTLV tag="0x545352" name="SomeExtension" type="TextString" value="This is an extension"/>')).toEqual(
      T.text(0x545352, 'This is an extension'),
    );
    expect(one('<x540001 type="LongInteger" value="-2"/>')).toEqual(T.long(0x540001, -2n));
  });

  it('reads structures with and without type="Structure", and empty ones', () => {
    const pv = T.struct(Tag.ProtocolVersion, [T.int(Tag.ProtocolVersionMajor, 1), T.int(Tag.ProtocolVersionMinor, 0)]);
    const body = '<ProtocolVersionMajor type="Integer" value="1"/><ProtocolVersionMinor type="Integer" value="0"/>';
    expect(one(`<ProtocolVersion type="Structure">${body}</ProtocolVersion>`)).toEqual(pv);
    expect(one(`<ProtocolVersion>\n  ${body}\n</ProtocolVersion>`)).toEqual(pv);
    expect(one('<PrivateKeyTemplateAttribute type="Structure"/>')).toEqual(T.struct(Tag.PrivateKeyTemplateAttribute, []));
  });

  it('reads Integer, the four mask forms, LongInteger, BigInteger, Enumeration, Boolean, strings, Interval', () => {
    expect(one('<BatchCount type="Integer" value="10"/>')).toEqual(T.int(Tag.BatchCount, 10));
    for (const v of ['0x0000100c', 'Encrypt Decrypt CertificateSign', 'CertificateSign 0x00000004 0x0000008', 'CertificateSign 0x0000000c']) {
      expect(one(`<CryptographicUsageMask type="Integer" value="${v}"/>`)).toEqual(T.int(Tag.CryptographicUsageMask, 0x100c));
    }
    expect(one('<UsageLimitsCount type="LongInteger" value="1152921504606846976"/>')).toEqual(T.long(Tag.UsageLimitsCount, 2n ** 60n));
    expect(one('<D type="BigInteger" value="0000000000000000"/>')).toEqual(T.big(Tag.D, 0n));
    expect(one('<D type="BigInteger" value="FFFFFFFFFFFFFFFF"/>')).toEqual(T.big(Tag.D, -1n));
    expect(one('<ObjectType type="Enumeration" value="0x00000002"/>')).toEqual(T.enum(Tag.ObjectType, 2));
    expect(one('<ObjectType type="Enumeration" value="SymmetricKey"/>')).toEqual(T.enum(Tag.ObjectType, 2));
    expect(one('<BatchOrderOption type="Boolean" value="true"/>')).toEqual(T.bool(Tag.BatchOrderOption, true));
    expect(one('<AttributeName type="TextString" value="Cryptographic Algorithm"/>')).toEqual(T.text(Tag.AttributeName, 'Cryptographic Algorithm'));
    expect(one('<MACSignature type="ByteString" value="C50F77"/>')).toEqual(T.bytes(Tag.MACSignature, Buffer.from([0xc5, 0x0f, 0x77])));
    expect(one('<ArchiveDate type="DateTime" value="2001-01-01T10:00:00+10:00"/>')).toEqual(T.date(Tag.ArchiveDate, 978307200n));
    expect(one('<Offset type="Interval" value="27"/>')).toEqual(T.interval(Tag.Offset, 27));
  });
});

describe('writing', () => {
  it('writes named elements, 2-space indentation, hex for unknown tags, masks as names', () => {
    const item = T.struct(Tag.Attributes, [
      T.int(Tag.CryptographicUsageMask, 0x0c),
      T.text(0x540001, 'na'),
      T.struct(0x540002, []),
      T.big(Tag.D, -1n),
      T.bytes(Tag.MACSignature, Buffer.from('c50f77', 'hex')),
      T.date(Tag.ArchiveDate, 978307200n),
      T.bool(Tag.Sensitive, false),
      T.text(Tag.AttributeName, 'a<b & "c"\n'),
    ]);
    expect(toKmipXmlItem(item)).toBe(
      [
        '<Attributes>',
        '  <CryptographicUsageMask type="Integer" value="Encrypt Decrypt"/>',
        '  <TTLV tag="0x540001" type="TextString" value="na"/>',
        '  <TTLV tag="0x540002" type="Structure"/>',
        '  <D type="BigInteger" value="ffffffffffffffff"/>',
        '  <MACSignature type="ByteString" value="c50f77"/>',
        '  <ArchiveDate type="DateTime" value="2001-01-01T00:00:00+00:00"/>',
        '  <Sensitive type="Boolean" value="false"/>',
        '  <AttributeName type="TextString" value="a&lt;b &amp; &quot;c&quot;&#xa;"/>',
        '</Attributes>',
      ].join('\n'),
    );
    expect(one(toKmipXmlItem(item))).toEqual(item);
  });

  it('writes Date-Time Extended with microseconds, dates before 1970, and reads them back', () => {
    const ext = T.dateExt(Tag.ActivationDate, 978307200_000123n);
    expect(toKmipXmlItem(ext)).toBe('<ActivationDate type="DateTimeExtended" value="2001-01-01T00:00:00.000123+00:00"/>');
    expect(one(toKmipXmlItem(ext))).toEqual(ext);
    const before = T.dateExt(Tag.ActivationDate, -1n);
    expect(toKmipXmlItem(before)).toContain('value="1969-12-31T23:59:59.999999+00:00"');
    expect(one(toKmipXmlItem(before))).toEqual(before);
    const old = T.date(Tag.ActivationDate, -86400n);
    expect(toKmipXmlItem(old)).toContain('value="1969-12-31T00:00:00+00:00"');
    expect(one(toKmipXmlItem(old))).toEqual(old);
    // Outside the calendar range of xsd:dateTime handling, the 64-bit hex form keeps the value.
    const far = T.date(Tag.ActivationDate, 2n ** 62n);
    expect(toKmipXmlItem(far)).toContain('value="0x4000000000000000"');
    expect(one(toKmipXmlItem(far))).toEqual(far);
  });

  it('writes mask bits without a name in hex, and 0 as 0', () => {
    const xml = toKmipXmlItem(T.int(Tag.CryptographicUsageMask, 0x80000004 | 0));
    expect(xml).toBe('<CryptographicUsageMask type="Integer" value="Encrypt 0x80000000"/>');
    expect(one(xml)).toEqual(T.int(Tag.CryptographicUsageMask, 0x80000004 | 0));
    expect(toKmipXmlItem(T.int(Tag.CryptographicUsageMask, 0))).toBe('<CryptographicUsageMask type="Integer" value="0"/>');
  });

  it('names enumeration values by the version of the message, hex where that version has no name', () => {
    const payload = [T.enum(Tag.CryptographicAlgorithm, 0x1c)]; // ChaCha20, defined from KMIP 1.4
    expect(toKmipXmlItem(request([1, 0], payload))).toContain('<CryptographicAlgorithm type="Enumeration" value="0x0000001c"/>');
    expect(toKmipXmlItem(request([1, 4], payload))).toContain('<CryptographicAlgorithm type="Enumeration" value="ChaCha20"/>');
    // Masks too: Export exists up to 1.4, Authenticate from 2.0.
    const mask = [T.int(Tag.CryptographicUsageMask, 0x40 | 0x100000)];
    expect(toKmipXmlItem(request([1, 4], mask))).toContain('value="Export 0x00100000"');
    expect(toKmipXmlItem(request([2, 0], mask))).toContain('value="Authenticate 0x00000040"');
    // The reader reads names of any version; the header is read before the body.
    expect(one(xmlRequest('1.0', '<CryptographicAlgorithm type="Enumeration" value="ChaCha20"/>'))).toEqual(request([1, 0], payload));
  });

  it('wraps several items in <KMIP> and reads them back', () => {
    const items = [request([1, 2], []), request([2, 1], [T.text(Tag.UniqueIdentifier, 'x')])];
    const xml = toKmipXml(items);
    expect(xml.startsWith('<KMIP>\n  <RequestMessage>\n')).toBe(true);
    expect(parseKmipXml(xml)).toEqual(items);
    expect(parseKmipXml(toKmipXml(items, { root: null }))).toEqual(items);
  });
});

describe('Attribute Value context', () => {
  it('names an Attribute Value by its sibling Attribute Name (1.x template attributes)', () => {
    const attr = (name: string, value: TtlvItem) => T.struct(Tag.Attribute, [T.text(Tag.AttributeName, name), value]);
    const item = T.struct(Tag.TemplateAttribute, [
      attr('Cryptographic Algorithm', T.enum(Tag.AttributeValue, 3)),
      attr('Object Type', T.enum(Tag.AttributeValue, 2)),
      attr('Cryptographic Usage Mask', T.int(Tag.AttributeValue, 12)),
      attr('Cryptographic Length', T.int(Tag.AttributeValue, 12)),
      attr('x-custom', T.enum(Tag.AttributeValue, 3)),
    ]);
    const xml = toKmipXmlItem(item);
    expect(xml).toContain('<AttributeValue type="Enumeration" value="AES"/>');
    expect(xml).toContain('<AttributeValue type="Enumeration" value="SymmetricKey"/>');
    expect(xml).toContain('<AttributeValue type="Integer" value="Encrypt Decrypt"/>');
    expect(xml).toContain('<AttributeValue type="Integer" value="12"/>');
    expect(xml).toContain('<AttributeValue type="Enumeration" value="0x00000003"/>');
    expect(one(xml)).toEqual(item);
  });

  it('reads the Attribute Value after or before its Attribute Name, and rejects a name of the wrong enumeration', () => {
    const xml = (name: string, v: string) =>
      `<Attribute><AttributeValue type="Enumeration" value="${v}"/><AttributeName type="TextString" value="${name}"/></Attribute>`;
    expect(one(xml('Cryptographic Algorithm', 'AES'))).toEqual(
      T.struct(Tag.Attribute, [T.enum(Tag.AttributeValue, 3), T.text(Tag.AttributeName, 'Cryptographic Algorithm')]),
    );
    expect(() => one(xml('Object Type', 'AES'))).toThrow(/'AES' is not a value of enumeration ObjectType/);
  });

  it('names 2.x Attribute Reference enumerations as tags', () => {
    const item = T.enum(Tag.AttributeReference, Tag.CryptographicAlgorithm);
    expect(toKmipXmlItem(item)).toBe('<AttributeReference type="Enumeration" value="CryptographicAlgorithm"/>');
    expect(one(toKmipXmlItem(item))).toEqual(item);
  });
});

describe('files of test vectors', () => {
  it('reads <KMIP> and <KmipTestCase> roots, ignores # text lines, comments and the prolog', () => {
    const body = xmlRequest('1.2', '') + '\n# TIME 1\n' + xmlRequest('1.2', '');
    for (const root of ['KMIP', 'KmipTestCase']) {
      const text = `<?xml version="1.0"?>\n<!-- header -->\n<${root}>\n# TIME 0\n${body}\n</${root}>\n`;
      expect(parseKmipXml(text)).toEqual([request([1, 2], []), request([1, 2], [])]);
    }
  });

  it('stops at the first root close (TC-ECDSA-SIGN-1-14.xml has a duplicated </KMIP>)', () => {
    expect(parseKmipXml(`<KMIP>${xmlRequest('1.4', '')}</KMIP>\n</KMIP>\n`)).toHaveLength(1);
  });

  it('decodes entities and character references', () => {
    expect(one('<NameValue type="TextString" value="&lt;&gt;&amp;&quot;&apos;&#65;&#x42;&#x1F600;"/>')).toEqual(
      T.text(Tag.NameValue, '<>&"\'AB\u{1F600}'),
    );
  });

  it('hands $ placeholders to the hook with type, path and position', () => {
    const seen: PlaceholderInfo[] = [];
    const xml = xmlRequest('1.0', '\n<UniqueIdentifier type="TextString" value="$UNIQUE_IDENTIFIER_0"/>\n<ActivationDate type="DateTime" value="$NOW-60"/>');
    const [msg] = parseKmipXml(xml, {
      placeholder: (p) => {
        seen.push(p);
        return p.type === 'DateTime' ? '1970-01-01T00:01:00Z' : 'uid-0';
      },
    });
    expect(seen.map((p) => [p.value, p.type, p.tag, p.path.join('/'), p.line])).toEqual([
      ['$UNIQUE_IDENTIFIER_0', 'TextString', Tag.UniqueIdentifier, 'RequestMessage/BatchItem/RequestPayload/UniqueIdentifier', 5],
      ['$NOW-60', 'DateTime', Tag.ActivationDate, 'RequestMessage/BatchItem/RequestPayload/ActivationDate', 6],
    ]);
    expect(msg).toEqual(request([1, 0], [T.text(Tag.UniqueIdentifier, 'uid-0'), T.date(Tag.ActivationDate, 60n)]));
    // Without a hook, a text placeholder stays text and any other type is an error that says why.
    expect(() => parseKmipXml(xml)).toThrow(/6:1: '\$NOW-60' is not an xsd:dateTime.*needs a substitution\) \(in <ActivationDate>\)/);
  });
});

describe('errors name the position and the element', () => {
  const cases: Array<[string, RegExp]> = [
    ['<BatchCount type="Integer" value="ten"/>', /^1:1: 'ten' is not an Integer \(in <BatchCount>\)$/],
    ['<BatchCount type="Integer" value="2147483648"/>', /out of 32-bit range/],
    ['<A>\n  <NoSuchTag type="Integer" value="1"/></A>', /^1:1: unknown tag name <A>/],
    ['<Attributes>\n  <NoSuchTag type="Integer" value="1"/></Attributes>', /^2:3: unknown tag name <NoSuchTag>/],
    ['<BatchCount type="Int" value="1"/>', /unknown type 'Int'/],
    ['<BatchCount type="Integer"/>', /missing 'value'/],
    ['<ObjectType type="Enumeration" value="SymmetricKeys"/>', /'SymmetricKeys' is not a value of enumeration ObjectType/],
    ['<MACSignature type="ByteString" value="C50F7"/>', /not a ByteString/],
    ['<ArchiveDate type="DateTime" value="2001-02-29T00:00:00Z"/>', /not a valid date/],
    ['<BatchOrderOption type="Boolean" value="yes"/>', /not a Boolean/],
    ['<CryptographicUsageMask type="Integer" value="Encrypt Fly"/>', /'Fly' is not a flag of CryptographicUsageMask/],
    ['<Attributes>\n<BatchCount type="Integer" value="1">\n</Attributes>', /^3:1: <\/Attributes> does not close <BatchCount>/],
    ['<Attributes>', /missing <\/Attributes>/],
    ['<Attributes a="1" a="2"/>', /duplicate attribute 'a'/],
    ['<Attributes value="1"/>', /a Structure has no 'value'/],
    ['<Attributes>text</Attributes>', /unexpected text 'text'/],
    ['<TTLV type="Integer" value="1"/>', /<TTLV> needs a 'tag'/],
    ['<TTLV tag="0x4201" type="Integer" value="1"/>', /bad tag '0x4201'/],
    ['<TTLV tag="0x430001" type="Integer" value="1"/>', /tag 0x430001 is neither a KMIP/],
    ['<NameValue type="TextString" value="&bogus;"/>', /unknown entity &bogus;/],
    ['<!DOCTYPE x [<!ENTITY a "b">]><x/>', /internal subsets are not supported/],
    ['', /no element found/],
    ['just text', /text outside any element/],
  ];
  it.each(cases)('%s', (xml, re) => {
    let err: unknown;
    try {
      parseKmipXml(xml);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(XmlParseError);
    expect((err as Error).message).toMatch(re);
  });

  it('caps nesting depth', () => {
    const deep = '<Attributes>'.repeat(100) + '</Attributes>'.repeat(100);
    expect(() => parseKmipXml(deep)).toThrow(/nesting deeper than/);
    expect(parseKmipXml('<Attributes>'.repeat(64) + '</Attributes>'.repeat(64))[0].type).toBe(ItemType.Structure);
  });
});

/** Deterministic PRNG (mulberry32) so that failures reproduce. */
function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('mutated input', () => {
  it('either parses or throws XmlParseError, never anything else', () => {
    const base = toKmipXmlItem(
      request([1, 4], [
        T.struct(Tag.Attribute, [T.text(Tag.AttributeName, 'Cryptographic Usage Mask'), T.int(Tag.AttributeValue, 12)]),
        T.date(Tag.ActivationDate, 1000n), T.bytes(Tag.MACSignature, Buffer.from('c50f77', 'hex')), T.big(Tag.D, -3n),
        T.text(0x540001, 'x&y'),
      ]),
    );
    const next = rng(42);
    const alphabet = '<>/="&;#x0123456789abcdefTZ:-+ $\n';
    let parsed = 0;
    for (let i = 0; i < 3000; i++) {
      const chars = base.split('');
      for (let k = 0; k < 1 + Math.floor(next() * 3); k++) {
        const at = Math.floor(next() * chars.length);
        const op = next();
        if (op < 0.4) chars[at] = alphabet[Math.floor(next() * alphabet.length)];
        else if (op < 0.7) chars.splice(at, 1);
        else chars.splice(at, 0, alphabet[Math.floor(next() * alphabet.length)]);
      }
      try {
        parseKmipXml(chars.join(''));
        parsed++;
      } catch (e) {
        if (!(e instanceof XmlParseError)) throw new Error(`unexpected ${String(e)} for input ${chars.join('')}`);
      }
    }
    expect(parsed).toBeGreaterThan(0);
  });
});
