/**
 * Names for the text encodings: which tag an element name means, which enumeration or mask an
 * item's value uses, and the version-dependent names of values. Shared by XML and JSON.
 *
 * Two context rules the specification implies:
 *  - names depend on the protocol version of the message, read from its own
 *    RequestHeader/ResponseHeader ProtocolVersion (see messageVersion);
 *  - an Attribute Value's enumeration or mask is decided by the sibling Attribute Name
 *    ("Cryptographic Algorithm" → the Cryptographic Algorithm enumeration), not by the
 *    Attribute Value tag. Attribute Reference enumerations (2.x) name tags.
 */
import { Tag } from '../kmip/tags';
import { TAG_INFO, ENUM_INFO, MASK_INFO, type EnumInfo } from '../kmip/spec-tables';
import { normalizeName, hex32, parseUint32, ValueError } from './xml-values';

/** How the value of an item with a given tag is named. */
export type ValueNaming =
  | { kind: 'enumeration'; set: string }
  | { kind: 'mask'; set: string }
  | { kind: 'tag' }
  | undefined;

type Named = { name: string; versions: ReadonlySet<string> | undefined };

interface SetIndex {
  kind: 'enumeration' | 'mask';
  /** value -> names; the current spec name first, then older names, each with the versions that spell it so. */
  byValue: Map<number, Named[]>;
  /** normalized name (current or older) -> value */
  byName: Map<string, number>;
}

interface TagIndexEntry {
  names: Named[];
  naming: ValueNaming;
}

let tagIndex: Map<number, TagIndexEntry> | undefined;
let tagByNameIndex: Map<string, number> | undefined;
let setIndex: Map<string, SetIndex> | undefined;

/** Versions that spell a name the current way: all of its versions but those using an older spelling. */
function currentVersions(versions: readonly string[], otherNames: Readonly<Record<string, readonly string[]>> | undefined): Set<string> {
  const older = new Set(Object.values(otherNames ?? {}).flat());
  return new Set(versions.filter((v) => !older.has(v)));
}

function indexSet(e: EnumInfo): SetIndex {
  const idx: SetIndex = { kind: e.kind, byValue: new Map(), byName: new Map() };
  for (const v of e.values) {
    const value = v.value >>> 0;
    const list = idx.byValue.get(value) ?? [];
    list.push({ name: v.normalized, versions: currentVersions(v.versions, v.otherNames) });
    for (const [old, vs] of Object.entries(v.otherNames ?? {})) list.push({ name: old, versions: new Set(vs) });
    idx.byValue.set(value, list);
    for (const n of list) if (!idx.byName.has(n.name)) idx.byName.set(n.name, value);
  }
  return idx;
}

function build(): void {
  tagIndex = new Map();
  tagByNameIndex = new Map();
  setIndex = new Map();
  for (const e of Object.values(ENUM_INFO)) setIndex.set(e.normalized, indexSet(e));
  for (const e of Object.values(MASK_INFO)) setIndex.set(e.normalized, indexSet(e));
  for (const t of TAG_INFO) {
    const names: Named[] = [{ name: t.normalized, versions: currentVersions(t.versions, t.otherNames) }];
    for (const [old, vs] of Object.entries(t.otherNames ?? {})) names.push({ name: old, versions: new Set(vs) });
    let naming: ValueNaming;
    // 2.x Attribute Reference as an Enumeration holds a tag value (KMIP 2.0 §7.x "Attribute Reference").
    if (t.tag === Tag.AttributeReference) naming = { kind: 'tag' };
    else {
      // Fallback while the generated table misses some links: an enumeration of the tag's own name.
      const set = t.enumeration ?? (t.itemType !== 'Structure' || t.itemTypes.length > 1 ? t.normalized : undefined);
      if (set && setIndex.has(set)) naming = { kind: setIndex.get(set)!.kind, set };
    }
    tagIndex.set(t.tag, { names, naming });
    for (const n of names) if (!tagByNameIndex.has(n.name)) tagByNameIndex.set(n.name, t.tag);
  }
}

function tags(): Map<number, TagIndexEntry> {
  if (!tagIndex) build();
  return tagIndex!;
}

function sets(): Map<string, SetIndex> {
  if (!setIndex) build();
  return setIndex!;
}

/** Picks the name valid in `version`; with no version (or none valid), the newest name. */
function pick(list: Named[], version: string | undefined, strict: boolean): string | undefined {
  if (version) {
    for (const n of list) if (n.versions?.has(version)) return n.name;
    if (strict) return undefined;
  }
  return list[0]?.name;
}

