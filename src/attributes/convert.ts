/**
 * Conversion between the wire forms of attributes and the internal model (model.ts), per protocol version.
 *
 *  KMIP 1.x: Attribute { Attribute Name, Attribute Index?, Attribute Value }, grouped in Template-Attribute
 *            (Name* referencing templates, then Attribute*) and its Common/Private/Public variants.
 *  KMIP 2.x: Attributes { <attribute tags directly> }, custom ones as Attribute { Vendor Identification,
 *            Attribute Name, Attribute Value }; Attribute Reference (a Tag enumeration or a vendor
 *            {Vendor Identification, Attribute Name}); Current/New Attribute hold one attribute.
 *
 * Custom names: the 1.x name "x-Foo" is Vendor Identification "x" + Attribute Name "Foo" in 2.x (as in the
 * OASIS SKFF-M-9/10 vectors of 1.4 and 2.1).
 *
 * Decoding is lenient about version (a 2.x Attributes structure in a 1.x message is read too) but strict about
 * shape; encoding emits only what the version defines.
 */
import { ItemType } from '../kmip/item-type';
import { Tag, ResultReason, tagInfo } from '../kmip';
import { KmipError } from '../message/errors';
import { T, child, children, type TtlvItem } from '../ttlv/item';
import type { Attribute } from './model';
import {
  attributeDefinedIn,
  attributeSpec,
  attributeSpecByTag,
  canonicalName,
  isCustomName,
  versionKey,
  type VersionLike,
} from './spec';

/** Upper bound on attributes in one request (bad input never grows memory without bound). */
export const MAX_ATTRIBUTES_PER_REQUEST = 1024;

function asValue(item: TtlvItem): TtlvItem {
  return { ...item, tag: Tag.AttributeValue } as TtlvItem;
}

function textOf(item: TtlvItem | undefined, what: string): string {
  if (!item || item.type !== ItemType.TextString) throw new KmipError(ResultReason.InvalidField, `${what} must be a Text String`);
  return item.value;
}

/** Check a standard attribute's value has the item type the specification gives its tag. */
function checkType(name: string, value: TtlvItem): void {
  const spec = attributeSpec(name);
  if (!spec) return;
  const info = tagInfo(spec.tag);
  const allowed = info?.itemTypes ?? [];
  if (allowed.length === 0) return; // the specification lets the type vary
  const types = allowed.map((n) => (ItemType as Record<string, number>)[n]);
  if (!types.includes(value.type)) {
    throw new KmipError(ResultReason.InvalidField, `attribute "${spec.name}" has the wrong item type`);
  }
}

/** One 1.x Attribute structure. */
export function decodeAttribute1x(item: TtlvItem): Attribute {
  if (item.type !== ItemType.Structure) throw new KmipError(ResultReason.InvalidField, 'Attribute must be a Structure');
  const rawName = textOf(child(item, Tag.AttributeName), 'Attribute Name');
  const idx = child(item, Tag.AttributeIndex);
  let index = 0;
  if (idx) {
    if (idx.type !== ItemType.Integer || idx.value < 0) throw new KmipError(ResultReason.InvalidField, 'Attribute Index must be a non-negative Integer');
    index = idx.value;
  }
  const v = child(item, Tag.AttributeValue);
  if (!v) throw new KmipError(ResultReason.InvalidField, `attribute "${rawName}" has no Attribute Value`);
  const name = canonicalName(rawName);
  checkType(name, v);
  return { name, index, value: asValue(v) };
}

export function encodeAttribute1x(a: Attribute, withIndex = true): TtlvItem {
  const fields: TtlvItem[] = [T.text(Tag.AttributeName, a.name)];
  // Index 0 is the default; we send it only for the further instances of a multi-instance attribute.
  if (withIndex && a.index > 0) fields.push(T.int(Tag.AttributeIndex, a.index));
  fields.push(asValue(a.value));
  return T.struct(Tag.Attribute, fields);
}

