/**
 * Get with a Key Wrapping Specification (KMIP 1.4 §2.1.5, §4.11): the Key Value of the object is wrapped
 * under another managed key of the caller's tenant before it leaves the server.
 *
 *   AES key (Wrap Key usage): AES Key Wrap (RFC 3394, Block Cipher Mode NISTKeyWrap, the default) or AES Key
 *     Wrap with Padding (RFC 5649, AESKeyWrapPadding), computed on the provider's AES-ECB block function:
 *     the wrapping key never leaves the HSM.
 *   RSA public key (Wrap Key usage): RSA-OAEP (hash from Cryptographic Parameters, SHA-1 default).
 *
 * Encoding Option TTLV Encoding (default) wraps the TTLV of the Key Value, No Encoding the Key Material bytes;
 * the Attribute Names of the specification name attributes "to be wrapped with the key material" (1.1-1.4
 * §2.1.6, 2.1 §2.1.x): they go into the Key Value structure before it is TTLV encoded (1.x Attribute
 * structures, 2.x one Attributes structure), and No Encoding with attribute names is an Encoding Option Error.
 * either way the Key Value becomes a Byte String (KMIP 1.4 §2.1.4), except for No Encoding of a key that was
 * registered wrapped as Key Material in a Key Value structure (OASIS TC-WRAP-3-14; the only form PyKMIP 0.10
 * reads). The wrapping key must be usable now (src/lifecycle, as for Encrypt).
 */
import { ItemType } from '../kmip/item-type';
import { BlockCipherMode, CryptographicAlgorithm, CryptographicUsageMask, EncodingOption, ObjectType, PaddingMethod, ResultReason, Tag } from '../kmip';
import { KmipError } from '../message/errors';
import { T, child, children, type TtlvItem } from '../ttlv/item';
import { encodeTtlv } from '../ttlv/binary-writer';
import { instances, intOf } from '../attributes/list';
import { canonicalName } from '../attributes/spec';
import { encodeAttribute1x, encodeAttribute2x, emittable } from '../attributes/convert';
import type { Attribute } from '../attributes/model';
import type { OperationContext } from './types';
import { loadObject, reasonFor } from './common';
import { aesKeyWrap, aesKeyWrapPad } from './aes-key-wrap';
import { ecbBlock, modeOf, wrapParams, type WrapParams, type WrappedForm } from './key-unwrap';
import { loadKey } from './crypto/key';

function replace(s: TtlvItem, tag: number, by: TtlvItem): TtlvItem {
  return s.type === ItemType.Structure ? { ...s, value: s.value.map((c) => (c.tag === tag ? by : c)) } : s;
}

/** The Attribute Names of a Key Wrapping Specification, canonical (bounded: each is one item of the request). */
function wrappedAttributeNames(spec: TtlvItem): string[] {
  return children(spec, Tag.AttributeName).map((n) => {
    if (n.type !== ItemType.TextString) throw new KmipError(ResultReason.InvalidField, 'Attribute Name must be a Text String');
    return canonicalName(n.value);
  });
}

/**
 * The Key Value with the named attributes of the object encapsulated (1.x: Attribute structures after the Key
 * Material; 2.x: one Attributes structure). Names the object has no value for, or the version does not
 * define, add nothing.
 */
export function keyValueWithAttributes(kv: TtlvItem, names: string[], attributes: readonly Attribute[], ctx: Pick<OperationContext, 'version'>): TtlvItem {
  if (names.length === 0 || kv.type !== ItemType.Structure) return kv;
  const seen = new Set<string>();
  const picked: Attribute[] = [];
  for (const n of names) {
    const key = n.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    picked.push(...instances(attributes, n));
  }
  const list = emittable(picked, ctx.version);
  if (list.length === 0) return kv;
  // Attributes the Key Value already carries are replaced by the object's current ones.
  const base = kv.value.filter((c) => c.tag !== Tag.Attribute && c.tag !== Tag.Attributes);
  const extra = ctx.version.major >= 2 ? [T.struct(Tag.Attributes, list.map(encodeAttribute2x))] : list.map((a) => encodeAttribute1x(a));
  return T.struct(Tag.KeyValue, [...base, ...extra]);
}

/** The bytes to wrap (an owned copy the caller zeroes). */
function dataToWrap(kv: TtlvItem, p: WrapParams): Buffer {
  if (p.encoding === EncodingOption.NoEncoding) {
    const km = child(kv, Tag.KeyMaterial);
    if (km?.type !== ItemType.ByteString) throw new KmipError(ResultReason.EncodingOptionError, 'No Encoding needs Key Material that is a Byte String');
    return Buffer.from(km.value);
  }
  return encodeTtlv(kv);
}

