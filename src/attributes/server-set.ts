/**
 * Attributes the server sets on a new object (KMIP 1.4 §3, 2.1 §4: "Initially set by: Server"). They are stored
 * whatever the request's version and filtered per version when sent (convert.ts emittable), so a 1.0 client
 * never sees Fresh or Original Creation Date while a 2.1 client sees them for the same object.
 */
import { Tag } from '../kmip';
import { ItemType } from '../kmip/item-type';
import { T, type TtlvItem } from '../ttlv/item';
import type { Attribute } from './model';
import { hasAttr, removeAll } from './list';

/** The attributes this server computes itself: client-supplied values for them in a template are ignored. */
export const SERVER_COMPUTED: readonly string[] = [
  'Unique Identifier',
  'Object Type',
  'State',
  'Initial Date',
  'Last Change Date',
  'Digest',
  'Destroy Date',
  'Compromise Date',
  'Archive Date',
  'Revocation Reason',
  'Key Format Type',
  'Certificate Length',
  'Always Sensitive',
  'Never Extractable',
  'Key Value Present',
  'Short Unique Identifier',
  'Lease Time',
  'Fresh',
];

export function withoutServerComputed(attrs: Attribute[]): Attribute[] {
  let out = attrs;
  for (const n of SERVER_COMPUTED) out = removeAll(out, n);
  return out;
}

const v = (item: TtlvItem): TtlvItem => ({ ...item, tag: Tag.AttributeValue }) as TtlvItem;
const one = (name: string, value: TtlvItem): Attribute => ({ name, index: 0, value: v(value) });

export interface NewObjectFacts {
  now: bigint;
  /** Digest attribute value (structure), when the value is known. */
  digest?: TtlvItem;
  /** Key Format Type of the stored key block (2.x attribute). */
  keyFormatType?: number;
  /** True when the server generated the material (Create, Re-key): Original Creation Date = now. */
  generated: boolean;
}

/**
 * Add the server-set attributes to a new object's attributes. The caller has already dropped client values
 * for SERVER_COMPUTED names (withoutServerComputed) and may have added its own (Certificate Length, ...).
 */
export function addServerAttributes(attrs: Attribute[], facts: NewObjectFacts): Attribute[] {
  let out = attrs;
  for (const n of ['Initial Date', 'Last Change Date', 'Fresh', 'Digest', 'Key Format Type', 'Always Sensitive', 'Never Extractable']) {
    out = removeAll(out, n);
  }
  const date = (n: bigint) => T.date(Tag.AttributeValue, n);
  out.push(one('Initial Date', date(facts.now)));
  out.push(one('Last Change Date', date(facts.now)));
  // Original Creation Date: a registered object may bring its own; a generated one is created now.
  if (!hasAttr(out, 'Original Creation Date') || facts.generated) {
    out = [...removeAll(out, 'Original Creation Date'), one('Original Creation Date', date(facts.now))];
  }
  out.push(one('Fresh', T.bool(Tag.AttributeValue, true)));
  if (facts.digest) out.push(one('Digest', facts.digest));
  if (facts.keyFormatType !== undefined) out.push(one('Key Format Type', T.enum(Tag.AttributeValue, facts.keyFormatType)));
  if (!hasAttr(out, 'Sensitive')) out.push(one('Sensitive', T.bool(Tag.AttributeValue, false)));
  if (!hasAttr(out, 'Extractable')) out.push(one('Extractable', T.bool(Tag.AttributeValue, true)));
  const flag = (n: string) => {
    const a = out.find((x) => x.name === n);
    return a?.value.type === ItemType.Boolean && a.value.value;
  };
  // Always Sensitive: Sensitive has always been true; Never Extractable: Extractable has never been true.
  out.push(one('Always Sensitive', T.bool(Tag.AttributeValue, flag('Sensitive'))));
  out.push(one('Never Extractable', T.bool(Tag.AttributeValue, !flag('Extractable'))));
  return out;
}