/** Normalized tag name for writing. Tags are named in any version: an unknown tag gets hex. */
export function tagNameOf(tag: number, version?: string): string | undefined {
  const e = tags().get(tag);
  return e ? pick(e.names, version, false) : undefined;
}

/** Tag for an element name or a `tag` attribute: a normalized name, `0x420001`, or `x420001`. */
export function tagFromName(name: string): number | undefined {
  const hex = /^(?:0[xX]|x)([0-9a-fA-F]{6})$/.exec(name);
  if (hex) return parseInt(hex[1], 16);
  if (!tagByNameIndex) build();
  return tagByNameIndex!.get(name);
}

/** Tag an Attribute Name text designates ("Cryptographic Algorithm", or normalized), if any. */
export function tagOfAttributeName(attributeName: string): number | undefined {
  if (!tagByNameIndex) build();
  return tagByNameIndex!.get(normalizeName(attributeName));
}

/** How the value of an item is named, given the Attribute Name next to it (for Attribute Value). */
export function valueNamingOf(tag: number, attributeName: string | undefined): ValueNaming {
  if (tag === Tag.AttributeValue && attributeName !== undefined) {
    const designated = tagOfAttributeName(attributeName);
    return designated === undefined ? undefined : tags().get(designated)?.naming;
  }
  return tags().get(tag)?.naming;
}

/** Name of an enumeration value in `version`, or the `0x%08x` hex form when it has none. */
export function formatEnum(naming: ValueNaming, value: number, version: string | undefined): string {
  if (naming?.kind === 'tag') return tagNameOf(value, version) ?? hex32(value);
  if (naming?.kind === 'enumeration') {
    const list = sets().get(naming.set)?.byValue.get(value >>> 0);
    const name = list && pick(list, version, true);
    if (name) return name;
  }
  return hex32(value);
}

/** Enumeration value from a name (any version's name), hex or decimal. */
export function parseEnum(naming: ValueNaming, text: string): number {
  if (/^(0[xX][0-9a-fA-F]+|[0-9]+)$/.test(text)) return parseUint32(text, 'Enumeration');
  if (naming?.kind === 'tag') {
    const t = tagFromName(text);
    if (t !== undefined) return t;
  } else if (naming?.kind === 'enumeration') {
    const v = sets().get(naming.set)?.byName.get(text);
    if (v !== undefined) return v;
    throw new ValueError(`'${text}' is not a value of enumeration ${naming.set}`);
  }
  throw new ValueError(`'${text}' is not a known enumeration name for this item (use hex)`);
}

/** Mask value as flag names of `version` plus leftover bits in hex; 0 stays "0". */
export function formatMask(naming: ValueNaming, value: number, version: string | undefined, sep: string): string {
  const u = value >>> 0;
  if (u === 0 || naming?.kind !== 'mask') return String(value);
  const idx = sets().get(naming.set);
  const parts: string[] = [];
  let rest = u;
  for (let bit = 0; bit < 32; bit++) {
    const b = (1 << bit) >>> 0;
    if (!(u & b)) continue;
    const list = idx?.byValue.get(b);
    const name = list && pick(list, version, true);
    if (name) {
      parts.push(name);
      rest = (rest & ~b) >>> 0;
    }
  }
  if (rest !== 0) parts.push(hex32(rest));
  return parts.join(sep);
}

/** Mask from flag names and/or hex components (space- or '|'-separated), or a plain number. */
export function parseMask(naming: ValueNaming, text: string, sepRe: RegExp): number {
  const parts = text.split(sepRe).filter((p) => p.length > 0);
  if (parts.length === 0) throw new ValueError('empty mask value');
  const idx = naming?.kind === 'mask' ? sets().get(naming.set) : undefined;
  let v = 0;
  for (const p of parts) {
    if (/^0[xX][0-9a-fA-F]+$/.test(p) || /^[0-9]+$/.test(p)) v |= parseUint32(p, 'mask component');
    else {
      const bit = idx?.byName.get(p);
      if (bit === undefined) throw new ValueError(`'${p}' is not a flag of ${naming?.kind === 'mask' ? naming.set : 'this mask'}`);
      v |= bit;
    }
  }
  return v | 0;
}

/**
 * Protocol version "major.minor" of a message from its header, reading through accessor functions
 * so it works on both the XML element tree and the TtlvItem tree.
 */
export function versionFrom(major: number | undefined, minor: number | undefined): string | undefined {
  if (major === undefined || minor === undefined) return undefined;
  return `${major}.${minor}`;
}

export const MESSAGE_TAGS: ReadonlySet<number> = new Set([Tag.RequestMessage, Tag.ResponseMessage]);
export const HEADER_TAGS: ReadonlySet<number> = new Set([Tag.RequestHeader, Tag.ResponseHeader]);