async function wrapBytes(ctx: OperationContext, p: WrapParams, data: Buffer): Promise<Buffer> {
  const wrapping = loadObject(ctx, p.uid);
  // Key usage, lifecycle state and dates are checked as for Encrypt, with the Wrap Key usage bit.
  const { key, spec } = loadKey(ctx, T.struct(Tag.RequestPayload, [T.text(Tag.UniqueIdentifier, p.uid)]), 'Get', CryptographicUsageMask.WrapKey, 'protect');
  if (wrapping.objectType === ObjectType.SymmetricKey && intOf(wrapping.attributes, 'Cryptographic Algorithm') === CryptographicAlgorithm.AES) {
    const mode = modeOf(p, wrapping);
    if (mode === BlockCipherMode.NISTKeyWrap) return aesKeyWrap(ecbBlock(ctx, key, false), data);
    if (mode === BlockCipherMode.AESKeyWrapPadding) return aesKeyWrapPad(ecbBlock(ctx, key, false), data);
    throw new KmipError(reasonFor(ctx, ResultReason.UnsupportedCryptographicParameters, ResultReason.CryptographicFailure), 'AES wrapping supports NISTKeyWrap and AESKeyWrapPadding');
  }
  if (wrapping.objectType === ObjectType.PublicKey && spec.algorithm === 'RSA') {
    if (p.padding !== undefined && p.padding !== PaddingMethod.OAEP) throw new KmipError(ResultReason.FeatureNotSupported, 'RSA wrapping supports OAEP only');
    try {
      return (await ctx.crypto.encrypt(key, data, { padding: 'OAEP', hash: p.hash ?? 'SHA-1', mgfHash: p.mgfHash })).data;
    } catch (e) {
      if (e instanceof KmipError) throw e;
      throw new KmipError(ResultReason.CryptographicFailure, `RSA-OAEP wrapping failed (is the key too large for the RSA modulus?): ${(e as Error).message}`);
    }
  }
  throw new KmipError(reasonFor(ctx, ResultReason.InvalidObjectType, ResultReason.IllegalOperation), 'the wrapping key must be an AES key or an RSA public key');
}

/**
 * Wraps the Key Value of `obj` (a plaintext object structure; the caller zeroes it) as `spec` asks. `form`
 * (No Encoding only): 'bytes' writes the Key Value Byte String (KMIP 1.4 §2.1.4), 'struct' the wrapped bytes as
 * Key Material in a Key Value structure (see wrappedFormOf in key-unwrap.ts). `attributes`: the object's
 * attributes, from which those the specification names are wrapped with the key material.
 */
export async function wrapForGet(
  ctx: OperationContext,
  obj: TtlvItem,
  spec: TtlvItem,
  form: WrappedForm = 'bytes',
  attributes: readonly Attribute[] = [],
): Promise<TtlvItem> {
  const p = wrapParams(spec);
  const names = wrappedAttributeNames(spec);
  // 1.1-1.4 Get errors: "Encoding Option not permitted when Key Wrapping Specification contains attribute names".
  if (names.length > 0 && p.encoding === EncodingOption.NoEncoding) {
    throw new KmipError(ResultReason.EncodingOptionError, 'No Encoding is not permitted when the Key Wrapping Specification names attributes');
  }
  const kb = child(obj, Tag.KeyBlock);
  const kv = child(kb, Tag.KeyValue);
  if (!kb || kb.type !== ItemType.Structure || !kv) throw new KmipError(ResultReason.KeyValueNotPresent, 'the object has no Key Value to wrap');
  const data = dataToWrap(keyValueWithAttributes(kv, names, attributes, ctx), p);
  let wrapped: Buffer;
  try {
    wrapped = await wrapBytes(ctx, p, data);
  } finally {
    data.fill(0);
  }
  const kwd: TtlvItem[] = [T.enum(Tag.WrappingMethod, p.method), p.eki];
  if (child(spec, Tag.EncodingOption)) kwd.push(T.enum(Tag.EncodingOption, p.encoding));
  const wrappedKv = p.encoding === EncodingOption.NoEncoding && form === 'struct' ? T.struct(Tag.KeyValue, [T.bytes(Tag.KeyMaterial, wrapped)]) : T.bytes(Tag.KeyValue, wrapped);
  const fields = kb.value.filter((c) => c.tag !== Tag.KeyWrappingData).map((c) => (c.tag === Tag.KeyValue ? wrappedKv : c));
  fields.push(T.struct(Tag.KeyWrappingData, kwd));
  return replace(obj, Tag.KeyBlock, T.struct(Tag.KeyBlock, fields));
}
