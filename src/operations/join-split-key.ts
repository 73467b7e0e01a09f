/**
 * Join Split Key (KMIP 1.2+, 2.1 §6.1.27): rebuild a Symmetric Key, Secret Data or Private Key from Split
 * Key objects. The parts must agree on Split Key Parts, Threshold and Method and have distinct Key Part
 * Identifiers; fewer parts than the threshold is a Cryptographic Failure (as the OASIS TC-SJ vectors
 * expect). The new object gets the request's attributes; algorithm and length not given there come from the
 * parts' key block (and must match it when given). The ID Placeholder becomes the new object.
 */
import { ItemType } from '../kmip/item-type';
import { KeyFormatType, ObjectType, Operation, ResultReason, SecretDataType, SplitKeyMethod, Tag } from '../kmip';
import { KmipError } from '../message/errors';
import { T, child, children, type TtlvItem } from '../ttlv/item';
import { intOf, setSingle } from '../attributes/list';
import type { OperationContext, OperationHandler, OperationResult } from './types';
import { checkPolicy, enumValue, isDestroyed, loadObject, reasonFor, uidItem } from './common';
import { clientAttributes } from './new-object';
import { materialize } from './get';
import { zeroTree } from './objects';
import { combineGf256, combineXor, type Share } from './secret-sharing';
import { JOINABLE_TYPES, SUPPORTED_METHODS, keyMaterialBytes, readSplitFields, storeComputedObject, type SplitKeyFields } from './split-key-objects';

/** More parts than a split can have (255) is a malformed request. */
const MAX_PARTS = 255;

interface Part {
  fields: SplitKeyFields;
  share: Share;
  alg?: number;
  length?: number;
  format: number;
}

async function loadPart(ctx: OperationContext, uid: string): Promise<Part> {
  const obj = loadObject(ctx, uid);
  checkPolicy(ctx, 'JoinSplitKey', obj);
  if (obj.objectType !== ObjectType.SplitKey) {
    throw new KmipError(reasonFor(ctx, ResultReason.InvalidObjectType, ResultReason.InvalidField), `object "${uid}" is not a Split Key`);
  }
  if (isDestroyed(obj)) throw new KmipError(ResultReason.KeyValueNotPresent, `split key "${uid}" is destroyed`);
  const item = await materialize(ctx, obj);
  try {
    const fields = readSplitFields(item);
    const kb = child(item, Tag.KeyBlock);
    const num = (tag: number) => {
      const c = child(kb, tag);
      return c && (c.type === ItemType.Integer || c.type === ItemType.Enumeration) ? c.value : undefined;
    };
    return {
      fields,
      share: { id: fields.id, value: Buffer.from(keyMaterialBytes(item)) },
      alg: num(Tag.CryptographicAlgorithm) ?? intOf(obj.attributes, 'Cryptographic Algorithm'),
      length: num(Tag.CryptographicLength) ?? intOf(obj.attributes, 'Cryptographic Length'),
      format: num(Tag.KeyFormatType) ?? KeyFormatType.Raw,
    };
  } finally {
    zeroTree(item);
  }
}

function combine(parts: Part[]): Buffer {
  const f = parts[0].fields;
  for (const p of parts) {
    if (p.fields.parts !== f.parts || p.fields.threshold !== f.threshold || p.fields.method !== f.method) {
      throw new KmipError(ResultReason.InvalidField, 'the Split Keys do not belong to the same split (Parts, Threshold or Method differ)');
    }
  }
  if (new Set(parts.map((p) => p.fields.id)).size !== parts.length) throw new KmipError(ResultReason.InvalidField, 'a Key Part Identifier is repeated');
  if (parts.length < f.threshold) {
    throw new KmipError(ResultReason.CryptographicFailure, `${parts.length} part(s) given, the Split Key Threshold is ${f.threshold}`);
  }
  if (!SUPPORTED_METHODS.includes(f.method)) throw new KmipError(ResultReason.FeatureNotSupported, 'Split Key Method must be XOR or Polynomial Sharing GF (2^8)');
  try {
    return f.method === SplitKeyMethod.XOR ? combineXor(parts.map((p) => p.share)) : combineGf256(parts.map((p) => p.share));
  } catch (e) {
    throw new KmipError(ResultReason.CryptographicFailure, `cannot join the parts: ${(e as Error).message}`);
  }
}

