/**
 * Version lookups the message layer needs, derived once from the generated spec tables (src/kmip):
 * which versions define a tag, an enumeration value, a standard attribute. No table is written here;
 * everything comes from TAG_INFO / ENUM_INFO / ATTRIBUTE_INFO.
 */
import { TAG_INFO, ENUM_INFO, ATTRIBUTE_INFO } from '../kmip/spec-tables';

/** The generated tables are arrays or name-keyed records; both read the same here. */
function entries<T>(x: readonly T[] | Readonly<Record<string, T>>): readonly T[] {
  return Array.isArray(x) ? (x as readonly T[]) : Object.values(x as Record<string, T>);
}

interface Index {
  tagVersions: Map<number, ReadonlySet<string>>;
  /** tag -> enumeration set key (normalized enumeration name) */
  tagEnum: Map<number, string>;
  /** enumeration key -> value -> versions */
  enumValues: Map<string, Map<number, Set<string>>>;
  /** lower-case attribute name (every spelling) -> versions */
  attributes: Map<string, ReadonlySet<string>>;
}

let index: Index | undefined;

function build(): Index {
  const enumValues = new Map<string, Map<number, Set<string>>>();
  const enumKeyByAnyName = new Map<string, string>();
  for (const e of entries(ENUM_INFO)) {
    if (e.kind !== 'enumeration') continue;
    const values = new Map<number, Set<string>>();
    for (const v of e.values) {
      const n = Number(v.value) >>> 0;
      const set = values.get(n) ?? new Set<string>();
      for (const ver of v.versions) set.add(ver);
      values.set(n, set);
    }
    enumValues.set(e.normalized, values);
    enumKeyByAnyName.set(e.normalized, e.normalized);
    enumKeyByAnyName.set(e.name, e.normalized);
  }
  const tagVersions = new Map<number, ReadonlySet<string>>();
  const tagEnum = new Map<number, string>();
  for (const t of entries(TAG_INFO)) {
    const tag = t.tag;
    tagVersions.set(tag, new Set(t.versions));
    const key = t.enumeration ? enumKeyByAnyName.get(t.enumeration) : undefined;
    if (key) tagEnum.set(tag, key);
  }
  const attributes = new Map<string, ReadonlySet<string>>();
  for (const a of entries(ATTRIBUTE_INFO)) {
    attributes.set(a.name.toLowerCase(), new Set(a.versions));
  }
  return { tagVersions, tagEnum, enumValues, attributes };
}

function idx(): Index {
  if (!index) index = build();
  return index;
}

/** True when version "x.y" defines the tag. Unknown tags are defined nowhere. */
export function tagDefinedIn(tag: number, version: string): boolean {
  return idx().tagVersions.get(tag)?.has(version) ?? false;
}

/** Normalized name of the enumeration a tag's Enumeration values use, if any. */
export function enumerationOfTag(tag: number): string | undefined {
  return idx().tagEnum.get(tag);
}

/** True when version "x.y" defines `value` in the enumeration; unknown enumerations answer true (nothing to check against). */
export function enumValueDefinedIn(enumeration: string, value: number, version: string): boolean {
  const values = idx().enumValues.get(enumeration);
  if (!values) return true;
  return values.get(value >>> 0)?.has(version) ?? false;
}

/** Versions that define a standard attribute (any of its spellings), or undefined for a non-standard name. */
export function attributeVersions(name: string): ReadonlySet<string> | undefined {
  return idx().attributes.get(name.toLowerCase());
}
