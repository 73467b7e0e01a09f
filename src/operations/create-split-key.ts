/**
 * Create Split Key (KMIP 1.2+, 2.1 §6.1.10): split a secret into Split Key Parts Split Key objects, any Split
 * Key Threshold of which rebuild it (Join Split Key). The secret is an existing key named by Unique
 * Identifier (its algorithm and length take precedence over the request's), or else fresh random bytes of
 * the requested Cryptographic Length. Methods: XOR (threshold = parts) and Polynomial Sharing GF(2^8)
 * (secret-sharing.ts); GF(2^16) and Prime Field are Feature Not Supported. Every part carries the request's
 * attributes; the ID Placeholder becomes part 1.
 */
import { ItemType } from '../kmip/item-type';
import { KeyFormatType, ObjectType, Operation, ResultReason, SplitKeyMethod, Tag } from '../kmip';
import { KmipError } from '../message/errors';
import { T, child, type TtlvItem } from '../ttlv/item';
import { intOf, setSingle } from '../attributes/list';
import type { Attribute } from '../attributes/model';
import type { OperationContext, OperationHandler, OperationResult } from './types';
import { checkPolicy, enumValue, intValue, isDestroyed, loadObject, reasonFor, uidItem } from './common';
import { clientAttributes } from './new-object';
import { materialize } from './get';
import { zeroTree } from './objects';
import { splitGf256, splitXor, type Share } from './secret-sharing';
import { SUPPORTED_METHODS, keyMaterialBytes, splitKeyBody, storeComputedObject } from './split-key-objects';

/** Largest secret we split (a private key in PKCS#8 fits; bounds the random draw and the stored parts). */
const MAX_SECRET_BYTES = 16 * 1024;

interface Source {
  secret: Buffer;
  alg?: number;
  length?: number;
  format: number;
}

async function existingSecret(ctx: OperationContext, uid: string): Promise<Source> {
  const obj = loadObject(ctx, uid);
  checkPolicy(ctx, 'CreateSplitKey', obj);
  if (![ObjectType.SymmetricKey, ObjectType.SecretData, ObjectType.PrivateKey].includes(obj.objectType as never)) {
    throw new KmipError(reasonFor(ctx, ResultReason.InvalidObjectType, ResultReason.InvalidField), 'only keys and secret data can be split');
  }
  if (isDestroyed(obj)) throw new KmipError(ResultReason.KeyValueNotPresent, `object "${uid}" is destroyed`);
  const item = await materialize(ctx, obj);
  try {
    const kb = child(item, Tag.KeyBlock);
    const kft = child(kb, Tag.KeyFormatType);
    const bytes = keyMaterialBytes(item);
    // A Transparent Symmetric Key is split as its raw bytes.
    const format = kft?.type === ItemType.Enumeration && kft.value !== KeyFormatType.TransparentSymmetricKey ? kft.value : KeyFormatType.Raw;
    return {
      secret: Buffer.from(bytes),
      alg: intOf(obj.attributes, 'Cryptographic Algorithm'),
      length: intOf(obj.attributes, 'Cryptographic Length'),
      format,
    };
  } finally {
    zeroTree(item);
  }
}

async function freshSecret(ctx: OperationContext, attrs: Attribute[]): Promise<Source> {
  const length = intOf(attrs, 'Cryptographic Length');
  if (length === undefined || length <= 0 || length % 8 !== 0 || length / 8 > MAX_SECRET_BYTES) {
    throw new KmipError(ResultReason.InvalidField, 'without a Unique Identifier, Create Split Key needs a Cryptographic Length in whole bytes');
  }
  return { secret: await ctx.crypto.random(length / 8), alg: intOf(attrs, 'Cryptographic Algorithm'), length, format: KeyFormatType.Raw };
}

export const createSplitKey: OperationHandler = {
  operation: Operation.CreateSplitKey,
  since: { major: 1, minor: 2 },
  async handle(payload: TtlvItem, ctx: OperationContext): Promise<OperationResult> {
    const objectType = enumValue(child(payload, Tag.ObjectType), 'Object Type');
    if (objectType !== ObjectType.SplitKey) {
      throw new KmipError(reasonFor(ctx, ResultReason.InvalidObjectType, ResultReason.InvalidField), 'Create Split Key creates Split Key objects');
    }
    const parts = intValue(child(payload, Tag.SplitKeyParts), 'Split Key Parts');
    const threshold = intValue(child(payload, Tag.SplitKeyThreshold), 'Split Key Threshold');
    const method = enumValue(child(payload, Tag.SplitKeyMethod), 'Split Key Method');
    if (parts === undefined || threshold === undefined || method === undefined) {
      throw new KmipError(ResultReason.InvalidField, 'Split Key Parts, Split Key Threshold and Split Key Method are required');
    }
    if (parts < 1 || parts > 255 || threshold < 1 || threshold > parts) {
      throw new KmipError(ResultReason.InvalidField, 'need 1 <= Split Key Threshold <= Split Key Parts <= 255');
    }
    if (!SUPPORTED_METHODS.includes(method)) {
      throw new KmipError(ResultReason.FeatureNotSupported, 'Split Key Method must be XOR or Polynomial Sharing GF (2^8)');
    }
    if (method === SplitKeyMethod.XOR && threshold !== parts) {
      throw new KmipError(ResultReason.InvalidField, 'an XOR split needs every part: Split Key Threshold must equal Split Key Parts');
    }
    let attrs = clientAttributes(ctx, payload);
    const u = child(payload, Tag.UniqueIdentifier);
    if (u && u.type !== ItemType.TextString) throw new KmipError(ResultReason.InvalidField, 'Unique Identifier must be a Text String');
    if (!u) checkPolicy(ctx, 'CreateSplitKey');
    const src = u ? await existingSecret(ctx, u.value as string) : await freshSecret(ctx, attrs);
    let shares: Share[] = [];
    let pool: Buffer | undefined;
    try {
      if (src.secret.length === 0 || src.secret.length > MAX_SECRET_BYTES) throw new KmipError(ResultReason.InvalidField, 'the secret is empty or too long to split');
      const need = method === SplitKeyMethod.XOR ? (parts - 1) * src.secret.length : (threshold - 1) * src.secret.length;
      pool = need > 0 ? await ctx.crypto.random(need) : Buffer.alloc(0);
      let offset = 0;
      const draw = (n: number) => {
        const b = (pool as Buffer).subarray(offset, offset + n);
        offset += n;
        return Buffer.from(b);
      };
      shares = method === SplitKeyMethod.XOR ? splitXor(src.secret, parts, draw) : splitGf256(src.secret, parts, threshold, draw);
    } finally {
      src.secret.fill(0);
      pool?.fill(0);
    }
    // The key's algorithm and length take precedence over the request's (§6.1.10).
    if (src.alg !== undefined) attrs = setSingle(attrs, 'Cryptographic Algorithm', T.enum(Tag.AttributeValue, src.alg));
    if (src.length !== undefined) attrs = setSingle(attrs, 'Cryptographic Length', T.int(Tag.AttributeValue, src.length));
    const uids: string[] = [];
    try {
      for (const s of shares) {
        const body = splitKeyBody({ parts, id: s.id, threshold, method }, src.format, s.value, src.alg, src.length);
        const stored = await storeComputedObject(ctx, ObjectType.SplitKey, body, attrs, src.format);
        uids.push(stored.uid);
      }
    } finally {
      for (const s of shares) s.value.fill(0);
    }
    return { payload: uids.map(uidItem), idPlaceholder: uids[0] };
  },
};
