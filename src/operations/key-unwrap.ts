/**
 * Wrapped key material between clients and the server (KMIP 1.4 §2.1.5 Key Wrapping Data/Specification):
 *
 * - Register of a Key Block with Key Wrapping Data ("bring your own key"), when the wrapping key is a managed
 *   object of the caller's tenant (a wrapping key the server does not have, or that the caller may not
 *   Decrypt with, leaves the material as registered: opaque, wrapped). Two cases:
 *
 *   1. Unwrapped INSIDE the provider (unwrapImportRegistered): Encoding Option No Encoding (the wrapped bytes
 *      are the raw key material), a Symmetric Key in Key Format Type Raw, and
 *        - AES Key Wrap (RFC 3394, Block Cipher Mode NISTKeyWrap) with an AES wrapping key: AES, HMAC and
 *          other non-3DES symmetric keys (the wrapped size gives the exact length);
 *        - AES Key Wrap with Padding (RFC 5649, AESKeyWrapPadding) or RSA-OAEP with an RSA private key:
 *          AES keys with a Cryptographic Length in the Key Block (the length the provider must check).
 *      CryptoProvider.unwrapImport unwraps in the token (PKCS#11 C_UnwrapKey) and returns the key wrapped
 *      under the KEK with its SHA-256 (the Digest): the server never holds the plaintext. The provider may
 *      decline (SoftHSM2 has OAEP with SHA-1 only), which falls back to case 2.
 *   2. Unwrapped HERE (unwrapRegistered): TTLV Encoding (the default; the unwrapped bytes are a TTLV Key Value
 *      with Key Material and maybe attributes, which must be parsed), 3DES keys, other objects (private keys,
 *      Secret Data), lengths not stated, OAEP parameters the provider declines. AES Key Wrap runs on the
 *      provider's AES-ECB block function (aes-key-wrap.ts) and RSA-OAEP is the provider's decrypt, so the
 *      wrapping key never leaves the provider, but the target key's plaintext is in server memory (zeroed
 *      after import, which goes to the provider like any registered key).
 *
 *   Either way the Key Wrapping Data is kept (internal attribute `_Key Wrapping Data`) so that Get with Key
 *   Wrap Type As Registered can wrap it the same way again.
 * - Get with a Key Wrapping Specification: key-wrap-get.ts (it shares the parsing and block function here).
 *
 * Encoded Key Value: TTLV Encoding (default) wraps the TTLV of the Key Value structure; No Encoding wraps the
 * Key Material bytes. The wrapped bytes come as the Key Value Byte String (KMIP 1.x) or as a Key Material
 * Byte String inside the Key Value (as the OASIS TC-WRAP-1-14 vectors send them).
 */
import { ItemType } from '../kmip/item-type';
import {
  BlockCipherMode, CryptographicAlgorithm, CryptographicUsageMask, EncodingOption, KeyFormatType, KeyWrapType, ObjectType, Operation, PaddingMethod, ResultReason, Tag,
  WrappingMethod,
} from '../kmip';
import { KmipError } from '../message/errors';
import { T, child, type TtlvItem } from '../ttlv/item';
import { decodeTtlv } from '../ttlv/binary-reader';
import { dateOf, findAttr, intOf } from '../attributes/list';
import type { Attribute } from '../attributes/model';
import { mayProcess, violationReason } from '../lifecycle';
import type { HashAlg, KeyRef, KeySpec, UnwrapMethod, WrappedKey } from '../crypto/port';
import type { StoredObject } from '../store/port';
import type { OperationContext } from './types';
import { enumValue, isDestroyed, nowSeconds, reasonFor } from './common';
import { aesKeyUnwrap, aesKeyUnwrapPad, type BlockFn } from './aes-key-wrap';
import { hashOf } from './crypto/params';
import { digestFromSha256 } from './objects';

/** Internal attribute holding the Key Wrapping Data a key was registered with. */
export const WRAPPING_DATA_ATTRIBUTE = '_Key Wrapping Data';
/**
 * Internal attribute: 2 when the wrapped registration carried the wrapped bytes as Key Material inside a Key
 * Value structure (OASIS TC-WRAP-1/3-14, PyKMIP), 1 when as a Key Value Byte String (the 1.4 §2.1.4 form).
 */
export const WRAPPED_FORM_ATTRIBUTE = '_Wrapped Key Value Form';

/** How a wrapped Key Value is written: as the specification's Byte String, or as Key Material in a structure. */
export type WrappedForm = 'bytes' | 'struct';

const invalid = (m: string): KmipError => new KmipError(ResultReason.InvalidField, m);

function replace(s: TtlvItem, tag: number, by: TtlvItem): TtlvItem {
  return s.type === ItemType.Structure ? { ...s, value: s.value.map((c) => (c.tag === tag ? by : c)) } : s;
}

