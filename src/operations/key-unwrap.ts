/**
 * Wrapped key material between clients and the server (KMIP 1.4 §2.1.5 Key Wrapping Data/Specification):
 *
 * - Register of a Key Block with Key Wrapping Data ("bring your own key"): when the wrapping key is a
 *   managed object of the caller's tenant, the material is unwrapped with it (AES Key Wrap RFC 3394 /
 *   RFC 5649 with an AES key, RSA-OAEP with an RSA private key) and registered as plaintext key material,
 *   which goes to the crypto provider like any other; the Key Wrapping Data is kept (internal attribute
 *   `_Key Wrapping Data`) so that Get with Key Wrap Type As Registered can wrap it the same way again.
 *   The wrapping key never leaves the provider: AES Key Wrap runs on the provider's AES-ECB block function
 *   (aes-key-wrap.ts) and RSA-OAEP is the provider's decrypt. A wrapping key the server does not have
 *   leaves the material as registered (opaque, wrapped).
 * - Get with a Key Wrapping Specification naming an RSA public key: RSA-OAEP encryption of the Key Value
 *   (TTLV) or of the Key Material (No Encoding). AES wrapping on Get is key-wrap.ts.
 *
 * Encoded Key Value: TTLV Encoding (default) wraps the TTLV of the Key Value structure; No Encoding wraps the
 * Key Material bytes. The wrapped bytes come as the Key Value Byte String (KMIP 1.x) or as a Key Material
 * Byte String inside the Key Value (as the OASIS TC-WRAP-1-14 vectors send them).
 */
import { ItemType } from '../kmip/item-type';
import { BlockCipherMode, CryptographicAlgorithm, CryptographicUsageMask, EncodingOption, ObjectType, PaddingMethod, ResultReason, Tag, WrappingMethod } from '../kmip';
import { KmipError } from '../message/errors';
import { T, child, type TtlvItem } from '../ttlv/item';
import { decodeTtlv } from '../ttlv/binary-reader';
import { encodeTtlv } from '../ttlv/binary-writer';
import { dateOf, findAttr, intOf } from '../attributes/list';
import { mayProcess, violationReason } from '../lifecycle';
import type { HashAlg, KeyRef, WrappedKey } from '../crypto/port';
import type { StoredObject } from '../store/port';
import type { OperationContext } from './types';
import { enumValue, isDestroyed, nowSeconds, reasonFor } from './common';
import { aesKeyUnwrap, aesKeyUnwrapPad, type BlockFn } from './aes-key-wrap';
import { hashOf } from './crypto/params';
import { loadKey } from './crypto/key';

/** Internal attribute holding the Key Wrapping Data a key was registered with. */
export const WRAPPING_DATA_ATTRIBUTE = '_Key Wrapping Data';

const invalid = (m: string): KmipError => new KmipError(ResultReason.InvalidField, m);

function replace(s: TtlvItem, tag: number, by: TtlvItem): TtlvItem {
  return s.type === ItemType.Structure ? { ...s, value: s.value.map((c) => (c.tag === tag ? by : c)) } : s;
}

interface WrapParams {
  method: number;
  eki: TtlvItem;
  uid: string;
  mode?: number;
  padding?: number;
  hash?: HashAlg;
  mgfHash?: HashAlg;
  encoding: number;
}

