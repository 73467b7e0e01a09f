/**
 * Managed object bodies: split an object structure from a request into the body the store keeps (key
 * material replaced by an empty placeholder) and the secret the crypto provider wraps, and put them back
 * together for Get. Key material is copied into owned buffers and zeroed once wrapped or encoded.
 *
 * Placeholders left in the body where the secret was (they say how to put it back):
 *   Key Material  Byte String, empty     -> raw bytes
 *   Key Material  { Key: empty }         -> Transparent Symmetric Key: the Key bytes
 *   Key Material  Structure, empty       -> the TTLV encoding of the Key Material structure
 *   Key Value     Byte String, empty     -> a wrapped Key Value (Key Wrapping Data present)
 *   Opaque Data Value, empty             -> the opaque bytes
 * Public keys, certificates, certificate requests and templates hold nothing secret: their body is whole.
 */
import { createHash, createPrivateKey } from 'node:crypto';
import { ItemType } from '../kmip/item-type';
import { Tag, ObjectType, KeyFormatType, CryptographicAlgorithm, HashingAlgorithm, ResultReason } from '../kmip';
import { KmipError } from '../message/errors';
import { T, child, type TtlvItem } from '../ttlv/item';
import { encodeTtlv } from '../ttlv/binary-writer';
import { decodeTtlv } from '../ttlv/binary-reader';
import type { CryptoProvider, KeySpec, WrappedKey } from '../crypto/port';

/** Object Type enumeration value <-> the tag of its object structure. */
export const OBJECT_TAGS: ReadonlyArray<readonly [number, number]> = [
  [ObjectType.Certificate, Tag.Certificate],
  [ObjectType.SymmetricKey, Tag.SymmetricKey],
  [ObjectType.PublicKey, Tag.PublicKey],
  [ObjectType.PrivateKey, Tag.PrivateKey],
  [ObjectType.SplitKey, Tag.SplitKey],
  [ObjectType.Template, Tag.Template],
  [ObjectType.SecretData, Tag.SecretData],
  [ObjectType.OpaqueObject, Tag.OpaqueObject],
  [ObjectType.PGPKey, Tag.PGPKey],
  [ObjectType.CertificateRequest, Tag.CertificateRequest],
];

export function objectTagOf(objectType: number): number | undefined {
  return OBJECT_TAGS.find(([t]) => t === objectType)?.[1];
}

/** Objects whose key material is secret and goes to the crypto provider. */
const SECRET_TYPES = new Set<number>([
  ObjectType.SymmetricKey,
  ObjectType.SecretData,
  ObjectType.PrivateKey,
  ObjectType.SplitKey,
  ObjectType.PGPKey,
  ObjectType.OpaqueObject,
]);

export interface SplitObject {
  /** The object structure with the secret replaced by a placeholder. */
  body: TtlvItem;
  /** Plaintext secret (owned copy; the caller zeroes it), or undefined when nothing is secret. */
  secret?: Buffer;
  /** How the provider should hold it. */
  spec?: KeySpec;
}

function replaceChild(s: TtlvItem, tag: number, by: TtlvItem): TtlvItem {
  if (s.type !== ItemType.Structure) return s;
  return { ...s, value: s.value.map((c) => (c.tag === tag ? by : c)) };
}

function keySpecOf(objectType: number, keyBlock: TtlvItem, format: number | undefined): KeySpec {
  const alg = child(keyBlock, Tag.CryptographicAlgorithm);
  const a = alg?.type === ItemType.Enumeration ? alg.value : undefined;
  if (objectType === ObjectType.SymmetricKey) {
    if (a === CryptographicAlgorithm.AES) return { keyClass: 'secret', algorithm: 'AES' };
    if (a === CryptographicAlgorithm.DES3) return { keyClass: 'secret', algorithm: 'DES3' };
    const name = Object.entries(CryptographicAlgorithm).find(([, v]) => v === a)?.[0] ?? '';
    if (name.startsWith('HMAC')) return { keyClass: 'secret', algorithm: 'HMAC' };
  }
  if (objectType === ObjectType.PrivateKey && format === KeyFormatType.PKCS_8) {
    return { keyClass: 'private', algorithm: a === CryptographicAlgorithm.RSA ? 'RSA' : 'EC' };
  }
  return { keyClass: 'secret', algorithm: 'GENERIC' };
}

