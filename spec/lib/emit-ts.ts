/**
 * Reviewed JSON data -> TypeScript sources for src/kmip/. Pure string building: the same data always
 * gives the same text, so a test can regenerate and compare with the committed files.
 */
import { normalizeName } from './normalize';
import { AttributeRuleEntry, EnumEntry, KMIP_VERSIONS, KmipVersion, TagEntry } from './model';

export interface SpecData {
  tags: TagEntry[];
  enums: EnumEntry[];
  attributes: AttributeRuleEntry[];
}

/**
 * Enumerations not emitted as a const object in enums.ts because the name is taken by another
 * module: the 2.x "Tag" enumeration is tags.ts `Tag`; the 2.x "Item Type" enumeration is item-type.ts
 * `ItemType`. Both stay in ENUM_INFO.
 */
export const CONST_NAME_TAKEN = new Set(['Tag', 'ItemType']);

const HEADER = (source: string): string =>
  `// GENERATED FILE - do not edit. Source: ${source}; generator: spec/generate.ts (npm run spec:generate).\n` +
  `/* eslint-disable */\n`;

function key(name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? name : JSON.stringify(name);
}

function versionRange(versions: readonly string[]): string {
  return versions.length === 0 ? 'no version' : versions.length === 1 ? versions[0] : versions.join(', ');
}