function structureFor(objectType: number, format: number, secret: Buffer, alg: number | undefined, length: number | undefined, sdType: number): TtlvItem {
  const kb: TtlvItem[] = [T.enum(Tag.KeyFormatType, format), T.struct(Tag.KeyValue, [T.bytes(Tag.KeyMaterial, secret)])];
  if (alg !== undefined) kb.push(T.enum(Tag.CryptographicAlgorithm, alg));
  if (length !== undefined) kb.push(T.int(Tag.CryptographicLength, length));
  if (objectType === ObjectType.SecretData) return T.struct(Tag.SecretData, [T.enum(Tag.SecretDataType, sdType), T.struct(Tag.KeyBlock, kb)]);
  return T.struct(objectType === ObjectType.PrivateKey ? Tag.PrivateKey : Tag.SymmetricKey, [T.struct(Tag.KeyBlock, kb)]);
}

export const joinSplitKey: OperationHandler = {
  operation: Operation.JoinSplitKey,
  since: { major: 1, minor: 2 },
  async handle(payload: TtlvItem, ctx: OperationContext): Promise<OperationResult> {
    const objectType = enumValue(child(payload, Tag.ObjectType), 'Object Type');
    if (objectType === undefined) throw new KmipError(ResultReason.InvalidField, 'Object Type is required');
    if (!JOINABLE_TYPES.includes(objectType)) {
      throw new KmipError(reasonFor(ctx, ResultReason.InvalidObjectType, ResultReason.InvalidField), 'Join Split Key forms a Symmetric Key, Secret Data or Private Key');
    }
    const uidItems = children(payload, Tag.UniqueIdentifier);
    if (uidItems.length === 0) throw new KmipError(ResultReason.InvalidField, 'at least one Unique Identifier is required');
    if (uidItems.length > MAX_PARTS) throw new KmipError(ResultReason.InvalidField, `at most ${MAX_PARTS} parts can be joined`);
    const uids = uidItems.map((u) => {
      if (u.type !== ItemType.TextString) throw new KmipError(ResultReason.InvalidField, 'Unique Identifier must be a Text String');
      return u.value;
    });
    const sdItem = enumValue(child(payload, Tag.SecretDataType), 'Secret Data Type');
    let attrs = clientAttributes(ctx, payload);
    const parts: Part[] = [];
    let secret: Buffer | undefined;
    try {
      for (const uid of uids) parts.push(await loadPart(ctx, uid));
      secret = combine(parts);
      const alg = intOf(attrs, 'Cryptographic Algorithm') ?? parts[0].alg;
      const length = secret.length * 8;
      const asked = intOf(attrs, 'Cryptographic Length');
      if (asked !== undefined && objectType === ObjectType.SymmetricKey && asked !== length) {
        throw new KmipError(ResultReason.InvalidField, `the joined key is ${length} bits, the request says ${asked}`);
      }
      const format = objectType === ObjectType.SymmetricKey ? KeyFormatType.Raw : parts[0].format;
      const keyLength = objectType === ObjectType.PrivateKey ? (parts[0].length ?? asked) : length;
      if (alg !== undefined && objectType !== ObjectType.SecretData) attrs = setSingle(attrs, 'Cryptographic Algorithm', T.enum(Tag.AttributeValue, alg));
      if (keyLength !== undefined && objectType !== ObjectType.SecretData) attrs = setSingle(attrs, 'Cryptographic Length', T.int(Tag.AttributeValue, keyLength));
      const blockAlg = objectType === ObjectType.SecretData ? undefined : alg;
      const structure = structureFor(objectType, format, secret, blockAlg, objectType === ObjectType.SecretData ? undefined : keyLength, sdItem ?? SecretDataType.Seed);
      const stored = await storeComputedObject(ctx, objectType, structure, attrs, format);
      return { payload: [uidItem(stored.uid)], idPlaceholder: stored.uid };
    } finally {
      secret?.fill(0);
      for (const p of parts) p.share.value.fill(0);
    }
  },
};