/** Split a managed object structure (as received in Register) into body and secret. */
export function splitObject(objectType: number, obj: TtlvItem): SplitObject {
  if (obj.type !== ItemType.Structure) throw new KmipError(ResultReason.InvalidField, 'object must be a Structure');
  if (!SECRET_TYPES.has(objectType)) return { body: obj };
  if (objectType === ObjectType.OpaqueObject) {
    const v = child(obj, Tag.OpaqueDataValue);
    if (!v || v.type !== ItemType.ByteString) throw new KmipError(ResultReason.InvalidField, 'Opaque Object needs an Opaque Data Value');
    return {
      body: replaceChild(obj, Tag.OpaqueDataValue, T.bytes(Tag.OpaqueDataValue, Buffer.alloc(0))),
      secret: Buffer.from(v.value),
      spec: { keyClass: 'secret', algorithm: 'GENERIC' },
    };
  }
  const kb = child(obj, Tag.KeyBlock);
  if (!kb || kb.type !== ItemType.Structure) throw new KmipError(ResultReason.InvalidField, 'object needs a Key Block');
  const kft = child(kb, Tag.KeyFormatType);
  const format = kft?.type === ItemType.Enumeration ? kft.value : undefined;
  const kv = child(kb, Tag.KeyValue);
  // A Key Block without Key Value: the value is kept elsewhere (Key Value Location, TC-MDO); nothing is secret.
  if (!kv) return { body: obj };
  if (kv.type === ItemType.ByteString) {
    // Wrapped key value: we cannot interpret it; keep it secret anyway.
    const newKb = replaceChild(kb, Tag.KeyValue, T.bytes(Tag.KeyValue, Buffer.alloc(0)));
    return { body: replaceChild(obj, Tag.KeyBlock, newKb), secret: Buffer.from(kv.value), spec: { keyClass: 'secret', algorithm: 'GENERIC' } };
  }
  const km = child(kv, Tag.KeyMaterial);
  if (!km) throw new KmipError(ResultReason.InvalidField, 'Key Value has no Key Material');
  let secret: Buffer;
  let placeholder: TtlvItem;
  let spec = keySpecOf(objectType, kb, format);
  if (km.type === ItemType.ByteString) {
    secret = Buffer.from(km.value);
    placeholder = T.bytes(Tag.KeyMaterial, Buffer.alloc(0));
    if (spec.keyClass === 'private') {
      try {
        // The provider keeps private keys as PKCS#8; check that it is one, else keep the bytes opaque.
        // The key type comes from the material (an Ed25519 key may come with Cryptographic Algorithm Ed25519 or none).
        const type = createPrivateKey({ key: secret, format: 'der', type: 'pkcs8' }).asymmetricKeyType;
        if (type === 'ed25519') spec = { keyClass: 'private', algorithm: 'ED25519' };
      } catch {
        spec = { keyClass: 'secret', algorithm: 'GENERIC' };
      }
    } else if (objectType === ObjectType.PrivateKey && format === KeyFormatType.PKCS_1) {
      const pk = tryPkcs1ToPkcs8(secret);
      if (pk) {
        secret.fill(0);
        secret = pk;
        spec = { keyClass: 'private', algorithm: 'RSA' };
      }
    }
  } else if (km.type === ItemType.Structure) {
    const key = child(km, Tag.Key);
    if (format === KeyFormatType.TransparentSymmetricKey && key?.type === ItemType.ByteString) {
      secret = Buffer.from(key.value);
      placeholder = T.struct(Tag.KeyMaterial, [T.bytes(Tag.Key, Buffer.alloc(0))]);
    } else {
      secret = encodeTtlv(km);
      placeholder = T.struct(Tag.KeyMaterial, []);
      spec = { keyClass: 'secret', algorithm: 'GENERIC' };
    }
  } else {
    throw new KmipError(ResultReason.InvalidField, 'Key Material must be a Byte String or a Structure');
  }
  const newKv = replaceChild(kv, Tag.KeyMaterial, placeholder);
  const newKb = replaceChild(kb, Tag.KeyValue, newKv);
  return { body: replaceChild(obj, Tag.KeyBlock, newKb), secret, spec };
}

function tryPkcs1ToPkcs8(der: Buffer): Buffer | undefined {
  try {
    return createPrivateKey({ key: der, format: 'der', type: 'pkcs1' }).export({ format: 'der', type: 'pkcs8' }) as Buffer;
  } catch {
    return undefined;
  }
}