/** Fields shared by Key Wrapping Data and Key Wrapping Specification. */
function wrapParams(s: TtlvItem): WrapParams {
  const method = enumValue(child(s, Tag.WrappingMethod), 'Wrapping Method') ?? WrappingMethod.Encrypt;
  if (method !== WrappingMethod.Encrypt || child(s, Tag.MACSignatureKeyInformation)) {
    throw new KmipError(ResultReason.FeatureNotSupported, 'only the Encrypt wrapping method is supported');
  }
  const eki = child(s, Tag.EncryptionKeyInformation);
  const uid = child(eki, Tag.UniqueIdentifier);
  if (!eki || uid?.type !== ItemType.TextString) throw invalid('Encryption Key Information needs a Unique Identifier');
  const cp = child(eki, Tag.CryptographicParameters);
  const hashEnum = enumValue(child(cp, Tag.HashingAlgorithm), 'Hashing Algorithm');
  const mgfEnum = enumValue(child(cp, Tag.MaskGeneratorHashingAlgorithm), 'Mask Generator Hashing Algorithm');
  return {
    method,
    eki,
    uid: uid.value,
    mode: enumValue(child(cp, Tag.BlockCipherMode), 'Block Cipher Mode'),
    padding: enumValue(child(cp, Tag.PaddingMethod), 'Padding Method'),
    hash: hashOf(hashEnum),
    mgfHash: hashOf(mgfEnum, 'Mask Generator Hashing Algorithm'),
    encoding: enumValue(child(s, Tag.EncodingOption), 'Encoding Option') ?? EncodingOption.TTLVEncoding,
  };
}

/** The wrapped bytes of a Key Block: the Key Value Byte String, or a Key Material Byte String in it. */
function wrappedBytes(kb: TtlvItem): Buffer {
  const kv = child(kb, Tag.KeyValue);
  if (kv?.type === ItemType.ByteString) return kv.value;
  const km = child(kv, Tag.KeyMaterial);
  if (km?.type === ItemType.ByteString) return km.value;
  throw invalid('a wrapped Key Block needs its wrapped Key Value as a Byte String');
}

function usableForUnwrap(ctx: OperationContext, obj: StoredObject): WrappedKey {
  const mask = intOf(obj.attributes, 'Cryptographic Usage Mask') ?? 0;
  // OASIS TC-WRAP-1-14 registers its KEK with Wrap Key only and unwraps with it: either bit will do.
  if ((mask & (CryptographicUsageMask.UnwrapKey | CryptographicUsageMask.WrapKey)) === 0) {
    throw new KmipError(reasonFor(ctx, ResultReason.IncompatibleCryptographicUsageMask, ResultReason.PermissionDenied), 'the wrapping key permits neither Unwrap Key nor Wrap Key');
  }
  if (isDestroyed(obj) || !obj.material || !obj.kekId) {
    throw new KmipError(reasonFor(ctx, ResultReason.WrappingObjectDestroyed, ResultReason.KeyValueNotPresent), 'the wrapping key has no key material');
  }
  const dates = {
    activationDate: dateOf(obj.attributes, 'Activation Date'),
    deactivationDate: dateOf(obj.attributes, 'Deactivation Date'),
    processStartDate: dateOf(obj.attributes, 'Process Start Date'),
    protectStopDate: dateOf(obj.attributes, 'Protect Stop Date'),
  };
  const use = mayProcess(obj.state, dates, nowSeconds(ctx));
  if (!use.ok) throw new KmipError(violationReason(ctx.version), `wrapping key: ${use.message}`);
  return { wrapped: obj.material, kekId: obj.kekId };
}

/** The provider's AES-ECB on one block, as the key-wrap block function. */
function ecbBlock(ctx: OperationContext, key: KeyRef, decrypt: boolean): BlockFn {
  return async (block) => {
    if (decrypt) return ctx.crypto.decrypt(key, block, { mode: 'ECB', padding: 'None' });
    return (await ctx.crypto.encrypt(key, block, { mode: 'ECB', padding: 'None' })).data;
  };
}

function modeOf(p: WrapParams, kek: StoredObject): number {
  if (p.mode !== undefined) return p.mode;
  const attr = findAttr(kek.attributes, 'Cryptographic Parameters')?.value;
  const m = child(attr, Tag.BlockCipherMode);
  return m?.type === ItemType.Enumeration ? m.value : BlockCipherMode.NISTKeyWrap;
}

