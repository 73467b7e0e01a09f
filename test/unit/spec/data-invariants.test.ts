/**
 * Invariants of the committed data in spec/data/: every entry cites its source tables, versions are
 * consistent, and names are the normalization of the spec names.
 */
import * as path from 'path';
import { readData } from '../../../spec/lib/data-io';
import { KMIP_VERSIONS } from '../../../spec/lib/model';
import { normalizeName } from '../../../spec/lib/normalize';
import { ROOT } from './shared';

const data = readData(path.join(ROOT, 'spec', 'data'));
const CITATION = /^KMIP (1\.[0-4]|2\.[01]) (§[\d.]+|"[^"]+") /;
const ITEM_TYPES = ['Structure', 'Integer', 'LongInteger', 'BigInteger', 'Enumeration', 'Boolean', 'TextString', 'ByteString', 'DateTime', 'Interval', 'DateTimeExtended'];

describe('spec/data invariants', () => {
  it('has the expected scale', () => {
    expect(data.tags.length).toBeGreaterThan(350);
    expect(data.enums.filter((e) => e.kind === 'enumeration').length).toBeGreaterThan(55);
    expect(data.enums.filter((e) => e.kind === 'mask').length).toBe(3);
    expect(data.attributes.length).toBeGreaterThan(60);
  });

  it('cites the tag table of every version that defines a tag, and the source of its type', () => {
    for (const t of data.tags) {
      expect(t.sources.tag.length).toBe(t.versions.length);
      for (const c of t.sources.tag) expect(c).toMatch(CITATION);
      for (const v of t.versions) expect(t.sources.tag.some((c) => c.startsWith(`KMIP ${v} `))).toBe(true);
      if (t.itemType !== null || t.itemTypeVaries) expect(t.sources.itemType.length).toBeGreaterThan(0);
      for (const c of t.sources.itemType) expect(c).toMatch(/^(KMIP |reviewed)/);
      if (t.enumeration) expect(t.sources.enumeration?.length).toBeGreaterThan(0);
    }
  });

  it('gives valid item types, normalized names and sorted versions', () => {
    for (const t of data.tags) {
      if (t.itemType !== null) expect(ITEM_TYPES).toContain(t.itemType);
      if (t.itemType !== null) expect(t.itemTypes[0]).toBe(t.itemType);
      for (const x of t.itemTypes) expect(ITEM_TYPES).toContain(x);
      expect(t.normalized).toBe(normalizeName(t.name));
      expect(t.versions).toEqual(KMIP_VERSIONS.filter((v) => t.versions.includes(v)));
      expect(parseInt(t.value, 16)).toBeGreaterThanOrEqual(0x420001);
    }
  });

  it('cites every enumeration table and keeps value versions inside the enumeration versions', () => {
    for (const e of data.enums) {
      expect(e.sources.length).toBe(e.versions.length);
      for (const c of e.sources) expect(c).toMatch(CITATION);
      expect(e.normalized).toBe(normalizeName(e.name));
      for (const v of e.values) {
        expect(v.normalized).toBe(normalizeName(v.name));
        for (const ver of v.versions) expect(e.versions).toContain(ver);
        if (e.normalized !== 'Tag') expect(parseInt(v.value, 16)).toBeLessThan(0x80000000);
      }
      expect(new Set(e.values.map((v) => v.value)).size).toBe(e.values.length);
      expect(new Set(e.values.map((v) => v.normalized)).size).toBe(e.values.length);
    }
  });

  it('has mask flags that are single bits', () => {
    for (const m of data.enums.filter((e) => e.kind === 'mask')) {
      for (const v of m.values) {
        const n = parseInt(v.value, 16);
        expect(n & (n - 1)).toBe(0);
      }
    }
  });

  it('cites every attribute rules table and links attributes to tags', () => {
    const tagValues = new Set(data.tags.map((t) => t.value));
    for (const a of data.attributes) {
      expect(a.sources.length).toBe(a.versions.length);
      for (const c of a.sources) expect(c).toMatch(CITATION);
      if (a.tag !== null) expect(tagValues.has(a.tag)).toBe(true);
    }
    expect(data.attributes.filter((a) => a.tag === null).map((a) => a.name)).toEqual(['Certificate Attributes']);
  });

  it('keeps the 2.x Tag enumeration in step with the tag list', () => {
    const tagEnum = data.enums.find((e) => e.normalized === 'Tag')!;
    for (const v of tagEnum.values) {
      const t = data.tags.find((x) => parseInt(x.value, 16) === parseInt(v.value, 16))!;
      expect(t.normalized).toBe(v.normalized);
      expect(t.versions.filter((x) => x >= '2.0')).toEqual(v.versions);
    }
  });
});
