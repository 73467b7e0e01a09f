/**
 * KMIP constants and metadata generated from spec/data (see spec/generate.ts), plus lookup functions.
 * The lookups only index the generated tables: Maps are built once, on first use.
 */
import {
  ATTRIBUTE_INFO, AttributeInfo, ENUM_INFO, EnumInfo, EnumValueInfo, KMIP_VERSIONS, KmipVersion, MASK_INFO,
  TAG_INFO, TagInfo,
} from './spec-tables';

export * from './item-type';
export * from './tags';
export * from './enums';
export * from './masks';
export { ATTRIBUTE_INFO, ENUM_INFO, KMIP_VERSIONS, MASK_INFO, TAG_INFO };
export type { AttributeInfo, EnumInfo, EnumValueInfo, KmipVersion, TagInfo };

interface EnumIndex {
  byValue: Map<number, EnumValueInfo>;
  byName: Map<string, EnumValueInfo>;
}

interface Index {
  tagByValue: Map<number, TagInfo>;
  tagByNormalized: Map<string, TagInfo>;
  tagBySpecName: Map<string, TagInfo>;
  enumByName: Map<string, EnumInfo>;
  enums: Map<EnumInfo, EnumIndex>;
  attributes: Map<string, AttributeInfo>;
  versionOrder: Map<string, number>;
}

let index: Index | undefined;

function specKey(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLowerCase();
}

function build(): Index {
  const tagByValue = new Map<number, TagInfo>();
  const tagByNormalized = new Map<string, TagInfo>();
  const tagBySpecName = new Map<string, TagInfo>();
  for (const t of TAG_INFO) {
    tagByValue.set(t.tag, t);
    tagBySpecName.set(specKey(t.name), t);
    for (const n of Object.keys(t.otherNames ?? {})) if (!tagByNormalized.has(n)) tagByNormalized.set(n, t);
  }
  // Current names win over older names of another tag.
  for (const t of TAG_INFO) tagByNormalized.set(t.normalized, t);
  const enumByName = new Map<string, EnumInfo>();
  const enums = new Map<EnumInfo, EnumIndex>();
  for (const e of [...Object.values(ENUM_INFO), ...Object.values(MASK_INFO)]) {
    enumByName.set(e.normalized, e);
    const byValue = new Map<number, EnumValueInfo>();
    const byName = new Map<string, EnumValueInfo>();
    for (const v of e.values) {
      byValue.set(v.value, v);
      for (const n of Object.keys(v.otherNames ?? {})) if (!byName.has(n)) byName.set(n, v);
    }
    for (const v of e.values) byName.set(v.normalized, v);
    enums.set(e, { byValue, byName });
  }
  const attributes = new Map<string, AttributeInfo>();
  for (const a of Object.values(ATTRIBUTE_INFO)) {
    attributes.set(a.normalized, a);
    attributes.set(specKey(a.name), a);
  }
  const versionOrder = new Map<string, number>(KMIP_VERSIONS.map((v, i) => [v, i]));
  return { tagByValue, tagByNormalized, tagBySpecName, enumByName, enums, attributes, versionOrder };
}

function idx(): Index {
  return (index ??= build());
}

/** Metadata of a tag by its numeric value (e.g. 0x420094), or undefined for unknown/extension tags. */
export function tagInfo(tag: number): TagInfo | undefined {
  return idx().tagByValue.get(tag);
}

/** Tag by normalized CamelCase name ("UniqueIdentifier"); older spec names are accepted too. */
export function tagByName(normalized: string): TagInfo | undefined {
  return idx().tagByNormalized.get(normalized);
}

/** Tag by spec name ("Unique Identifier"), case- and space-insensitive. */
export function tagBySpecName(name: string): TagInfo | undefined {
  return idx().tagBySpecName.get(specKey(name));
}

/** Enumeration or mask by normalized name ("ObjectType", "CryptographicUsageMask"). */
export function enumInfo(normalized: string): EnumInfo | undefined {
  return idx().enumByName.get(normalized);
}

/**
 * The enumeration (or mask) whose values a tag carries: ObjectType tag -> Object Type enumeration,
 * CryptographicUsageMask tag -> Cryptographic Usage Mask. Undefined if the tag has none.
 */
export function enumForTag(tag: number): EnumInfo | undefined {
  const t = idx().tagByValue.get(tag);
  return t?.enumeration === undefined ? undefined : idx().enumByName.get(t.enumeration);
}

/** True if the tag is defined in the given protocol version ('1.0' .. '2.1'). */
export function isTagDefinedIn(tag: number, version: KmipVersion | string): boolean {
  const t = idx().tagByValue.get(tag);
  return t !== undefined && (t.versions as readonly string[]).includes(version);
}

function valueOf(e: EnumInfo, value: number): EnumValueInfo | undefined {
  return idx().enums.get(e)?.byValue.get(value >>> 0) ?? idx().enums.get(e)?.byValue.get(value);
}

/** True if the enumeration value is defined in the given version. */
export function isEnumValueDefinedIn(e: EnumInfo, value: number, version: KmipVersion | string): boolean {
  const v = valueOf(e, value);
  return v !== undefined && (v.versions as readonly string[]).includes(version);
}

/** The spelling a version's spec uses: an older name listed for that version, else the current name. */
function nameIn(current: string, otherNames: Readonly<Record<string, readonly KmipVersion[]>> | undefined, version: string): string {
  for (const [name, versions] of Object.entries(otherNames ?? {})) {
    if ((versions as readonly string[]).includes(version)) return name;
  }
  return current;
}

/**
 * Normalized name of an enumeration value. With a version: the name that version's spec uses (1.4 "MGF1"
 * where 2.x writes "MFG1"), or undefined if that version does not define the value; without: the newest
 * name. Extension values (0x8XXXXXXX) are not values of any enumeration and give undefined.
 */
export function enumValueName(e: EnumInfo, value: number, version?: KmipVersion | string): string | undefined {
  const v = valueOf(e, value);
  if (v === undefined) return undefined;
  if (version === undefined) return v.normalized;
  if (!(v.versions as readonly string[]).includes(version)) return undefined;
  return nameIn(v.normalized, v.otherNames, version);
}

/**
 * Normalized name of a tag. With a version: the name that version's spec uses, or undefined if that
 * version does not define the tag; without: the newest name. Undefined for unknown tags.
 */
export function tagName(tag: number, version?: KmipVersion | string): string | undefined {
  const t = idx().tagByValue.get(tag);
  if (t === undefined) return undefined;
  if (version === undefined) return t.normalized;
  if (!(t.versions as readonly string[]).includes(version)) return undefined;
  return nameIn(t.normalized, t.otherNames, version);
}

/** Numeric value of an enumeration value by normalized name (current or older spec name). */
export function enumValueByName(e: EnumInfo, normalized: string): number | undefined {
  return idx().enums.get(e)?.byName.get(normalized)?.value;
}

/** Attribute rules by normalized name ("CryptographicUsageMask") or spec name ("Cryptographic Usage Mask"). */
export function attributeInfo(name: string): AttributeInfo | undefined {
  return idx().attributes.get(name) ?? idx().attributes.get(specKey(name));
}

/** Compare two protocol versions: negative if a < b. Unknown versions sort last. */
export function compareVersions(a: KmipVersion | string, b: KmipVersion | string): number {
  const o = idx().versionOrder;
  return (o.get(a) ?? Infinity) - (o.get(b) ?? Infinity);
}
