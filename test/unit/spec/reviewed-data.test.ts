/**
 * Data that comes from reviewed inputs rather than a spec table: the PKCS#11 Function / Return Code
 * enumerations (spec/data/pkcs11-enums.json, KMIP 2.x §11.38/§11.39 by reference to PKCS#11 v3.0), the
 * Linked Object Identifier enumeration link (type-review.json), and version-correct older names
 * (otherNames: name -> versions) as the lookups and the XML writer use them.
 */
import { reviewedEnumEntries } from '../../../spec/lib/reviewed-enums';
import {
  enumForTag, enumInfo, enumValueByName, enumValueName, isEnumValueDefinedIn, MaskGenerator, PKCS_11Function,
  PKCS_11ReturnCode, Tag, tagByName, tagName,
} from '../../../src/kmip';
import { formatEnum, parseEnum } from '../../../src/ttlv/xml-names';
import { parseKmipXml } from '../../../src/ttlv/xml-parse';
import { toKmipXml } from '../../../src/ttlv/xml-write';

describe('PKCS#11 Function and Return Code enumerations (KMIP 2.x §11.38, §11.39)', () => {
  it('numbers functions by their 1-based offset in CK_FUNCTION_LIST_3_0', () => {
    expect(PKCS_11Function.C_Initialize).toBe(1);
    expect(PKCS_11Function.C_Finalize).toBe(2);
    expect(PKCS_11Function.C_GetInfo).toBe(3);
    expect(PKCS_11Function.C_GenerateKey).toBe(59);
    expect(PKCS_11Function.C_WaitForSlotEvent).toBe(68); // last function of the 2.40 list
    expect(PKCS_11Function.C_GetInterfaceList).toBe(69); // first function added by 3.0
    expect(PKCS_11Function.C_MessageVerifyFinal).toBe(92);
    expect(enumInfo('PKCS_11Function')!.values).toHaveLength(92);
  });

  it('gives return codes their CK_RV values, named without the CKR_ prefix as the OASIS vectors do', () => {
    expect(PKCS_11ReturnCode.OK).toBe(0);
    expect(PKCS_11ReturnCode.ARGUMENTS_BAD).toBe(7);
    expect(PKCS_11ReturnCode.USER_NOT_LOGGED_IN).toBe(0x101);
    expect(PKCS_11ReturnCode.OPERATION_CANCEL_FAILED).toBe(0x202);
    const rc = enumInfo('PKCS_11ReturnCode')!;
    expect(enumValueByName(rc, 'CKR_OK')).toBeUndefined();
    expect(enumValueName(rc, 0x80000000)).toBeUndefined(); // CKR_VENDOR_DEFINED: extension range
  });

  it('links the tags, exists in 2.0 and 2.1 only, and cites the spec sections', () => {
    expect(enumForTag(Tag.PKCS_11Function)?.normalized).toBe('PKCS_11Function');
    expect(enumForTag(Tag.PKCS_11ReturnCode)?.normalized).toBe('PKCS_11ReturnCode');
    const fn = enumInfo('PKCS_11Function')!;
    expect(fn.versions).toEqual(['2.0', '2.1']);
    expect(isEnumValueDefinedIn(fn, 1, '2.1')).toBe(true);
    expect(isEnumValueDefinedIn(fn, 1, '1.4')).toBe(false);
  });

  it('reads the PKCS11-M-1-21 names in XML', () => {
    expect(parseEnum({ kind: 'enumeration', set: 'PKCS_11Function' }, 'C_GetInfo')).toBe(3);
    expect(parseEnum({ kind: 'enumeration', set: 'PKCS_11ReturnCode' }, 'OK')).toBe(0);
    expect(() => parseEnum({ kind: 'enumeration', set: 'PKCS_11Function' }, 'C_Frobnicate')).toThrow(/not a value/);
  });

  it('rejects bad reviewed input', () => {
    const base = { name: 'X Thing', versions: ['2.1' as const], source: 'KMIP {v} §1', reason: 'r' };
    expect(() => reviewedEnumEntries({ enumerations: [{ ...base, values: [['A', '0x80000000']] }] }, [])).toThrow(/bad value/);
    expect(() => reviewedEnumEntries({ enumerations: [{ ...base, values: [['A', '1']] }] }, [])).toThrow(/bad value/);
    expect(() => reviewedEnumEntries({ enumerations: [{ ...base, values: [['A', '0x00000001'], ['B', '0x00000001']] }] }, []))
      .toThrow(/duplicate value/);
    expect(() => reviewedEnumEntries({ enumerations: [{ ...base, values: [['A B', '0x00000001'], ['AB', '0x00000002']] }] }, []))
      .toThrow(/duplicate normalized/);
    const extracted = [{ name: 'X Thing', normalized: 'XThing', kind: 'enumeration' as const, versions: [], values: [], sources: [] }];
    expect(() => reviewedEnumEntries({ enumerations: [{ ...base, values: [] }] }, extracted)).toThrow(/also extracted/);
    const [e] = reviewedEnumEntries({ enumerations: [{ ...base, values: [['B', '0x00000002'], ['A', '0x00000001']] }] }, []);
    expect(e.values.map((v) => v.value)).toEqual(['0x00000001', '0x00000002']);
    expect(e.sources).toEqual(['KMIP 2.1 §1; reviewed: r']);
  });
});

