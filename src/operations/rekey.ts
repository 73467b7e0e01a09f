/**
 * Re-key (KMIP 1.0+): a new Symmetric Key replacing an existing one (KMIP 1.4 §4.4). The replacement gets
 * the old key's algorithm and length and its client attributes; the Names move to it (so a Locate by Name
 * finds the new key, as VAST expects); the two are linked (Replacement Object / Replaced Object). Dates follow
 * the specification (src/lifecycle replacementDates): without an Offset they are copied, with one the new
 * Activation Date is now + Offset and the others keep their distance to it. An Offset together with date
 * attributes in the request is an Invalid Message (error table). The old key keeps its state.
 */
import { ItemType } from '../kmip/item-type';
import { KeyFormatType, LinkType, ObjectType, Operation, ResultReason, Tag } from '../kmip';
import { KmipError } from '../message/errors';
import { T, child, type TtlvItem } from '../ttlv/item';
import { encodeTtlv } from '../ttlv/binary-writer';
import { addInstance, dateOf, instances, renumber, valuesEqual, intOf, removeAll, setSingle } from '../attributes/list';
import type { Attribute } from '../attributes/model';
import { withoutServerComputed } from '../attributes/server-set';
import type { OperationContext, OperationHandler, OperationResult } from './types';
import type { StoredObject } from '../store/port';
import { STORAGE_ATTRIBUTE, checkPolicy, isDestroyed, loadObject, nowSeconds, requestUid, saveObject, uidItem } from './common';
import { clientAttributes, createObject } from './new-object';
import { REKEY_DATE_NAMES, replacementDates, type ReKeyDates } from '../lifecycle';
import { digestOf } from './create';
import { isMultiInstance } from './attribute-rules';
import { nextGeneration, rotatedAway } from './rotation';

/** Attributes that describe the old key's history, not the new key. */
// Random Number Generator "SHALL NOT be copied from the original object in a Re-key" (2.1 §4.46): the new key's
// is the generator that made it.
const NOT_CARRIED = ['Name', 'Link', 'Activation Date', 'Compromise Occurrence Date', 'Usage Limits', 'Random Number Generator', STORAGE_ATTRIBUTE, ...REKEY_DATE_NAMES];

function link(type: number, uid: string): TtlvItem {
  return T.struct(Tag.AttributeValue, [T.enum(Tag.LinkType, type), T.text(Tag.LinkedObjectIdentifier, uid)]);
}

export const reKey: OperationHandler = {
  operation: Operation.ReKey,
  since: { major: 1, minor: 0 },
  async handle(payload: TtlvItem, ctx: OperationContext): Promise<OperationResult> {
    const uid = requestUid(payload, ctx) as string;
    const first = replaceable(ctx, uid);
    const offsetItem = child(payload, Tag.Offset);
    if (offsetItem && offsetItem.type !== ItemType.Interval) throw new KmipError(ResultReason.InvalidField, 'Offset must be an Interval');
    const offset = offsetItem?.type === ItemType.Interval ? BigInt(offsetItem.value) : undefined;
    const alg = intOf(first.attributes, 'Cryptographic Algorithm');
    const length = intOf(first.attributes, 'Cryptographic Length');
    if (alg === undefined || length === undefined) throw new KmipError(ResultReason.InvalidField, 'the key has no Cryptographic Algorithm/Length');

    const now = nowSeconds(ctx);
    const requested = clientAttributes(ctx, payload);
    if (offset !== undefined && requested.some((a) => (REKEY_DATE_NAMES as readonly string[]).includes(a.name))) {
      throw new KmipError(ResultReason.InvalidMessage, 'Offset may not be given together with Activation, Process Start, Protect Stop or Deactivation Date');
    }
    placedDates(first, offset, now); // refused before a key is generated for nothing

    const wrapped = await ctx.crypto.generateSymmetricKey(alg, length);
    const digest = await digestOf(ctx, wrapped, KeyFormatType.Raw);
    // Other requests ran while the key was generated (in the HSM's worker thread): the old key may have been
    // revoked, renamed or destroyed meanwhile. Everything below starts from the key as stored now, so that
    // writing it back cannot undo their changes (a Destroy's erasure above all); from here on nothing waits.
    const old = replaceable(ctx, uid);
    const attrs = replacementAttributes(old, uid, requested, offset, now);
    const body = T.struct(Tag.SymmetricKey, [
      T.struct(Tag.KeyBlock, [
        T.enum(Tag.KeyFormatType, KeyFormatType.Raw),
        T.struct(Tag.KeyValue, [T.bytes(Tag.KeyMaterial, Buffer.alloc(0))]),
        T.enum(Tag.CryptographicAlgorithm, alg),
        T.int(Tag.CryptographicLength, length),
      ]),
    ]);
    const fresh = createObject(
      ctx,
      { objectType: ObjectType.SymmetricKey, attributes: attrs, body, wrapped, facts: { digest, keyFormatType: KeyFormatType.Raw, generated: true } },
      (b) => encodeTtlv(b),
    );
    let oldAttrs = removeAll(old.attributes, 'Name');
    oldAttrs = removeAll(oldAttrs, 'Link').concat(instances(old.attributes, 'Link').filter((l) => !isReplacement(l)));
    oldAttrs = addInstance(oldAttrs, 'Link', link(LinkType.ReplacementObjectLink, fresh.uid)).list;
    oldAttrs = rotatedAway(oldAttrs, now);
    saveObject(ctx, { ...old, attributes: renumber(oldAttrs) });
    return { payload: [uidItem(fresh.uid)], idPlaceholder: fresh.uid };
  },
};

