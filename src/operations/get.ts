/**
 * Get (KMIP 1.0+): the object as registered or created, its secret exported from the provider for the
 * response only (zeroed by `release` once the response is encoded). Keys convert to a requested Key Format
 * Type (key-formats.ts: Raw/Transparent Symmetric, PKCS#1/PKCS#8/X.509/SEC 1/Transparent RSA and EC); any other
 * conversion is Key Format Type Not Supported. A destroyed
 * object has no value: Object Destroyed (2.x) / Item Not Found (1.x, as the
 * 1.2 TC-314 vector shows).
 * With a Key Wrapping Specification (or Key Wrap Type As Registered for a key registered wrapped) the Key Value
 * is wrapped under another key (key-wrap-get.ts); a Sensitive object may only leave that way, a
 * non-extractable one not at all.
 */
import { ItemType } from '../kmip/item-type';
import { Tag, Operation, ResultReason, KeyFormatType, ObjectType } from '../kmip';
import { KmipError } from '../message/errors';
import { T, child, type TtlvItem } from '../ttlv/item';
import { decodeTtlv } from '../ttlv/binary-reader';
import { boolOf, findAttr, setSingle } from '../attributes/list';
import type { OperationContext, OperationHandler, OperationResult } from './types';
import { allAttributes, checkPolicy, enumValue, isDestroyed, loadObject, reasonFor, requestUid, storedNow, uidItem } from './common';
import { assembleObject, objectTagOf, zeroTree } from './objects';
import { convertKeyFormat, registeredFormatOf, zeroKeyMaterial } from './key-formats';
import { wrapForGet } from './key-wrap-get';
import { pkcs12Object } from './pkcs12';
import { asRegisteredSpec, wrappedFormOf } from './key-unwrap';
import type { StoredObject } from '../store/port';

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
    // Sensitive objects may not leave in plaintext (only wrapped), non-extractable ones not at all (KMIP 1.4 §3.48-3.49).
    const flag = (n: string) => findAttr(obj.attributes, n)?.value;
    const wrapSpec = child(payload, Tag.KeyWrappingSpecification) ?? asRegisteredSpec(obj, payload);
    const sensitive = flag('Sensitive');
    if (sensitive?.type === ItemType.Boolean && sensitive.value && !wrapSpec) {
      throw new KmipError(reasonFor(ctx, ResultReason.Sensitive, ResultReason.PermissionDenied), `object "${uid}" is sensitive`);
    }
    const extractable = flag('Extractable');
    if (extractable?.type === ItemType.Boolean && !extractable.value) {
      throw new KmipError(reasonFor(ctx, ResultReason.NotExtractable, ResultReason.PermissionDenied), `object "${uid}" is not extractable`);
    }
    const wanted = enumValue(child(payload, Tag.KeyFormatType), 'Key Format Type') ?? registeredFormatOf(obj, ctx.version);
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
    if (wanted === KeyFormatType.PKCS_12 && obj.objectType === ObjectType.PrivateKey) {
      // The private key with its certificate chain in a password-protected container (pkcs12.ts).
      const plain = item;
      try {
        item = await pkcs12Object(ctx, obj, plain);
      } finally {
        zeroTree(plain);
      }
    } else if (wanted !== undefined) {
      try {
        const converted = convertKeyFormat(obj.objectType, item, wanted, ctx.version);
        // A converted object holds its own Key Material: the plaintext one it came from is zeroed now.
        if (converted !== item) zeroKeyMaterial(item);
        item = converted;
      } catch (e) {
        zeroTree(item);
        throw e;
      }
    }
    if (wrapSpec) {
      const plain = item;
      try {
        item = await wrapForGet(ctx, plain, wrapSpec, wrappedFormOf(obj), allAttributes(obj));
      } finally {
        zeroTree(plain);
      }
    }
    // Fresh: the object has now been served to a client (KMIP 1.1 §3.34). Cleared on the object as stored now
    // (storedNow). A client cannot set Fresh again (not modifiable by client), so an object that was not Fresh
    // when loaded needs no second read.
    if (boolOf(obj.attributes, 'Fresh') === true) {
      const current = storedNow(ctx, uid);
      if (current && boolOf(current.attributes, 'Fresh') === true) {
        ctx.store.update({ ...current, attributes: setSingle(current.attributes, 'Fresh', T.bool(Tag.AttributeValue, false)) }, ctx.journal);
      }
    }
    const sent = item;
    return {
      payload: [T.enum(Tag.ObjectType, obj.objectType), uidItem(uid), sent],
      release: () => zeroTree(sent),
    };
  },
};
