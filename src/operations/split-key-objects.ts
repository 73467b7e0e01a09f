/**
 * What Create Split Key and Join Split Key share: reading the secret bytes out of a plaintext key block,
 * building and reading Split Key object structures (KMIP 2.1 §2.8), and storing a new object whose
 * plaintext value the server computed (split parts, joined keys).
 */
import { ItemType } from '../kmip/item-type';
import { ObjectType, ResultReason, SplitKeyMethod, Tag } from '../kmip';
import { KmipError } from '../message/errors';
import { T, child, type TtlvItem } from '../ttlv/item';
import { encodeTtlv } from '../ttlv/binary-writer';
import type { Attribute } from '../attributes/model';
import type { StoredObject } from '../store/port';
import type { OperationContext } from './types';
import { createObject } from './new-object';
import { digestValue, splitObject, wrapSecret } from './objects';

export interface SplitKeyFields {
  parts: number;
  id: number;
  threshold: number;
  method: number;
}

/** The Key Material bytes of a plaintext key block (Raw/opaque bytes, or a Transparent Symmetric Key's Key). */
export function keyMaterialBytes(obj: TtlvItem): Buffer {
  const km = child(child(child(obj, Tag.KeyBlock), Tag.KeyValue), Tag.KeyMaterial);
  if (km?.type === ItemType.ByteString) return km.value;
  const key = km ? child(km, Tag.Key) : undefined;
  if (key?.type === ItemType.ByteString) return key.value;
  throw new KmipError(ResultReason.InvalidField, 'the key has no Key Material as bytes (wrapped or structured keys cannot be split)');
}

function intField(s: TtlvItem, tag: number, what: string, type: number = ItemType.Integer): number {
  const c = child(s, tag);
  if (!c || c.type !== type) throw new KmipError(ResultReason.InvalidField, `${what} is missing or has the wrong type`);
  return c.value as number;
}

export function readSplitFields(s: TtlvItem): SplitKeyFields {
  return {
    parts: intField(s, Tag.SplitKeyParts, 'Split Key Parts'),
    id: intField(s, Tag.KeyPartIdentifier, 'Key Part Identifier'),
    threshold: intField(s, Tag.SplitKeyThreshold, 'Split Key Threshold'),
    method: intField(s, Tag.SplitKeyMethod, 'Split Key Method', ItemType.Enumeration),
  };
}

/** Split Key object structure for one part; the key block says what the joined key will be. */
export function splitKeyBody(f: SplitKeyFields, format: number, material: Buffer, alg: number | undefined, length: number | undefined): TtlvItem {
  const kb: TtlvItem[] = [T.enum(Tag.KeyFormatType, format), T.struct(Tag.KeyValue, [T.bytes(Tag.KeyMaterial, material)])];
  if (alg !== undefined) kb.push(T.enum(Tag.CryptographicAlgorithm, alg));
  if (length !== undefined) kb.push(T.int(Tag.CryptographicLength, length));
  return T.struct(Tag.SplitKey, [
    T.int(Tag.SplitKeyParts, f.parts),
    T.int(Tag.KeyPartIdentifier, f.id),
    T.int(Tag.SplitKeyThreshold, f.threshold),
    T.enum(Tag.SplitKeyMethod, f.method),
    T.struct(Tag.KeyBlock, kb),
  ]);
}

export const SUPPORTED_METHODS: readonly number[] = [SplitKeyMethod.XOR, SplitKeyMethod.PolynomialSharingGF2_8];

/**
 * Store an object built by the server around plaintext material (the structure holds it; it is wrapped by
 * the provider and zeroed here). The Digest is over the Key Material in the block's format.
 */
export async function storeComputedObject(
  ctx: OperationContext,
  objectType: number,
  structure: TtlvItem,
  attributes: Attribute[],
  format: number,
): Promise<StoredObject> {
  const split = splitObject(objectType, structure);
  const digest = split.secret ? digestValue(split.secret, format) : undefined;
  const wrapped = await wrapSecret(ctx.crypto, split);
  return createObject(ctx, { objectType, attributes, body: split.body, wrapped, facts: { digest, keyFormatType: format, generated: false } }, (b) =>
    encodeTtlv(b),
  );
}

/** Object types whose value Join Split Key can rebuild from bytes. */
export const JOINABLE_TYPES: readonly number[] = [ObjectType.SymmetricKey, ObjectType.SecretData, ObjectType.PrivateKey];