/** Decrypts wrapped bytes with the managed wrapping key (inside the provider). Returns an owned buffer. */
async function unwrapBytes(ctx: OperationContext, p: WrapParams, kek: StoredObject, data: Buffer): Promise<Buffer> {
  const key = usableForUnwrap(ctx, kek);
  const alg = intOf(kek.attributes, 'Cryptographic Algorithm');
  if (kek.objectType === ObjectType.SymmetricKey && alg === CryptographicAlgorithm.AES) {
    const mode = modeOf(p, kek);
    if (mode === BlockCipherMode.NISTKeyWrap) return aesKeyUnwrap(ecbBlock(ctx, key, true), data);
    if (mode === BlockCipherMode.AESKeyWrapPadding) return aesKeyUnwrapPad(ecbBlock(ctx, key, true), data);
    throw new KmipError(reasonFor(ctx, ResultReason.UnsupportedCryptographicParameters, ResultReason.CryptographicFailure), 'AES unwrapping supports NISTKeyWrap and AESKeyWrapPadding');
  }
  if (kek.objectType === ObjectType.PrivateKey && ctx.crypto.keySpec(key).algorithm === 'RSA') {
    if (p.padding !== undefined && p.padding !== PaddingMethod.OAEP) throw new KmipError(ResultReason.FeatureNotSupported, 'RSA unwrapping supports OAEP only');
    return ctx.crypto.decrypt(key, data, { padding: 'OAEP', hash: p.hash ?? 'SHA-1', mgfHash: p.mgfHash });
  }
  throw new KmipError(reasonFor(ctx, ResultReason.InvalidObjectType, ResultReason.IllegalOperation), 'the wrapping key must be an AES key or an RSA private key');
}

/**
 * Register: the object with its wrapped Key Value replaced by the unwrapped one, and the Key Wrapping Data
 * it came with (undefined when the object was not wrapped, or the wrapping key is not ours).
 */
export async function unwrapRegistered(ctx: OperationContext, obj: TtlvItem): Promise<{ obj: TtlvItem; wrappingData?: TtlvItem }> {
  const kb = child(obj, Tag.KeyBlock);
  const kwd = child(kb, Tag.KeyWrappingData);
  if (!kb || !kwd) return { obj };
  const p = wrapParams(kwd);
  const kek = ctx.store.get(p.uid);
  if (!kek || kek.tenant !== ctx.tenant) return { obj };
  if (child(kwd, Tag.MACSignature)) throw new KmipError(ResultReason.FeatureNotSupported, 'a MAC/Signature over wrapped keys is not supported');
  const plain = await unwrapBytes(ctx, p, kek, wrappedBytes(kb));
  let kv: TtlvItem;
  try {
    if (p.encoding === EncodingOption.NoEncoding) {
      kv = T.struct(Tag.KeyValue, [T.bytes(Tag.KeyMaterial, Buffer.from(plain))]);
    } else {
      try {
        kv = decodeTtlv(plain);
      } catch {
        throw invalid('the unwrapped data is not a TTLV-encoded Key Value');
      }
      if (kv.tag !== Tag.KeyValue || kv.type !== ItemType.Structure || !child(kv, Tag.KeyMaterial)) throw invalid('the unwrapped data is not a Key Value structure');
    }
  } finally {
    plain.fill(0);
  }
  const fields = (kb.value as TtlvItem[]).filter((c) => c.tag !== Tag.KeyWrappingData).map((c) => (c.tag === Tag.KeyValue ? kv : c));
  return { obj: replace(obj, Tag.KeyBlock, T.struct(Tag.KeyBlock, fields)), wrappingData: kwd };
}

/** Key Wrapping Specification that wraps a key again as its Key Wrapping Data says (Key Wrap Type As Registered). */
export function specFromWrappingData(kwd: TtlvItem): TtlvItem {
  const keep: number[] = [Tag.WrappingMethod, Tag.EncryptionKeyInformation, Tag.MACSignatureKeyInformation, Tag.EncodingOption];
  return T.struct(Tag.KeyWrappingSpecification, (kwd.type === ItemType.Structure ? kwd.value : []).filter((c) => keep.includes(c.tag)));
}

