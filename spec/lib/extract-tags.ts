/** Tags, enumerations and masks from the tag and "Name | Value" tables of every version. */
import { SpecTable } from './html-tables';
import { EnumEntry, EnumValueEntry, KmipVersion, TagEntry } from './model';
import { normalizeName } from './normalize';
import {
  addOtherName, addVersion, cite, hexTag, hexValue, isPlaceholderName, parseHexCell, splitSection, VersionTables,
} from './spec-source';

function isTagTable(t: SpecTable): boolean {
  const [, title] = splitSection(t.section);
  return title === 'Tags' || title === 'Tag Enumeration';
}

export function extractTags(all: VersionTables[], notes: string[]): TagEntry[] {
  const byValue = new Map<number, TagEntry>();
  // Newest version first, so the canonical name is the newest spec name.
  for (const { version, tables } of [...all].reverse()) {
    const tt = tables.filter(isTagTable);
    if (tt.length === 0) notes.push(`KMIP ${version}: no tag table found`);
    for (const t of tt) {
      for (const row of t.rows) {
        if (row.length < 2) continue;
        const name = row[0].replace(/\s+/g, ' ').trim();
        const value = parseHexCell(row[1], 6);
        if (value === undefined || isPlaceholderName(name)) {
          if (value !== undefined && /^Reserved$/i.test(name)) notes.push(`KMIP ${version}: tag ${hexTag(value)} "${name}" is not a tag name; skipped`);
          continue;
        }
        let e = byValue.get(value);
        if (!e) {
          e = {
            name, normalized: normalizeName(name), value: hexTag(value), itemType: null, itemTypes: [], versions: [],
            sources: { tag: [], itemType: [] },
          };
          byValue.set(value, e);
        }
        addOtherName(e, name, version);
        addVersion(e, version);
        if (/deprecated/i.test(row[1])) (e.deprecatedIn ??= []).push(version);
        const c = cite(version, t);
        if (!e.sources.tag.includes(c)) e.sources.tag.push(c);
      }
    }
  }
  const tags = [...byValue.values()].sort((a, b) => parseInt(a.value, 16) - parseInt(b.value, 16));
  const names = new Map<string, TagEntry>();
  for (const t of tags) {
    t.versions.sort();
    t.deprecatedIn?.sort();
    t.sources.tag.sort();
    const prev = names.get(t.normalized);
    if (prev) notes.push(`tags ${prev.value} and ${t.value} share the normalized name ${t.normalized}`);
    names.set(t.normalized, t);
  }
  return tags;
}

/** Index of the "Name | Value" header row, or -1. */
function headerIndex(t: SpecTable): number {
  return t.rows.findIndex((r) => r.length >= 2 && /^Name$/i.test(r[0]) && /^Value$/i.test(r[1]));
}

/**
 * Enumeration and mask tables: a heading "... Enumeration" (1.x §9.1.3.2, 2.x §11) or a mask heading
 * (1.x §9.1.3.3, 2.x §12) over a "Name | Value" table. The 2.x Tag Enumeration is kept too (values are
 * tags; Attribute Reference uses it). Extension ranges (8XXXXXXX) and reserved ranges are not values.
 */
export function extractEnums(all: VersionTables[], notes: string[]): EnumEntry[] {
  const byName = new Map<string, EnumEntry>();
  for (const { version, tables } of [...all].reverse()) {
    for (const t of tables) {
      const [num, title] = splitSection(t.section);
      const isEnum = /\sEnumeration$/.test(title);
      const isMask = /^(9\.1\.3\.3|12)\./.test(num) && /Mask$/.test(title);
      if (!isEnum && !isMask) continue;
      const h = headerIndex(t);
      if (h < 0) continue;
      const enumName = isEnum ? title.replace(/\s+Enumeration$/, '') : title;
      const digits = enumName === 'Tag' ? 6 : 8;
      const normalized = normalizeName(enumName);
      let e = byName.get(normalized);
      if (!e) {
        e = { name: enumName, normalized, kind: isMask ? 'mask' : 'enumeration', versions: [], values: [], sources: [] };
        byName.set(normalized, e);
      }
      addVersion(e, version);
      e.sources.push(cite(version, t));
      for (const row of t.rows.slice(h + 1)) {
        if (row.length < 2) continue;
        const name = row[0].replace(/\s+/g, ' ').trim();
        const value = parseHexCell(row[1], digits);
        if (value === undefined || isPlaceholderName(name)) {
          if (!isPlaceholderName(name) && !/X/i.test(row[1])) {
            notes.push(`KMIP ${version} ${enumName}: skipped row "${name} | ${row[1]}"`);
          }
          continue;
        }
        let v = e.values.find((x) => parseInt(x.value, 16) === value);
        if (!v) {
          v = { name, normalized: normalizeName(name), value: hexValue(value), versions: [] };
          e.values.push(v);
        }
        addOtherName(v, name, version);
        addVersion(v, version);
        if (/deprecated/i.test(row[1])) (v.deprecatedIn ??= []).push(version);
      }
    }
  }
  const enums = [...byName.values()].sort((a, b) => a.normalized.localeCompare(b.normalized));
  for (const e of enums) {
    e.versions.sort();
    e.sources.sort();
    e.values.sort((a, b) => parseInt(a.value, 16) - parseInt(b.value, 16));
    const seen = new Map<string, EnumValueEntry>();
    for (const v of e.values) {
      v.versions.sort();
      v.deprecatedIn?.sort();
      const prev = seen.get(v.normalized);
      if (prev) notes.push(`${e.name}: normalized name ${v.normalized} used by ${prev.value} and ${v.value}`);
      seen.set(v.normalized, v);
    }
  }
  return enums;
}

export type { KmipVersion };