/** A custom attribute's 2.x parts: "x-Foo" -> ["x", "Foo"]. */
export function splitCustomName(name: string): [string, string] {
  const i = name.indexOf('-');
  return i > 0 ? [name.slice(0, i), name.slice(i + 1)] : ['', name];
}

function vendorName(s: TtlvItem): string {
  const vendor = textOf(child(s, Tag.VendorIdentification), 'Vendor Identification');
  const name = textOf(child(s, Tag.AttributeName), 'Attribute Name');
  return vendor === '' ? name : `${vendor}-${name}`;
}

/** One attribute as it appears inside a 2.x Attributes / New Attribute / Current Attribute structure. */
export function decodeAttribute2x(item: TtlvItem, index = 0): Attribute {
  if (item.tag === Tag.Attribute) {
    // Vendor attribute; a 1.x-shaped Attribute (Attribute Name without Vendor Identification) is also accepted.
    if (!child(item, Tag.VendorIdentification)) return decodeAttribute1x(item);
    const v = child(item, Tag.AttributeValue);
    if (!v) throw new KmipError(ResultReason.InvalidField, 'vendor Attribute has no Attribute Value');
    return { name: vendorName(item), index, value: asValue(v) };
  }
  const spec = attributeSpecByTag(item.tag);
  if (!spec) throw new KmipError(ResultReason.InvalidField, `tag 0x${item.tag.toString(16)} is not an attribute`);
  checkType(spec.name, item);
  return { name: spec.name, index, value: asValue(item) };
}

export function encodeAttribute2x(a: Attribute): TtlvItem {
  const spec = attributeSpec(a.name);
  if (spec) return { ...a.value, tag: spec.tag } as TtlvItem;
  const [vendor, name] = splitCustomName(a.name);
  return T.struct(Tag.Attribute, [T.text(Tag.VendorIdentification, vendor), T.text(Tag.AttributeName, name), asValue(a.value)]);
}

/** Assign indexes in order of appearance for attributes that came without one (2.x has no Attribute Index). */
function numberInstances(attrs: Attribute[]): Attribute[] {
  const seen = new Map<string, number>();
  return attrs.map((a) => {
    const key = a.name.toLowerCase();
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    return { ...a, index: n };
  });
}

function bounded(items: TtlvItem[]): TtlvItem[] {
  if (items.length > MAX_ATTRIBUTES_PER_REQUEST) throw new KmipError(ResultReason.InvalidMessage, 'too many attributes in one request');
  return items;
}

/** A 2.x Attributes-like structure (Attributes, Common Attributes, ...): its children. */
export function decodeAttributes2x(s: TtlvItem): Attribute[] {
  if (s.type !== ItemType.Structure) throw new KmipError(ResultReason.InvalidField, 'Attributes must be a Structure');
  return numberInstances(bounded(s.value).map((c) => decodeAttribute2x(c)));
}

export function encodeAttributes2x(tag: number, attrs: Attribute[], version: VersionLike): TtlvItem {
  return T.struct(tag, emittable(attrs, version).map(encodeAttribute2x));
}

export interface TemplateContent {
  /** Names of templates referenced (1.x Template-Attribute Name fields); the caller resolves them. */
  templateNames: TtlvItem[];
  attributes: Attribute[];
}

/** A 1.x Template-Attribute-like structure. Attribute Index in requests is informative only (we accept 0). */
export function decodeTemplateAttribute(s: TtlvItem): TemplateContent {
  if (s.type !== ItemType.Structure) throw new KmipError(ResultReason.InvalidField, 'Template-Attribute must be a Structure');
  bounded(s.value);
  const attributes = numberInstances(children(s, Tag.Attribute).map(decodeAttribute1x));
  return { templateNames: children(s, Tag.Name), attributes };
}

export type AttributeGroup = 'object' | 'common' | 'private' | 'public';