export interface WrapParams {
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
export function wrapParams(s: TtlvItem): WrapParams {
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
export function ecbBlock(ctx: OperationContext, key: KeyRef, decrypt: boolean): BlockFn {
  return async (block) => {
    if (decrypt) return ctx.crypto.decrypt(key, block, { mode: 'ECB', padding: 'None' });
    return (await ctx.crypto.encrypt(key, block, { mode: 'ECB', padding: 'None' })).data;
  };
}

export function modeOf(p: WrapParams, kek: StoredObject): number {
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
export async function unwrapRegistered(ctx: OperationContext, obj: TtlvItem): Promise<{ obj: TtlvItem; wrappingData?: TtlvItem; form?: WrappedForm }> {
  const kb = child(obj, Tag.KeyBlock);
  const kwd = child(kb, Tag.KeyWrappingData);
  if (!kb || !kwd) return { obj };
  const p = wrapParams(kwd);
  const kek = ctx.store.get(p.uid);
  if (!kek || kek.tenant !== ctx.tenant) return { obj };
  // Unwrapping under a key is using it: only a caller allowed to Decrypt with it may (otherwise the key is
  // kept wrapped, as for a key that is not ours). Without this, Register would be a decryption oracle.
  if (ctx.authorize && !ctx.authorize.object(Operation.Decrypt, kek).allow) return { obj };
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
  const form: WrappedForm = child(kb, Tag.KeyValue)?.type === ItemType.ByteString ? 'bytes' : 'struct';
  return { obj: replace(obj, Tag.KeyBlock, T.struct(Tag.KeyBlock, fields)), wrappingData: kwd, form };
}

/** A wrapped registration the provider unwrapped inside itself: the body to store, its key and Digest. */
export interface ImportedUnwrap {
  /** The object with the Key Wrapping Data removed and an empty Key Material placeholder (objects.ts). */
  obj: TtlvItem;
  key: WrappedKey;
  digest?: TtlvItem;
  wrappingData: TtlvItem;
  form: WrappedForm;
}

const enumIn = (s: TtlvItem | undefined, tag: number): number | undefined => {
  const c = child(s, tag);
  return c?.type === ItemType.Enumeration ? c.value : undefined;
};

/** The provider's key spec of a Symmetric Key algorithm, as objects.ts holds it; undefined for 3DES (case 2). */
function symmetricSpec(alg: number | undefined): KeySpec | undefined {
  if (alg === CryptographicAlgorithm.AES) return { keyClass: 'secret', algorithm: 'AES' };
  if (alg === CryptographicAlgorithm.DES3) return undefined;
  const name = Object.entries(CryptographicAlgorithm).find(([, v]) => v === alg)?.[0] ?? '';
  return { keyClass: 'secret', algorithm: name.startsWith('HMAC') ? 'HMAC' : 'GENERIC' };
}

/** The unwrapping the provider would do for case 1 of the header, or undefined (case 2). */
function inProviderMethod(ctx: OperationContext, p: WrapParams, kek: StoredObject): UnwrapMethod | undefined {
  const alg = intOf(kek.attributes, 'Cryptographic Algorithm');
  if (kek.objectType === ObjectType.SymmetricKey && alg === CryptographicAlgorithm.AES) {
    const mode = modeOf(p, kek);
    if (mode === BlockCipherMode.NISTKeyWrap) return { kind: 'AES-KW' };
    if (mode === BlockCipherMode.AESKeyWrapPadding) return { kind: 'AES-KWP' };
    return undefined; // unwrapBytes refuses it
  }
  if (kek.objectType === ObjectType.PrivateKey && kek.material && kek.kekId && ctx.crypto.keySpec({ wrapped: kek.material, kekId: kek.kekId }).algorithm === 'RSA') {
    if (p.padding !== undefined && p.padding !== PaddingMethod.OAEP) return undefined;
    return { kind: 'RSA-OAEP', hash: p.hash ?? 'SHA-1', mgfHash: p.mgfHash };
  }
  return undefined;
}

/**
 * Register, case 1 of the header: the wrapped material is unwrapped and imported inside the provider. Undefined
 * when the case does not apply (then unwrapRegistered does the work); errors as unwrapRegistered's, and a
 * wrong wrapping key or damaged data is a Cryptographic Failure (nothing is stored).
 */
export async function unwrapImportRegistered(ctx: OperationContext, obj: TtlvItem): Promise<ImportedUnwrap | undefined> {
  const kb = child(obj, Tag.KeyBlock);
  const kwd = child(kb, Tag.KeyWrappingData);
  if (!kb || !kwd || obj.tag !== Tag.SymmetricKey || !ctx.crypto.unwrapImport) return undefined;
  const p = wrapParams(kwd);
  if (p.encoding !== EncodingOption.NoEncoding || enumIn(kb, Tag.KeyFormatType) !== KeyFormatType.Raw) return undefined;
  const kek = ctx.store.get(p.uid);
  if (!kek || kek.tenant !== ctx.tenant) return undefined;
  if (ctx.authorize && !ctx.authorize.object(Operation.Decrypt, kek).allow) return undefined;
  if (child(kwd, Tag.MACSignature)) return undefined; // refused by unwrapRegistered
  const spec = symmetricSpec(enumIn(kb, Tag.CryptographicAlgorithm));
  const method = spec ? inProviderMethod(ctx, p, kek) : undefined;
  if (!spec || !method) return undefined;
  const len = child(kb, Tag.CryptographicLength);
  const bits = len?.type === ItemType.Integer && len.value > 0 && len.value % 8 === 0 ? len.value : undefined;
  // RFC 5649 and OAEP do not state the length exactly: only AES keys of a stated length (header, case 1).
  if (method.kind !== 'AES-KW' && (spec.algorithm !== 'AES' || bits === undefined)) return undefined;
  const key = await ctx.crypto.unwrapImport(usableForUnwrap(ctx, kek), wrappedBytes(kb), method, spec, method.kind === 'AES-KW' ? undefined : bits! / 8);
  if (!key) return undefined;
  const kv = T.struct(Tag.KeyValue, [T.bytes(Tag.KeyMaterial, Buffer.alloc(0))]);
  const fields = (kb.value as TtlvItem[]).filter((c) => c.tag !== Tag.KeyWrappingData).map((c) => (c.tag === Tag.KeyValue ? kv : c));
  const form: WrappedForm = child(kb, Tag.KeyValue)?.type === ItemType.ByteString ? 'bytes' : 'struct';
  const digest = key.rawSha256 ? digestFromSha256(key.rawSha256, KeyFormatType.Raw) : undefined;
  delete key.rawSha256; // only the Digest attribute keeps it
  return { obj: replace(obj, Tag.KeyBlock, T.struct(Tag.KeyBlock, fields)), key, digest, wrappingData: kwd, form };
}

/** Key Wrapping Specification that wraps a key again as its Key Wrapping Data says (Key Wrap Type As Registered). */
export function specFromWrappingData(kwd: TtlvItem): TtlvItem {
  const keep: number[] = [Tag.WrappingMethod, Tag.EncryptionKeyInformation, Tag.MACSignatureKeyInformation, Tag.EncodingOption];
  return T.struct(Tag.KeyWrappingSpecification, (kwd.type === ItemType.Structure ? kwd.value : []).filter((c) => keep.includes(c.tag)));
}

/** The internal attribute recording the Key Wrapping Data of a registration (Register adds it). */
export function wrappingDataAttributes(kwd: TtlvItem, form: WrappedForm = 'bytes'): Attribute[] {
  return [
    { name: WRAPPING_DATA_ATTRIBUTE, index: 0, value: { ...kwd, tag: Tag.AttributeValue } as TtlvItem },
    { name: WRAPPED_FORM_ATTRIBUTE, index: 0, value: T.int(Tag.AttributeValue, form === 'struct' ? 2 : 1) },
  ];
}

/**
 * The form a wrapped Key Value of this object is written in on Get. The OASIS vectors disagree for No
 * Encoding: TC-SENSITIVE-1-14 and TC_141 (1.1) expect the Key Value Byte String of the specification, while
 * TC-WRAP-3-14 wraps a key registered wrapped as Key Material in a Key Value structure and expects that form
 * back. So: the form the object was registered wrapped in, else the specification's Byte String.
 */
export function wrappedFormOf(obj: StoredObject): WrappedForm {
  return intOf(obj.attributes, WRAPPED_FORM_ATTRIBUTE) === 2 ? 'struct' : 'bytes';
}

/**
 * Get with Key Wrap Type As Registered (KMIP 1.4 §4.11) of an object registered wrapped: the Key Wrapping
 * Specification that wraps it the same way again (AES Key Wrap is deterministic, so the bytes are those
 * registered). Undefined when not asked for, or the object was registered in plaintext.
 */
export function asRegisteredSpec(obj: StoredObject, payload: TtlvItem): TtlvItem | undefined {
  if (enumValue(child(payload, Tag.KeyWrapType), 'Key Wrap Type') !== KeyWrapType.AsRegistered) return undefined;
  const kwd = findAttr(obj.attributes, WRAPPING_DATA_ATTRIBUTE)?.value;
  return kwd ? specFromWrappingData(kwd) : undefined;
}