/** Whether a Key Wrapping Specification names an RSA public key of the caller's (wrapRsaOaep handles it). */
export function wrapsWithPublicKey(ctx: OperationContext, spec: TtlvItem): boolean {
  const uid = child(child(spec, Tag.EncryptionKeyInformation), Tag.UniqueIdentifier);
  if (uid?.type !== ItemType.TextString) return false;
  const o = ctx.store.get(uid.value);
  return !!o && o.tenant === ctx.tenant && o.objectType === ObjectType.PublicKey;
}

/** Get: RSA-OAEP wrapping of the Key Value of a plaintext object structure under an RSA public key. */
export async function wrapRsaOaep(ctx: OperationContext, obj: TtlvItem, spec: TtlvItem): Promise<TtlvItem> {
  const p = wrapParams(spec);
  const { key, spec: keySpec } = loadKey(ctx, T.struct(Tag.RequestPayload, [T.text(Tag.UniqueIdentifier, p.uid)]), 'Get', CryptographicUsageMask.WrapKey, 'protect');
  if (keySpec.algorithm !== 'RSA') throw new KmipError(reasonFor(ctx, ResultReason.InvalidObjectType, ResultReason.IllegalOperation), 'public-key wrapping needs an RSA key');
  if (p.padding !== undefined && p.padding !== PaddingMethod.OAEP) throw new KmipError(ResultReason.FeatureNotSupported, 'RSA wrapping supports OAEP only');
  const kb = child(obj, Tag.KeyBlock);
  const kv = child(kb, Tag.KeyValue);
  if (!kb || !kv) throw new KmipError(ResultReason.KeyValueNotPresent, 'the object has no Key Value to wrap');
  let data: Buffer;
  if (p.encoding === EncodingOption.NoEncoding) {
    const km = child(kv, Tag.KeyMaterial);
    if (km?.type !== ItemType.ByteString) throw new KmipError(ResultReason.EncodingOptionError, 'No Encoding needs Key Material that is a Byte String');
    data = Buffer.from(km.value);
  } else {
    data = encodeTtlv(kv);
  }
  let wrapped: Buffer;
  try {
    wrapped = (await ctx.crypto.encrypt(key, data, { padding: 'OAEP', hash: p.hash ?? 'SHA-1', mgfHash: p.mgfHash })).data;
  } catch (e) {
    if (e instanceof KmipError) throw e;
    throw new KmipError(ResultReason.CryptographicFailure, `RSA-OAEP wrapping failed (is the key too large for the RSA modulus?): ${(e as Error).message}`);
  } finally {
    data.fill(0);
  }
  const kwd: TtlvItem[] = [T.enum(Tag.WrappingMethod, p.method), p.eki];
  if (child(spec, Tag.EncodingOption)) kwd.push(T.enum(Tag.EncodingOption, p.encoding));
  // No Encoding wraps the Key Material only, so the Key Value stays a structure around it (OASIS TC-WRAP-3-14);
  // TTLV Encoding wraps the whole Key Value, which becomes a Byte String.
  const wrappedKv = p.encoding === EncodingOption.NoEncoding ? T.struct(Tag.KeyValue, [T.bytes(Tag.KeyMaterial, wrapped)]) : T.bytes(Tag.KeyValue, wrapped);
  const fields = (kb.value as TtlvItem[]).filter((c) => c.tag !== Tag.KeyWrappingData).map((c) => (c.tag === Tag.KeyValue ? wrappedKv : c));
  fields.push(T.struct(Tag.KeyWrappingData, kwd));
  return replace(obj, Tag.KeyBlock, T.struct(Tag.KeyBlock, fields));
}
