/**
 * Cross-check of the generated KMIP data against every element of the OASIS XML test vectors
 * (../shared/conformance/oasis, all versions): tag known and defined in the file's version, `type=`
 * allowed by the spec tables, enumeration value names known for that version. Disagreements fail the
 * test unless spec/data/vector-exceptions.json lists them with a reason.
 */
import * as fs from 'fs';
import * as path from 'path';
import { applyExceptions, crossCheckVectors, CrossCheckData, VectorException } from '../../../spec/lib/vectors';
import { attributeInfo, enumInfo, KmipVersion, tagByName } from '../../../src/kmip';
import { describeWithShared, ROOT } from './shared';

const exceptions = (
  JSON.parse(fs.readFileSync(path.join(ROOT, 'spec', 'data', 'vector-exceptions.json'), 'utf8')) as {
    exceptions: VectorException[];
  }
).exceptions;

const data: CrossCheckData = {
  tag(name, version) {
    const t = tagByName(name);
    if (!t) return undefined;
    const itemTypes = t.itemTypesByVersion?.[version as KmipVersion] ?? t.itemTypes;
    return { itemTypes, varies: t.itemType === null, versions: t.versions, enumeration: t.enumeration };
  },
  attributeTag(attributeName) {
    const a = attributeInfo(attributeName);
    return a?.tag == null ? undefined : a.normalized;
  },
  enumValueVersions(enumName, name) {
    const e = enumInfo(enumName);
    const v = e?.values.find((x) => x.normalized === name || Object.keys(x.otherNames ?? {}).includes(name));
    return v?.versions;
  },
};

describeWithShared('conformance/oasis', 'XML vector cross-check', (oasisDir) => {
  const result = crossCheckVectors(oasisDir, data);
  const { unexplained, unused } = applyExceptions(result.disagreements, exceptions);

  it('reads a substantial number of elements from every version folder', () => {
    // eslint-disable-next-line no-console
    console.log(
      `vector cross-check: ${result.elements} elements, ${result.typeChecked} types checked, ` +
        `${result.valuesChecked} enumeration/mask value names checked, ${result.generic} generic <TTLV>, ` +
        `${result.disagreements.length} disagreements (all listed exceptions: ${exceptions.length})`,
    );
    expect(result.elements).toBeGreaterThan(100000);
    expect(result.typeChecked).toBeGreaterThan(100000);
    expect(result.valuesChecked).toBeGreaterThan(10000);
  });

  it('has no disagreement that is not a listed exception', () => {
    const summary = [...new Set(unexplained.map((d) => `${d.kind} ${d.version} ${d.element}: ${d.detail} [${d.file}]`))];
    expect(summary).toEqual([]);
  });

  it('has no stale exception', () => {
    expect(unused).toEqual([]);
  });

  it('gives every exception a reason', () => {
    for (const e of exceptions) expect(e.reason.length).toBeGreaterThan(20);
  });
});

describe('cross-check logic on a small vector', () => {
  const dir = fs.mkdtempSync(path.join(require('os').tmpdir(), 'kmip-vec-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const write = (rel: string, xml: string): void => {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), xml);
  };
  write('1.0/a.xml', `<KMIP><!-- <Bogus type="Integer"/> -->
    <RequestMessage><RequestHeader><ProtocolVersion><ProtocolVersionMajor type="Integer" value="1"/></ProtocolVersion>
    <BatchCount type="TextString" value="1"/></RequestHeader>
    <BatchItem><Operation type="Enumeration" value="Create"/><Operation type="Enumeration" value="Import"/>
    <RequestPayload><Attribute><AttributeName type="TextString" value="Cryptographic Usage Mask"/>
    <AttributeValue type="Integer" value="Encrypt Decrypt Frobnicate"/></Attribute>
    <AttributeReference type="Enumeration" value="State"/><AsynchronousIndicator type="Enumeration" value="Mandatory"/>
    <TTLV tag="0x540001" type="Integer" value="1"/></RequestPayload></BatchItem></RequestMessage></KMIP>`);
  const r = crossCheckVectors(dir, data);
  const got = r.disagreements.map((d) => `${d.kind} ${d.element} ${d.detail}`);

  it('finds a wrong type, a value unknown to the version, a bad mask flag and a tag from a later version', () => {
    expect(got).toEqual([
      'type BatchCount type=TextString, spec Integer',
      'enumeration Operation Operation.Import not defined in 1.0',
      'enumeration AttributeValue CryptographicUsageMask has no value Frobnicate',
      'version AttributeReference tag not defined in 1.0 (defined in 2.0, 2.1)',
      'enumeration AttributeReference Tag.State not defined in 1.0',
      'type AsynchronousIndicator type=Enumeration, spec Boolean',
      'enumeration AsynchronousIndicator AsynchronousIndicator.Mandatory not defined in 1.0',
    ]);
    expect(r.generic).toBe(1);
    expect(r.valuesChecked).toBe(7);
  });

  it('applies exceptions and reports stale ones', () => {
    const ex: VectorException[] = [
      { kind: 'type', element: 'BatchCount', version: '1.0', file: '1.0/a.xml', reason: 'test' },
      { kind: 'type', element: 'Nothing', version: '1.0', file: '1.0/a.xml', reason: 'test' },
    ];
    const { unexplained, unused } = applyExceptions(r.disagreements, ex);
    expect(unexplained).toHaveLength(6);
    expect(unused.map((e) => e.element)).toEqual(['Nothing']);
  });
});