function comment(text: string): string {
  return text.replace(/\*\//g, '*\\/');
}

export function emitTags(data: SpecData): string {
  const lines = [HEADER('spec/data/tags.json')];
  lines.push('/** KMIP tags by normalized name (SOURCES.md §3.2 normalization of the spec name). */');
  lines.push('export const Tag = {');
  for (const t of data.tags) {
    lines.push(`  /** ${comment(t.name)} - ${t.itemType ?? 'type varies'} - KMIP ${versionRange(t.versions)} */`);
    lines.push(`  ${key(t.normalized)}: ${t.value},`);
  }
  lines.push('} as const;');
  lines.push('export type TagName = keyof typeof Tag;');
  lines.push('export type TagValue = (typeof Tag)[TagName];');
  return lines.join('\n') + '\n';
}

function emitConstObjects(enums: EnumEntry[], source: string, what: string): string {
  const lines = [HEADER(source)];
  for (const e of enums) {
    if (CONST_NAME_TAKEN.has(e.normalized)) continue;
    lines.push(`/** ${comment(e.name)} ${what} (KMIP ${versionRange(e.versions)}). */`);
    lines.push(`export const ${e.normalized} = {`);
    for (const v of e.values) {
      const dep = v.deprecatedIn ? `, deprecated in ${versionRange(v.deprecatedIn)}` : '';
      lines.push(`  /** ${comment(v.name)} - KMIP ${versionRange(v.versions)}${dep} */`);
      lines.push(`  ${key(v.normalized)}: ${v.value},`);
    }
    lines.push('} as const;');
    lines.push(`export type ${e.normalized} = (typeof ${e.normalized})[keyof typeof ${e.normalized}];`);
    lines.push('');
  }
  return lines.join('\n');
}

export function emitEnums(data: SpecData): string {
  return emitConstObjects(data.enums.filter((e) => e.kind === 'enumeration'), 'spec/data/enumerations.json', 'enumeration');
}

export function emitMasks(data: SpecData): string {
  return emitConstObjects(data.enums.filter((e) => e.kind === 'mask'), 'spec/data/masks.json', 'mask (bit flags)');
}

/**
 * Older spellings as normalized name -> the versions that use it (sorted), leaving out spellings that
 * normalize to the current name. Two spec spellings with one normalization share one entry.
 */
function normalizedOtherNames(
  names: Record<string, KmipVersion[]> | undefined, current: string,
): Record<string, KmipVersion[]> | undefined {
  const out = new Map<string, Set<KmipVersion>>();
  for (const [name, versions] of Object.entries(names ?? {})) {
    const n = normalizeName(name);
    if (n === current) continue;
    const set = out.get(n) ?? new Set<KmipVersion>();
    for (const v of versions) set.add(v);
    out.set(n, set);
  }
  if (out.size === 0) return undefined;
  const sorted: Record<string, KmipVersion[]> = {};
  for (const n of [...out.keys()].sort()) sorted[n] = KMIP_VERSIONS.filter((v) => out.get(n)!.has(v));
  return sorted;
}

function json(v: unknown): string {
  return JSON.stringify(v);
}

export function emitSpecTables(data: SpecData): string {
  const lines = [HEADER('spec/data/*.json')];
  lines.push(`import type { ItemTypeName } from './item-type';`);
  lines.push('');
  lines.push(`export const KMIP_VERSIONS = ['1.0', '1.1', '1.2', '1.3', '1.4', '2.0', '2.1'] as const;`);
  lines.push('export type KmipVersion = (typeof KMIP_VERSIONS)[number];');
  lines.push('');
  lines.push(`export interface TagInfo {
  readonly tag: number;
  /** Spec name in the newest version that defines the tag. */
  readonly name: string;
  /** Normalized CamelCase name (XML/JSON encodings). */
  readonly normalized: string;
  /** Primary item type in the newest version; null when it varies (Attribute Value). */
  readonly itemType: ItemTypeName | null;
  /** Every item type the spec tables allow for this tag (primary first). */
  readonly itemTypes: readonly ItemTypeName[];
  /** Allowed item types per version (primary first), present only when they change between versions. */
  readonly itemTypesByVersion?: Readonly<Partial<Record<KmipVersion, readonly ItemTypeName[]>>>;
  /** Primary item type per version, present only when it changes between versions. */
  readonly itemTypeByVersion?: Readonly<Partial<Record<KmipVersion, ItemTypeName>>>;
  readonly versions: readonly KmipVersion[];
  /** Normalized name of the enumeration (ENUM_INFO) or mask (MASK_INFO) the values use. */
  readonly enumeration?: string;
  /**
   * Older spellings of the tag: normalized name -> the versions whose spec uses that spelling (accepted on
   * input in any version). In those versions the spec name is the older one, not \`normalized\`.
   */
  readonly otherNames?: Readonly<Record<string, readonly KmipVersion[]>>;
}

export interface EnumValueInfo {
  readonly value: number;
  readonly name: string;
  readonly normalized: string;
  readonly versions: readonly KmipVersion[];
  /**
   * Older spellings of the value: normalized name -> the versions whose spec uses that spelling (e.g. 1.4
   * "MGF1", written "MFG1" in 2.x). Accepted on input in any version; \`enumValueName\` gives them for their versions.
   */
  readonly otherNames?: Readonly<Record<string, readonly KmipVersion[]>>;
  readonly deprecatedIn?: readonly KmipVersion[];
}

export interface EnumInfo {
  readonly name: string;
  readonly normalized: string;
  readonly kind: 'enumeration' | 'mask';
  readonly versions: readonly KmipVersion[];
  readonly values: readonly EnumValueInfo[];
}

export interface AttributeInfo {
  readonly name: string;
  readonly normalized: string;
  /** Tag of the attribute, or null (e.g. Custom Attribute, whose tag is Attribute). */
  readonly tag: number | null;
  readonly versions: readonly KmipVersion[];
  /** "Multiple instances permitted"; null when the table does not say. */
  readonly multiInstance: boolean | null;
  readonly alwaysHasValue: string | null;
  readonly initiallySetBy: string | null;
  readonly modifiableByServer: string | null;
  readonly modifiableByClient: string | null;
  readonly deletableByClient: string | null;
  readonly implicitlySetBy: string | null;
  readonly appliesTo: string | null;
  /** Derived from "Initially set by". */
  readonly clientMaySet: boolean;
  readonly serverMaySet: boolean;
  /** Derived: 'yes' (plain Yes), 'no', 'conditional' (Yes with a condition, e.g. only while Pre-Active). */
  readonly serverMayModify: 'yes' | 'no' | 'conditional' | null;
  readonly clientMayModify: 'yes' | 'no' | 'conditional' | null;
  readonly clientMayDelete: 'yes' | 'no' | 'conditional' | null;
}
`);
  lines.push('export const TAG_INFO: readonly TagInfo[] = [');
  for (const t of data.tags) {
    const parts = [
      `tag: ${t.value}`, `name: ${json(t.name)}`, `normalized: ${json(t.normalized)}`,
      `itemType: ${json(t.itemType)}`, `itemTypes: ${json(t.itemTypes)}`,
    ];
    if (t.itemTypeByVersion) parts.push(`itemTypeByVersion: ${json(t.itemTypeByVersion)}`);
    if (t.itemTypesByVersion) parts.push(`itemTypesByVersion: ${json(t.itemTypesByVersion)}`);
    parts.push(`versions: ${json(t.versions)}`);
    if (t.enumeration) parts.push(`enumeration: ${json(t.enumeration)}`);
    const other = normalizedOtherNames(t.otherNames, t.normalized);
    if (other) parts.push(`otherNames: ${json(other)}`);
    lines.push(`  { ${parts.join(', ')} },`);
  }
  lines.push('];');
  lines.push('');
  const emitEnumInfo = (constName: string, enums: EnumEntry[]): void => {
    lines.push(`export const ${constName}: Readonly<Record<string, EnumInfo>> = {`);
    for (const e of enums) {
      lines.push(`  ${key(e.normalized)}: {`);
      lines.push(`    name: ${json(e.name)}, normalized: ${json(e.normalized)}, kind: ${json(e.kind)}, versions: ${json(e.versions)},`);
      lines.push('    values: [');
      for (const v of e.values) {
        const parts = [`value: ${v.value}`, `name: ${json(v.name)}`, `normalized: ${json(v.normalized)}`, `versions: ${json(v.versions)}`];
        const other = normalizedOtherNames(v.otherNames, v.normalized);
        if (other) parts.push(`otherNames: ${json(other)}`);
        if (v.deprecatedIn) parts.push(`deprecatedIn: ${json(v.deprecatedIn)}`);
        lines.push(`      { ${parts.join(', ')} },`);
      }
      lines.push('    ],');
      lines.push('  },');
    }
    lines.push('};');
    lines.push('');
  };
  emitEnumInfo('ENUM_INFO', data.enums.filter((e) => e.kind === 'enumeration'));
  emitEnumInfo('MASK_INFO', data.enums.filter((e) => e.kind === 'mask'));
  lines.push('export const ATTRIBUTE_INFO: Readonly<Record<string, AttributeInfo>> = {');
  for (const a of data.attributes) {
    const parts = [
      `name: ${json(a.name)}`, `normalized: ${json(a.normalized)}`, `tag: ${a.tag ?? 'null'}`,
      `versions: ${json(a.versions)}`, `multiInstance: ${json(a.multiInstance)}`,
      `alwaysHasValue: ${json(a.alwaysHasValue)}`, `initiallySetBy: ${json(a.initiallySetBy)}`,
      `modifiableByServer: ${json(a.modifiableByServer)}`, `modifiableByClient: ${json(a.modifiableByClient)}`,
      `deletableByClient: ${json(a.deletableByClient)}`, `implicitlySetBy: ${json(a.implicitlySetBy)}`,
      `appliesTo: ${json(a.appliesTo)}`,
      `clientMaySet: ${json(a.clientMaySet)}`, `serverMaySet: ${json(a.serverMaySet)}`,
      `serverMayModify: ${json(a.serverMayModify)}`, `clientMayModify: ${json(a.clientMayModify)}`,
      `clientMayDelete: ${json(a.clientMayDelete)}`,
    ];
    lines.push(`  ${key(a.normalized)}: {\n    ${parts.join(',\n    ')},\n  },`);
  }
  lines.push('};');
  return lines.join('\n') + '\n';
}

/** All generated files, keyed by path relative to the project root. */
export function emitAll(data: SpecData): Record<string, string> {
  return {
    'src/kmip/tags.ts': emitTags(data),
    'src/kmip/enums.ts': emitEnums(data),
    'src/kmip/masks.ts': emitMasks(data),
    'src/kmip/spec-tables.ts': emitSpecTables(data),
  };
}