const GROUP_TAGS: Record<AttributeGroup, { v1: string; v2: string }> = {
  object: { v1: 'TemplateAttribute', v2: 'Attributes' },
  common: { v1: 'CommonTemplateAttribute', v2: 'CommonAttributes' },
  private: { v1: 'PrivateKeyTemplateAttribute', v2: 'PrivateKeyAttributes' },
  public: { v1: 'PublicKeyTemplateAttribute', v2: 'PublicKeyAttributes' },
};

/**
 * The attributes a request payload carries for a group, in either encoding. Attributes of the 2.x structure
 * and of the 1.x Template-Attribute are merged (a client may send either, whatever the version).
 */
export function requestAttributes(payload: TtlvItem, group: AttributeGroup = 'object'): TemplateContent {
  const tags = Tag as unknown as Record<string, number>;
  const out: TemplateContent = { templateNames: [], attributes: [] };
  const v1 = child(payload, tags[GROUP_TAGS[group].v1]);
  if (v1) {
    const t = decodeTemplateAttribute(v1);
    out.templateNames.push(...t.templateNames);
    out.attributes.push(...t.attributes);
  }
  const v2 = child(payload, tags[GROUP_TAGS[group].v2]);
  if (v2) out.attributes.push(...decodeAttributes2x(v2));
  return out;
}

/**
 * A value as the version defines it. The one structured attribute whose fields changed: Digest gained Key
 * Format Type in KMIP 1.1 (1.0 §3.16 Table 53 has Hashing Algorithm and Digest Value only).
 */
function valueFor(a: Attribute, version: VersionLike): Attribute {
  if (a.name === 'Digest' && version.major === 1 && version.minor === 0 && a.value.type === ItemType.Structure) {
    return { ...a, value: { ...a.value, value: a.value.value.filter((c) => c.tag !== Tag.KeyFormatType) } };
  }
  return a;
}

/** Only attributes the version defines (custom ones always), in that version's shape, for any response. */
export function emittable(attrs: Attribute[], version: VersionLike): Attribute[] {
  return attrs.filter((a) => attributeDefinedIn(a.name, version)).map((a) => valueFor(a, version));
}

/** A Get Attributes / Locate-style list of attributes in the version's encoding: 1.x Attribute*, 2.x one Attributes. */
export function encodeAttributeList(attrs: Attribute[], version: VersionLike): TtlvItem[] {
  const list = emittable(attrs, version);
  if (version.major >= 2) return [T.struct(Tag.Attributes, list.map(encodeAttribute2x))];
  return list.map((a) => encodeAttribute1x(a));
}

/**
 * A 2.x Attribute Reference: an Enumeration whose value is the attribute's tag, or a vendor structure.
 * Returns the attribute name.
 */
export function decodeAttributeReference(item: TtlvItem): string {
  if (item.type === ItemType.Enumeration) {
    const spec = attributeSpecByTag(item.value);
    if (!spec) throw new KmipError(ResultReason.InvalidField, `Attribute Reference 0x${item.value.toString(16)} is not an attribute`);
    return spec.name;
  }
  if (item.type === ItemType.Structure) return vendorName(item);
  if (item.type === ItemType.TextString) return canonicalName(item.value); // tolerate a 1.x-style name
  throw new KmipError(ResultReason.InvalidField, 'Attribute Reference must be an Enumeration or a Structure');
}

export function encodeAttributeReference(name: string): TtlvItem {
  const spec = attributeSpec(name);
  if (spec) return T.enum(Tag.AttributeReference, spec.tag);
  const [vendor, n] = splitCustomName(name);
  return T.struct(Tag.AttributeReference, [T.text(Tag.VendorIdentification, vendor), T.text(Tag.AttributeName, n)]);
}

/** True when the name is a standard attribute or a custom one; false for anything else. */
export function isKnownAttributeName(name: string): boolean {
  return attributeSpec(name) !== undefined || isCustomName(name);
}

export { versionKey };
