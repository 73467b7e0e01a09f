/**
 * Key wrapping on Get (KMIP 1.4 §2.1.5 Key Wrapping Specification, §2.1.3 Key Wrapping Data): the Key Value
 * is encrypted under another AES key of the caller's tenant with AES Key Wrap (NIST SP 800-38F / RFC 3394,
 * Block Cipher Mode NISTKeyWrap, the default) or with padding (RFC 5649, AESKeyWrapPadding). What is wrapped
 * is the TTLV encoding of the Key Value, or with Encoding Option No Encoding the raw Key Material bytes.
 * The wrapping key must permit Wrap Key and be usable now (src/lifecycle). Only the Encrypt method is
 * supported (MAC/Sign wrapping: Feature Not Supported).
 *
 * Both keys are exported from the provider for the duration of the call and zeroed afterwards.
 */
import { createCipheriv } from 'node:crypto';
import { ItemType } from '../kmip/item-type';
import { BlockCipherMode, CryptographicAlgorithm, CryptographicUsageMask, EncodingOption, ObjectType, ResultReason, Tag, WrappingMethod } from '../kmip';
import { KmipError } from '../message/errors';
import { T, child, type TtlvItem } from '../ttlv/item';
import { encodeTtlv } from '../ttlv/binary-writer';
import { dateOf, intOf } from '../attributes/list';
import { mayProtect, violationReason } from '../lifecycle';
import type { OperationContext } from './types';
import { enumValue, isDestroyed, loadObject, nowSeconds, reasonFor } from './common';

const NIST_IV = Buffer.from('A6A6A6A6A6A6A6A6', 'hex');

function replace(s: TtlvItem, tag: number, by: TtlvItem): TtlvItem {
  return s.type === ItemType.Structure ? { ...s, value: s.value.map((c) => (c.tag === tag ? by : c)) } : s;
}

function aesWrap(kek: Buffer, data: Buffer, padded: boolean): Buffer {
  const bits = kek.length * 8;
  if (![128, 192, 256].includes(bits)) throw new KmipError(ResultReason.CryptographicFailure, 'the wrapping key is not a 128/192/256-bit AES key');
  if (!padded && (data.length < 16 || data.length % 8 !== 0)) {
    throw new KmipError(ResultReason.CryptographicFailure, 'AES Key Wrap needs a multiple of 8 bytes (use AESKeyWrapPadding)');
  }
  const c = padded ? createCipheriv(`id-aes${bits}-wrap-pad`, kek, Buffer.from('A65959A6', 'hex')) : createCipheriv(`id-aes${bits}-wrap`, kek, NIST_IV);
  return Buffer.concat([c.update(data), c.final()]);
}

/** Wrap the Key Value of `obj` (a plaintext object structure) as `spec` asks. Zeroes the plaintext copies. */
export async function wrapKeyBlock(ctx: OperationContext, obj: TtlvItem, spec: TtlvItem): Promise<TtlvItem> {
  const method = enumValue(child(spec, Tag.WrappingMethod), 'Wrapping Method');
  if (method !== WrappingMethod.Encrypt) throw new KmipError(ResultReason.FeatureNotSupported, 'only the Encrypt wrapping method is supported');
  if (child(spec, Tag.MACSignatureKeyInformation)) throw new KmipError(ResultReason.FeatureNotSupported, 'MAC/Signature key wrapping is not supported');
  const eki = child(spec, Tag.EncryptionKeyInformation);
  const kekUid = child(eki, Tag.UniqueIdentifier);
  if (!eki || kekUid?.type !== ItemType.TextString) throw new KmipError(ResultReason.InvalidField, 'Encryption Key Information needs a Unique Identifier');
  const params = child(eki, Tag.CryptographicParameters);
  const mode = enumValue(child(params, Tag.BlockCipherMode), 'Block Cipher Mode') ?? BlockCipherMode.NISTKeyWrap;
  if (mode !== BlockCipherMode.NISTKeyWrap && mode !== BlockCipherMode.AESKeyWrapPadding) {
    throw new KmipError(reasonFor(ctx, ResultReason.UnsupportedCryptographicParameters, ResultReason.CryptographicFailure), 'wrapping supports NISTKeyWrap and AESKeyWrapPadding');
  }
  const encoding = enumValue(child(spec, Tag.EncodingOption), 'Encoding Option') ?? EncodingOption.TTLVEncoding;

  const kek = loadObject(ctx, kekUid.value);
  if (kek.objectType !== ObjectType.SymmetricKey || intOf(kek.attributes, 'Cryptographic Algorithm') !== CryptographicAlgorithm.AES) {
    throw new KmipError(reasonFor(ctx, ResultReason.InvalidObjectType, ResultReason.IllegalOperation), 'the wrapping key must be an AES Symmetric Key');
  }
  if (isDestroyed(kek) || !kek.material || !kek.kekId) throw new KmipError(reasonFor(ctx, ResultReason.WrappingObjectDestroyed, ResultReason.KeyValueNotPresent), 'the wrapping key has no key material');
  const mask = intOf(kek.attributes, 'Cryptographic Usage Mask') ?? 0;
  if ((mask & CryptographicUsageMask.WrapKey) === 0) {
    throw new KmipError(reasonFor(ctx, ResultReason.IncompatibleCryptographicUsageMask, ResultReason.PermissionDenied), 'the wrapping key does not permit Wrap Key');
  }
  const dates = { activationDate: dateOf(kek.attributes, 'Activation Date'), deactivationDate: dateOf(kek.attributes, 'Deactivation Date'), protectStopDate: dateOf(kek.attributes, 'Protect Stop Date') };
  const use = mayProtect(kek.state, dates, nowSeconds(ctx));
  if (!use.ok) throw new KmipError(violationReason(ctx.version), `wrapping key: ${use.message}`);

  const kb = child(obj, Tag.KeyBlock);
  const kv = child(kb, Tag.KeyValue);
  if (!kb || !kv) throw new KmipError(ResultReason.KeyValueNotPresent, 'the object has no Key Value to wrap');
  let data: Buffer;
  if (encoding === EncodingOption.NoEncoding) {
    const km = child(kv, Tag.KeyMaterial);
    if (km?.type !== ItemType.ByteString) throw new KmipError(ResultReason.EncodingOptionError, 'No Encoding needs Key Material that is a Byte String');
    data = Buffer.from(km.value);
  } else {
    data = encodeTtlv(kv);
  }
  const kekPlain = await ctx.crypto.exportKey({ wrapped: kek.material, kekId: kek.kekId });
  let wrapped: Buffer;
  try {
    wrapped = aesWrap(kekPlain, data, mode === BlockCipherMode.AESKeyWrapPadding);
  } finally {
    kekPlain.fill(0);
    data.fill(0);
  }
  const wrappingData: TtlvItem[] = [T.enum(Tag.WrappingMethod, method), eki];
  if (child(spec, Tag.EncodingOption)) wrappingData.push(T.enum(Tag.EncodingOption, encoding));
  const fields = (kb.value as TtlvItem[]).filter((c) => c.tag !== Tag.KeyWrappingData).map((c) => (c.tag === Tag.KeyValue ? T.bytes(Tag.KeyValue, wrapped) : c));
  fields.push(T.struct(Tag.KeyWrappingData, wrappingData));
  return replace(obj, Tag.KeyBlock, T.struct(Tag.KeyBlock, fields));
}
