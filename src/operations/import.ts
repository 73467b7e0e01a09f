/**
 * Import (KMIP 1.4+, 2.1 §6.1.25): store an object under the Unique Identifier the client gives, with exactly
 * the attributes supplied (the server sets none of its own, §6.1.25: "all attributes MUST be set to the
 * supplied values"), e.g. to restore what Export produced. The object value is taken as Register takes it.
 * An existing object with that identifier is Object Already Exists unless Replace Existing is true, and only
 * its owner may replace it. A wrapped object with Key Wrap Type Not Wrapped (unwrap before storing) is not
 * supported. State comes from the State attribute when given, else from the dates as for a new object.
 */
import { ItemType } from '../kmip/item-type';
import { KeyWrapType, Operation, ResultReason, State, Tag } from '../kmip';
import { KmipError } from '../message/errors';
import { T, child, children, type TtlvItem } from '../ttlv/item';
import { encodeTtlv } from '../ttlv/binary-writer';
import { decodeAttribute1x, decodeAttributes2x } from '../attributes/convert';
import { dateOf, findAttr, removeAll, renumber, setSingle } from '../attributes/list';
import type { Attribute } from '../attributes/model';
import { SHORT_UID, isDerivedShortUid } from '../attributes/short-uid';
import { initialState } from '../lifecycle';
import type { StoredObject } from '../store/port';
import type { OperationContext, OperationHandler, OperationResult } from './types';
import { STORAGE_ATTRIBUTE, STORAGE_ONLINE, checkAttributeCount, checkPolicy, enumValue, nowSeconds, reasonFor, uidItem } from './common';
import { objectTagOf, splitObject, wrapSecret } from './objects';

/** Identifiers the client chooses are bounded like any text we keep. */
const MAX_UID_LENGTH = 256;
const COLUMN_ATTRIBUTES = ['Unique Identifier', 'Object Type', 'State'];

function suppliedAttributes(payload: TtlvItem): Attribute[] {
  const attrs = children(payload, Tag.Attribute).map(decodeAttribute1x);
  const v2 = child(payload, Tag.Attributes);
  if (v2) attrs.push(...decodeAttributes2x(v2));
  return renumber(attrs);
}

export const importObject: OperationHandler = {
  operation: Operation.Import,
  since: { major: 1, minor: 4 },
  async handle(payload: TtlvItem, ctx: OperationContext): Promise<OperationResult> {
    const u = child(payload, Tag.UniqueIdentifier);
    if (!u || u.type !== ItemType.TextString || u.value.length === 0 || u.value.length > MAX_UID_LENGTH) {
      throw new KmipError(ResultReason.InvalidField, `Unique Identifier (Text String, 1..${MAX_UID_LENGTH} characters) is required`);
    }
    const uid = u.value;
    const objectType = enumValue(child(payload, Tag.ObjectType), 'Object Type');
    const objTag = objectType === undefined ? undefined : objectTagOf(objectType);
    if (objectType === undefined || objTag === undefined) {
      throw new KmipError(reasonFor(ctx, ResultReason.InvalidObjectType, ResultReason.InvalidField), 'a known Object Type is required');
    }
    const obj = child(payload, objTag);
    if (!obj) throw new KmipError(ResultReason.InvalidField, 'the object named by Object Type is missing from the request');
    const replace = child(payload, Tag.ReplaceExisting);
    if (replace && replace.type !== ItemType.Boolean) throw new KmipError(ResultReason.InvalidField, 'Replace Existing must be a Boolean');
    const wrapType = enumValue(child(payload, Tag.KeyWrapType), 'Key Wrap Type');
    if (wrapType === KeyWrapType.NotWrapped && child(child(obj, Tag.KeyBlock), Tag.KeyWrappingData)) {
      throw new KmipError(ResultReason.FeatureNotSupported, 'unwrapping an imported object is not supported');
    }
    checkPolicy(ctx, 'Import');
    const replacing = replace?.type === ItemType.Boolean && replace.value;
    replaceable(ctx, uid, replacing);
    let attrs = suppliedAttributes(payload);
    const stateAttr = findAttr(attrs, 'State');
    const now = nowSeconds(ctx);
    let state = initialState(dateOf(attrs, 'Activation Date'), now) as number;
    if (stateAttr) {
      if (stateAttr.value.type !== ItemType.Enumeration || !(Object.values(State) as number[]).includes(stateAttr.value.value)) {
        throw new KmipError(ResultReason.InvalidField, 'State must be a State enumeration value');
      }
      state = stateAttr.value.value;
    }
    for (const n of COLUMN_ATTRIBUTES) attrs = removeAll(attrs, n);
    // A Short Unique Identifier equal to the one derived from the uid is not stored (attributes/short-uid.ts);
    // another value (from a server that derives it otherwise) is kept and answered instead.
    const suid = findAttr(attrs, SHORT_UID);
    if (suid && isDerivedShortUid(uid, suid.value)) attrs = removeAll(attrs, SHORT_UID);
    attrs = setSingle(attrs, STORAGE_ATTRIBUTE, T.int(Tag.AttributeValue, STORAGE_ONLINE));
    const split = splitObject(objectType, obj);
    const wrapped = await wrapSecret(ctx.crypto, split);
    // Checked again as stored now: another request may have made or removed the object while the HSM wrapped.
    const existing = replaceable(ctx, uid, replacing);
    const stored: StoredObject = {
      uid,
      objectType,
      state,
      attributes: attrs,
      body: encodeTtlv(split.body),
      material: wrapped ? wrapped.wrapped : null,
      kekId: wrapped ? wrapped.kekId : null,
      owner: ctx.principal,
      tenant: ctx.tenant,
    };
    checkAttributeCount(stored.attributes.length, uid);
    if (existing) {
      if (existing.material && existing.kekId) ctx.crypto.forget?.({ wrapped: existing.material, kekId: existing.kekId });
      ctx.store.remove(uid, ctx.journal);
    }
    ctx.store.insert(stored, ctx.journal);
    return { payload: [uidItem(uid)], idPlaceholder: uid };
  },
};

/** The object an Import would replace (undefined: none), or the error that refuses the Import. */
function replaceable(ctx: OperationContext, uid: string, replacing: boolean): StoredObject | undefined {
  const existing = ctx.store.get(uid);
  if (!existing) return undefined;
  if (existing.tenant !== ctx.tenant || existing.owner !== ctx.principal) {
    throw new KmipError(ResultReason.PermissionDenied, `object "${uid}" exists and is not the caller's`);
  }
  if (!replacing) throw new KmipError(reasonFor(ctx, ResultReason.ObjectAlreadyExists, ResultReason.InvalidField), `object "${uid}" already exists`);
  return existing;
}