function pkcs8ToPkcs1(der: Buffer): Buffer {
  return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }).export({ format: 'der', type: 'pkcs1' }) as Buffer;
}

/** Put the plaintext secret back into a body. Returns the object structure; `plain` is consumed (zeroed). */
export function assembleObject(objectType: number, body: TtlvItem, plain: Buffer | undefined, spec?: KeySpec): TtlvItem {
  if (!plain) return body;
  try {
    if (objectType === ObjectType.OpaqueObject) return replaceChild(body, Tag.OpaqueDataValue, T.bytes(Tag.OpaqueDataValue, Buffer.from(plain)));
    const kb = child(body, Tag.KeyBlock);
    if (!kb) return body;
    const kv = child(kb, Tag.KeyValue);
    if (!kv) return body;
    let newKv: TtlvItem;
    if (kv.type === ItemType.ByteString) {
      newKv = T.bytes(Tag.KeyValue, Buffer.from(plain));
    } else {
      const km = child(kv, Tag.KeyMaterial);
      let filled: TtlvItem;
      if (km?.type === ItemType.ByteString) {
        const kft = child(kb, Tag.KeyFormatType);
        const wantPkcs1 = kft?.type === ItemType.Enumeration && kft.value === KeyFormatType.PKCS_1 && spec?.keyClass === 'private';
        filled = T.bytes(Tag.KeyMaterial, wantPkcs1 ? pkcs8ToPkcs1(plain) : Buffer.from(plain));
      } else if (km?.type === ItemType.Structure && km.value.length === 1 && km.value[0].tag === Tag.Key) {
        filled = T.struct(Tag.KeyMaterial, [T.bytes(Tag.Key, Buffer.from(plain))]);
      } else {
        filled = { ...decodeTtlv(plain), tag: Tag.KeyMaterial } as TtlvItem;
      }
      newKv = replaceChild(kv, Tag.KeyMaterial, filled);
    }
    return replaceChild(body, Tag.KeyBlock, replaceChild(kb, Tag.KeyValue, newKv));
  } finally {
    plain.fill(0);
  }
}

/** Zero every Byte String inside an encoded-and-sent object tree (key material copies). */
export function zeroTree(item: TtlvItem): void {
  if (item.type === ItemType.ByteString) item.value.fill(0);
  else if (item.type === ItemType.Structure) for (const c of item.value) zeroTree(c);
}

export async function wrapSecret(crypto: CryptoProvider, split: SplitObject): Promise<WrappedKey | undefined> {
  if (!split.secret) return undefined;
  try {
    return await crypto.importKey(split.secret, split.spec);
  } finally {
    split.secret.fill(0);
  }
}

/**
 * Digest attribute value (SHA-256) over the bytes of the value in the given Key Format Type (KMIP 1.4 §3.17:
 * the digest of the Key Material in the stated format; certificates: the Certificate Value).
 */
export function digestValue(bytes: Buffer, keyFormatType?: number): TtlvItem {
  return digestFromSha256(createHash('sha256').update(bytes).digest(), keyFormatType);
}

/** The Digest attribute value for a SHA-256 already computed (e.g. inside the HSM). */
export function digestFromSha256(d: Buffer, keyFormatType?: number): TtlvItem {
  const fields: TtlvItem[] = [T.enum(Tag.HashingAlgorithm, HashingAlgorithm.SHA_256), T.bytes(Tag.DigestValue, d)];
  if (keyFormatType !== undefined) fields.push(T.enum(Tag.KeyFormatType, keyFormatType));
  return T.struct(Tag.AttributeValue, fields);
}

/** The non-secret bytes to digest for objects whose value stays in the body. */
export function publicValueBytes(objectType: number, obj: TtlvItem): Buffer | undefined {
  if (objectType === ObjectType.Certificate) {
    const v = child(obj, Tag.CertificateValue);
    return v?.type === ItemType.ByteString ? v.value : undefined;
  }
  if (objectType === ObjectType.CertificateRequest) {
    const v = child(obj, Tag.CertificateRequestValue);
    return v?.type === ItemType.ByteString ? v.value : undefined;
  }
  if (objectType === ObjectType.PublicKey) {
    const km = child(child(child(obj, Tag.KeyBlock), Tag.KeyValue), Tag.KeyMaterial);
    if (km?.type === ItemType.ByteString) return km.value;
    if (km) return encodeTtlv(km);
  }
  return undefined;
}
