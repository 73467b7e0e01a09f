/**
 * Get (KMIP 1.0+): the object as registered or created, its secret exported from the provider for the
 * response only (zeroed by `release` once the response is encoded). Symmetric keys convert between Raw and
 * Transparent Symmetric Key on request; any other conversion is Key Format Type Not Supported. A destroyed
 * object has no value: Object Destroyed (2.x) / Item Not Found (1.x, as the
 * 1.2 TC-314 vector shows).
 * With a Key Wrapping Specification the Key Value is wrapped under another key (key-wrap.ts); a Sensitive
 * object may only leave that way, a non-extractable one not at all.
 */
import { ItemType } from '../kmip/item-type';
import { Tag, Operation, ObjectType, KeyFormatType, ResultReason } from '../kmip';
import { KmipError } from '../message/errors';
import { T, child, type TtlvItem } from '../ttlv/item';
import { decodeTtlv } from '../ttlv/binary-reader';
import { findAttr, setSingle } from '../attributes/list';
import type { OperationContext, OperationHandler, OperationResult } from './types';
import { checkPolicy, enumValue, isDestroyed, loadObject, reasonFor, requestUid, uidItem } from './common';
import { assembleObject, objectTagOf, zeroTree } from './objects';
import { wrapKeyBlock } from './key-wrap';
import type { StoredObject } from '../store/port';

function replace(s: TtlvItem, tag: number, by: TtlvItem): TtlvItem {
  return s.type === ItemType.Structure ? { ...s, value: s.value.map((c) => (c.tag === tag ? by : c)) } : s;
}

/** Convert a symmetric key block between Raw and Transparent Symmetric Key; other requests must match. */
function convertFormat(objectType: number, obj: TtlvItem, wanted: number): TtlvItem {
  const kb = child(obj, Tag.KeyBlock);
  const kft = child(kb, Tag.KeyFormatType);
  const current = kft?.type === ItemType.Enumeration ? kft.value : undefined;
  if (!kb || current === wanted) return obj;
  const kv = child(kb, Tag.KeyValue);
  const km = child(kv, Tag.KeyMaterial);
  if (objectType === ObjectType.SymmetricKey && kv && km) {
    let newKm: TtlvItem | undefined;
    if (current === KeyFormatType.Raw && wanted === KeyFormatType.TransparentSymmetricKey && km.type === ItemType.ByteString) {
      newKm = T.struct(Tag.KeyMaterial, [T.bytes(Tag.Key, km.value)]);
    } else if (current === KeyFormatType.TransparentSymmetricKey && wanted === KeyFormatType.Raw) {
      const key = child(km, Tag.Key);
      if (key?.type === ItemType.ByteString) newKm = T.bytes(Tag.KeyMaterial, key.value);
    }
    if (newKm) {
      const newKb = replace(replace(kb, Tag.KeyValue, replace(kv, Tag.KeyMaterial, newKm)), Tag.KeyFormatType, T.enum(Tag.KeyFormatType, wanted));
      return replace(obj, Tag.KeyBlock, newKb);
    }
  }
  throw new KmipError(ResultReason.KeyFormatTypeNotSupported, 'the object cannot be returned in the requested Key Format Type');
}

/** The plaintext object structure of a stored object (shared with Export-like operations). */
export async function materialize(ctx: OperationContext, obj: StoredObject): Promise<TtlvItem> {
  if (!obj.body) throw new KmipError(ResultReason.ItemNotFound, 'object has no stored value');
  const body = decodeTtlv(obj.body);
  if (!obj.material || !obj.kekId) return body;
  const ref = { wrapped: obj.material, kekId: obj.kekId };
  const plain = await ctx.crypto.exportKey(ref);
  return assembleObject(obj.objectType, body, plain, ctx.crypto.keySpec(ref));
}

export const get: OperationHandler = {
  operation: Operation.Get,
  since: { major: 1, minor: 0 },
  async handle(payload: TtlvItem, ctx: OperationContext): Promise<OperationResult> {
    const uid = requestUid(payload, ctx) as string;
    const obj = loadObject(ctx, uid);
    checkPolicy(ctx, 'Get', obj);
    if (isDestroyed(obj)) {
      throw new KmipError(reasonFor(ctx, ResultReason.ObjectDestroyed, ResultReason.ItemNotFound), `object "${uid}" is destroyed`);
    }
    // Sensitive objects may not leave in plaintext, non-extractable ones not at all (KMIP 1.4 §3.48-3.49);
    // we do not wrap on Get, so both are refused.
    const flag = (n: string) => findAttr(obj.attributes, n)?.value;
    const wrapSpec = child(payload, Tag.KeyWrappingSpecification);
    const sensitive = flag('Sensitive');
    if (sensitive?.type === ItemType.Boolean && sensitive.value && !wrapSpec) {
      throw new KmipError(reasonFor(ctx, ResultReason.Sensitive, ResultReason.PermissionDenied), `object "${uid}" is sensitive`);
    }
    const extractable = flag('Extractable');
    if (extractable?.type === ItemType.Boolean && !extractable.value) {
      throw new KmipError(reasonFor(ctx, ResultReason.NotExtractable, ResultReason.PermissionDenied), `object "${uid}" is not extractable`);
    }
    const wanted = enumValue(child(payload, Tag.KeyFormatType), 'Key Format Type');
    const compression = enumValue(child(payload, Tag.KeyCompressionType), 'Key Compression Type');
    const objTag = objectTagOf(obj.objectType);
    if (objTag === undefined) throw new KmipError(ResultReason.GeneralFailure, 'stored object has an unknown type');
    let item = await materialize(ctx, obj);
    if (compression !== undefined) {
      const have = child(child(item, Tag.KeyBlock), Tag.KeyCompressionType);
      if (!have || have.type !== ItemType.Enumeration || have.value !== compression) {
        zeroTree(item);
        throw new KmipError(ResultReason.KeyCompressionTypeNotSupported, 'Key Compression Type conversion is not supported');
      }
    }
    if (wanted !== undefined) {
      try {
        item = convertFormat(obj.objectType, item, wanted);
      } catch (e) {
        zeroTree(item);
        throw e;
      }
    }
    if (wrapSpec) {
      const plain = item;
      try {
        item = await wrapKeyBlock(ctx, plain, wrapSpec);
      } finally {
        zeroTree(plain);
      }
    }
    // Fresh: the object has now been served to a client (KMIP 1.1 §3.34).
    const fresh = findAttr(obj.attributes, 'Fresh');
    if (fresh?.value.type === ItemType.Boolean && fresh.value.value) {
      ctx.store.update({ ...obj, attributes: setSingle(obj.attributes, 'Fresh', T.bool(Tag.AttributeValue, false)) }, ctx.journal);
    }
    const sent = item;
    return {
      payload: [T.enum(Tag.ObjectType, obj.objectType), uidItem(uid), sent],
      release: () => zeroTree(sent),
    };
  },
};