describe('enumeration links of tags', () => {
  it('uses the Unique Identifier enumeration for the Enumeration form of Linked Object Identifier (2.1 §4.31 Table 90)', () => {
    expect(enumForTag(Tag.LinkedObjectIdentifier)?.normalized).toBe('UniqueIdentifier');
    expect(tagByName('LinkedObjectIdentifier')!.itemTypes).toContain('Enumeration');
  });

  it('types and links Client Registration Method and Key Wrap Type', () => {
    for (const name of ['ClientRegistrationMethod', 'KeyWrapType'] as const) {
      expect(tagByName(name)!.itemType).toBe('Enumeration');
      expect(enumForTag(Tag[name])?.normalized).toBe(name);
    }
  });
});

describe('version-correct names (otherNames: name -> versions)', () => {
  const mg = enumInfo('MaskGenerator')!;

  it('names Mask Generator 1 "MGF1" in 1.4 and "MFG1" (the 2.x spelling) in 2.x', () => {
    expect(mg.values[0].otherNames).toEqual({ MGF1: ['1.4'] });
    expect(enumValueName(mg, MaskGenerator.MFG1, '1.4')).toBe('MGF1');
    expect(enumValueName(mg, MaskGenerator.MFG1, '2.0')).toBe('MFG1');
    expect(enumValueName(mg, MaskGenerator.MFG1)).toBe('MFG1');
    expect(enumValueName(mg, MaskGenerator.MFG1, '1.3')).toBeUndefined();
    expect(enumValueByName(mg, 'MGF1')).toBe(1);
  });

  it('gives the 1.x spellings of other renamed values for the versions that use them', () => {
    const dsa = enumInfo('DigitalSignatureAlgorithm')!;
    const v = dsa.values.find((x) => x.normalized === 'SHA_256WithRSAEncryption')!;
    expect(enumValueName(dsa, v.value, '1.1')).toBe('SHA_256WithRSAEncryptionPKCS_1V1_5');
    expect(enumValueName(dsa, v.value, '2.1')).toBe('SHA_256WithRSAEncryption');
    const ha = enumInfo('HashingAlgorithm')!;
    expect(enumValueName(ha, ha.values.find((x) => x.normalized === 'SHA3_256')!.value, '1.4')).toBe('SHA_3_256');
  });

  it('names tags per version', () => {
    expect(tagName(Tag.UniqueIdentifier, '1.0')).toBe('UniqueIdentifier');
    expect(tagName(Tag.AttributeReference, '1.4')).toBeUndefined();
    expect(tagName(Tag.AttributeReference)).toBe('AttributeReference');
    expect(tagName(0x540001)).toBeUndefined();
  });

  it('writes XML with the names of the message version', () => {
    const naming = { kind: 'enumeration', set: 'MaskGenerator' } as const;
    expect(formatEnum(naming, 1, '1.4')).toBe('MGF1');
    expect(formatEnum(naming, 1, '2.1')).toBe('MFG1');
    const message = (major: number, minor: number, mgf: string): string =>
      `<RequestMessage><RequestHeader><ProtocolVersion><ProtocolVersionMajor type="Integer" value="${major}"/>` +
      `<ProtocolVersionMinor type="Integer" value="${minor}"/></ProtocolVersion><BatchCount type="Integer" value="1"/>` +
      `</RequestHeader><BatchItem><Operation type="Enumeration" value="Encrypt"/><RequestPayload><CryptographicParameters>` +
      `<MaskGenerator type="Enumeration" value="${mgf}"/></CryptographicParameters></RequestPayload></BatchItem></RequestMessage>`;
    // Either spelling reads in any version; the writer uses the version's own.
    expect(toKmipXml(parseKmipXml(message(1, 4, 'MFG1')))).toContain('<MaskGenerator type="Enumeration" value="MGF1"/>');
    expect(toKmipXml(parseKmipXml(message(2, 1, 'MGF1')))).toContain('<MaskGenerator type="Enumeration" value="MFG1"/>');
  });
});
