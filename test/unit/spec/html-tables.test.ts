import { ruleAnswer } from '../../../spec/lib/extract-attributes';
import { decodeCp1252, extractTables, htmlToText } from '../../../spec/lib/html-tables';
import { cite, cleanItemName, isPlaceholderName, parseHexCell, parseItemTypes, splitSection } from '../../../spec/lib/spec-source';

describe('html-tables', () => {
  it('decodes Windows-1252 punctuation used by the Word-exported specs', () => {
    expect(decodeCp1252(Buffer.from([0x93, 0x41, 0x94, 0x20, 0x96, 0xa0, 0x92]))).toBe('"A" - \'');
  });

  it('turns cell HTML into plain text, with superscripts as exponents', () => {
    expect(htmlToText("<p class=x><span>Polynomial Sharing GF (2</span><sup>8</sup><span>)</span></p>")).toBe(
      'Polynomial Sharing GF (2^8)',
    );
    expect(htmlToText('A&nbsp;&amp;&#8211;B&lt;<br>\n  C')).toBe('A &-B< C');
  });

  it('lists tables with the heading before and the caption after', () => {
    const html = `
      <h3><a name="x"></a>9.1.3.2.27<span>&nbsp;&nbsp;</span>Operation Enumeration</h3>
      <table><tr><td><p>Name</p></td><td>Value</td></tr>
      <tr><td>Create</td><td>00000001</td></tr></table>
      <p class=MsoCaption>Table 315: Operation Enumeration</p>
      <h2>9.1.3.3 Masks</h2>
      <table><tr><th>Only</th></tr></table>
      <h2>9.2 Next</h2>
      <p class=MsoCaption>Table 999: belongs to no table</p>`;
    const tables = extractTables(html);
    expect(tables).toEqual([
      { section: '9.1.3.2.27 Operation Enumeration', caption: 'Table 315: Operation Enumeration', rows: [['Name', 'Value'], ['Create', '00000001']] },
      { section: '9.1.3.3 Masks', caption: '', rows: [['Only']] },
    ]);
    expect(cite('1.4', tables[0])).toBe('KMIP 1.4 §9.1.3.2.27 Table 315: Operation Enumeration');
    expect(cite('1.4', tables[1])).toBe('KMIP 1.4 §9.1.3.3 (uncaptioned table in "Masks")');
  });
});

describe('cell parsing', () => {
  it('splits section headings', () => {
    expect(splitSection('9.1.3.2.27 Operation Enumeration')).toEqual(['9.1.3.2.27', 'Operation Enumeration']);
    expect(splitSection('B. Tag Cross-reference')).toEqual(['', 'B. Tag Cross-reference']);
  });

  it('reads item types from Encoding cells', () => {
    expect(parseItemTypes('Enumeration, see 9.1.3.2.27')).toEqual(['Enumeration']);
    expect(parseItemTypes('Date-Time')).toEqual(['DateTime']);
    expect(parseItemTypes('Date Time Extended')).toEqual(['DateTimeExtended']);
    expect(parseItemTypes('ByteString')).toEqual(['ByteString']);
    expect(parseItemTypes('Big Integer')).toEqual(['BigInteger']);
    expect(parseItemTypes('Text String or Enumeration or Integer')).toEqual(['TextString', 'Enumeration', 'Integer']);
    expect(parseItemTypes('Byte String: for wrapped Key Value; Structure: for plaintext Key Value')).toEqual(['ByteString', 'Structure']);
    expect(parseItemTypes('Varies, depending on attribute. See Section 3')).toEqual([]);
    expect(parseItemTypes('RNG Parameters')).toEqual([]);
  });

  it('cleans item names', () => {
    expect(cleanItemName('Credential, MAY be repeated')).toBe('Credential');
    expect(cleanItemName('Object Type, see 3.3')).toBe('Object Type');
    expect(cleanItemName('Unique Identifier (of the key)')).toBe('Unique Identifier');
  });

  it('reads hex value cells and rejects ranges and extension patterns', () => {
    expect(parseHexCell('420001', 6)).toBe(0x420001);
    expect(parseHexCell('0x42016B', 6)).toBe(0x42016b);
    expect(parseHexCell('42003B (deprecated as of version 1.1)', 6)).toBe(0x42003b);
    expect(parseHexCell('0000000E (deprecated)', 8)).toBe(0x0e);
    expect(parseHexCell('8XXXXXXX', 8)).toBeUndefined();
    expect(parseHexCell('000000 - 420000', 6)).toBeUndefined();
    expect(parseHexCell('00000001-00000103', 8)).toBeUndefined();
    expect(parseHexCell('420001', 8)).toBeUndefined();
  });

  it('recognizes placeholder rows', () => {
    for (const n of ['(Reserved)', '(Unused)', 'Reserved', 'Extensions', '']) expect(isPlaceholderName(n)).toBe(true);
    expect(isPlaceholderName('Reserved Field')).toBe(false);
    expect(isPlaceholderName('Activation Date')).toBe(false);
  });
});

describe('attribute rule answers', () => {
  it.each([
    ['Yes', 'yes'],
    ['No', 'no'],
    ['Yes, only while in Pre-Active state', 'conditional'],
    ['Yes (Only if no value present)', 'conditional'],
    ['No, but only by the server in response to certain requests (see above)', 'no'],
    ['Nothing said', null],
    [null, null],
  ])('%j -> %j', (text, expected) => {
    expect(ruleAnswer(text)).toBe(expected);
  });
});
