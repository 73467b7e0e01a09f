/**
 * Reading the attribute operations' payloads in both encodings:
 *   1.x  Attribute { Name, Index?, Value } / Attribute Name (Text String)
 *   2.x  New Attribute { <attr> } / Current Attribute { <attr> } / Attribute Reference
 * Either form is accepted in any version (clients send newer fields in older messages).
 */
import { ItemType } from '../kmip/item-type';
import { Tag, ResultReason } from '../kmip';
import { KmipError } from '../message/errors';
import { child, children, type TtlvItem } from '../ttlv/item';
import type { Attribute } from '../attributes/model';
import { canonicalName } from '../attributes/spec';
import { decodeAttribute1x, decodeAttribute2x, decodeAttributeReference } from '../attributes/convert';

/** The single attribute inside a 2.x New/Current Attribute structure. */
function inner(s: TtlvItem, what: string): Attribute {
  if (s.type !== ItemType.Structure || s.value.length !== 1) throw new KmipError(ResultReason.InvalidField, `${what} must hold exactly one attribute`);
  return decodeAttribute2x(s.value[0]);
}

export interface AttributeChange {
  /** The attribute with its new value (Add, Modify, Set). */
  attr: Attribute;
  /** True when the request gave an explicit index (1.x Attribute Index). */
  indexGiven: boolean;
  /** 2.x Current Attribute: the instance to change. */
  current?: Attribute;
}

export function readNewAttribute(payload: TtlvItem): AttributeChange {
  const a1 = child(payload, Tag.Attribute);
  if (a1) return { attr: decodeAttribute1x(a1), indexGiven: child(a1, Tag.AttributeIndex) !== undefined };
  const na = child(payload, Tag.NewAttribute);
  if (!na) throw new KmipError(ResultReason.InvalidField, 'the request has no Attribute / New Attribute');
  const ca = child(payload, Tag.CurrentAttribute);
  return { attr: inner(na, 'New Attribute'), indexGiven: false, current: ca ? inner(ca, 'Current Attribute') : undefined };
}

/** The names an operation asks about (Get Attributes): 1.x Attribute Name*, 2.x Attribute Reference*. */
export function readNames(payload: TtlvItem): string[] {
  const out: string[] = [];
  for (const n of children(payload, Tag.AttributeName)) {
    if (n.type !== ItemType.TextString) throw new KmipError(ResultReason.InvalidField, 'Attribute Name must be a Text String');
    out.push(canonicalName(n.value));
  }
  for (const r of children(payload, Tag.AttributeReference)) out.push(decodeAttributeReference(r));
  if (out.length > 1024) throw new KmipError(ResultReason.InvalidMessage, 'too many attribute names');
  // "A single Attribute Name cannot be specified more than once in a Get Attributes request" (KMIP 1.1 test
  // case 17.1, TC-171: Invalid Message).
  const seen = new Set<string>();
  for (const n of out) {
    if (seen.has(n)) throw new KmipError(ResultReason.InvalidMessage, `attribute "${n}" is named more than once`);
    seen.add(n);
  }
  return out;
}

export interface DeleteTarget {
  name: string;
  /** undefined: all instances. */
  index?: number;
  /** 2.x Current Attribute: the instance with this value. */
  value?: TtlvItem;
}

export function readDeleteTarget(payload: TtlvItem): DeleteTarget {
  const ca = child(payload, Tag.CurrentAttribute);
  if (ca) {
    const a = inner(ca, 'Current Attribute');
    return { name: a.name, value: a.value };
  }
  const ref = child(payload, Tag.AttributeReference);
  if (ref) return { name: decodeAttributeReference(ref) };
  const n = child(payload, Tag.AttributeName);
  if (!n || n.type !== ItemType.TextString) throw new KmipError(ResultReason.InvalidField, 'Delete Attribute needs an Attribute Name');
  const idx = child(payload, Tag.AttributeIndex);
  if (idx && (idx.type !== ItemType.Integer || idx.value < 0)) throw new KmipError(ResultReason.InvalidField, 'Attribute Index must be a non-negative Integer');
  return { name: canonicalName(n.value), index: idx ? (idx.value as number) : 0 };
}