/** The key to replace, as stored now: present, visible and allowed to the caller, a Symmetric Key, not destroyed. */
function replaceable(ctx: OperationContext, uid: string): StoredObject {
  const old = loadObject(ctx, uid);
  checkPolicy(ctx, 'ReKey', old);
  if (old.objectType !== ObjectType.SymmetricKey) throw new KmipError(ResultReason.InvalidField, 'Re-key applies to Symmetric Keys');
  if (isDestroyed(old)) throw new KmipError(ResultReason.KeyValueNotPresent, 'the key to replace is destroyed');
  return old;
}

/** The replacement's dates (lifecycle replacementDates), or Illegal Operation when they cannot be placed. */
function placedDates(old: StoredObject, offset: bigint | undefined, now: bigint): ReKeyDates {
  const oldDates: ReKeyDates = {};
  for (const d of REKEY_DATE_NAMES) oldDates[d] = dateOf(old.attributes, d);
  const placed = replacementDates(oldDates, offset, now);
  if (!placed.ok) throw new KmipError(ResultReason.IllegalOperation, placed.message);
  return placed.dates;
}

/** The replacement's attributes: the old key's client attributes, its Names, the placed dates, the request's attributes, the links. */
function replacementAttributes(old: StoredObject, uid: string, requested: Attribute[], offset: bigint | undefined, now: bigint): Attribute[] {
  const dates = placedDates(old, offset, now);
  let attrs: Attribute[] = withoutServerComputed(old.attributes).filter((a) => !NOT_CARRIED.includes(a.name));
  for (const d of REKEY_DATE_NAMES) {
    const v = dates[d];
    if (v !== undefined) attrs = setSingle(attrs, d, T.date(Tag.AttributeValue, v));
  }
  for (const n of instances(old.attributes, 'Name')) attrs = addInstance(attrs, 'Name', n.value).list;
  // Attributes in the request: single-instance ones replace, multi-instance ones (Name) are added (TC-REKEY).
  for (const a of requested) {
    if (!isMultiInstance(a.name)) attrs = setSingle(attrs, a.name, a.value);
    else if (!instances(attrs, a.name).some((x) => valuesEqual(x.value, a.value))) attrs = addInstance(attrs, a.name, a.value).list;
  }
  attrs = addInstance(attrs, 'Link', link(LinkType.ReplacedObjectLink, uid)).list;
  // A key of a rotation set (2.1 §4.48-4.53): the replacement is the next generation and the latest.
  return nextGeneration(old.attributes, attrs);
}

function isReplacement(l: Attribute): boolean {
  const t = child(l.value, Tag.LinkType);
  return t?.type === ItemType.Enumeration && t.value === LinkType.ReplacementObjectLink;
}
