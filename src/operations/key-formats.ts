/**
 * Key Format Type conversions (KMIP 1.4 §2.1.3-2.1.7 and §9.1.3.2.3, 2.1 §2.1.7/§11.13) for Get and Register.
 *
 *   Symmetric Key   Raw <-> Transparent Symmetric Key
 *   RSA private     PKCS#1, PKCS#8, Transparent RSA Private Key
 *   RSA public      PKCS#1, X.509 (SubjectPublicKeyInfo), Transparent RSA Public Key
 *   EC private      PKCS#8, ECPrivateKey (SEC 1), Transparent EC Private Key (1.3+),
 *                   Transparent ECDSA/ECDH Private Key (1.0-1.4)
 *   EC public       X.509, Transparent EC Public Key (1.3+), Transparent ECDSA/ECDH Public Key (1.0-1.4)
 *   Ed25519 (2.0+)  private PKCS#8, Raw (the 32-byte seed); public X.509, Raw (the 32-byte key). KMIP defines no
 *                   transparent Edwards formats; Raw is the key's bytes (RFC 8032), as for symmetric keys.
 *
 * DER goes through node:crypto only (KeyObject import/export, JWK for the components); no ASN.1 by hand.
 * Anything else is Key Format Type Not Supported. Transparent keys carry Big Integers: a JavaScript bigint
 * cannot be zeroed, so those copies live until collected (the Byte String copies are zeroed by the callers).
 */
import * as nodeCrypto from 'node:crypto';
import { ItemType } from '../kmip/item-type';
import { Tag, ObjectType, KeyFormatType, RecommendedCurve, ResultReason, CryptographicAlgorithm } from '../kmip';
import { KmipError } from '../message/errors';
import { T, child, type TtlvItem } from '../ttlv/item';
import type { ProtocolVersion } from './types';
import type { Attribute } from '../attributes/model';
import type { StoredObject } from '../store/port';
import { intOf } from '../attributes/list';
import { ed25519Pkcs8, ed25519Spki } from '../crypto/material';

const F = KeyFormatType;

/** Curves the providers support: node name, JWK name, Recommended Curve value. */
const CURVES = [
  { node: 'prime256v1', jwk: 'P-256', kmip: RecommendedCurve.P_256, bytes: 32 },
  { node: 'secp384r1', jwk: 'P-384', kmip: RecommendedCurve.P_384, bytes: 48 },
  { node: 'secp521r1', jwk: 'P-521', kmip: RecommendedCurve.P_521, bytes: 66 },
  { node: 'secp256k1', jwk: 'secp256k1', kmip: RecommendedCurve.SECP256K1, bytes: 32 },
] as const;

const TRANSPARENT_EC_PRIVATE = new Set<number>([F.TransparentECPrivateKey, F.TransparentECDSAPrivateKey, F.TransparentECDHPrivateKey]);
const TRANSPARENT_EC_PUBLIC = new Set<number>([F.TransparentECPublicKey, F.TransparentECDSAPublicKey, F.TransparentECDHPublicKey]);

function unsupported(message: string): KmipError {
  return new KmipError(ResultReason.KeyFormatTypeNotSupported, message);
}

function invalid(message: string): KmipError {
  return new KmipError(ResultReason.InvalidField, message);
}

/** Whether the negotiated version defines this Key Format Type (EC from 1.3, ECDSA/ECDH until 1.4). */
export function formatDefinedIn(format: number, version: ProtocolVersion): boolean {
  const v = version.major * 10 + version.minor;
  if (format >= F.TransparentECDSAPrivateKey && format <= F.TransparentECMQVPublicKey) return v < 20;
  if (format === F.TransparentECPrivateKey || format === F.TransparentECPublicKey) return v >= 13;
  return true;
}

// ---- bigint <-> bytes -------------------------------------------------------------------------------

function bytesToBig(b: Buffer): bigint {
  return b.length === 0 ? 0n : BigInt('0x' + b.toString('hex'));
}

/** Unsigned big-endian bytes of a non-negative bigint; `size` left-pads (EC coordinates). */
function bigToBytes(v: bigint, size = 0): Buffer {
  if (v < 0n) throw invalid('key component is negative');
  let hex = v.toString(16);
  if (hex.length % 2) hex = '0' + hex;
  const b = Buffer.from(hex, 'hex');
  if (size === 0 || b.length === size) return b;
  if (b.length > size) throw invalid('key component is longer than the curve allows');
  return Buffer.concat([Buffer.alloc(size - b.length), b]);
}

const b64 = (s: string | undefined): Buffer => Buffer.from(s ?? '', 'base64url');
const big64 = (s: string | undefined): bigint => bytesToBig(b64(s));
const jwkBig = (v: bigint, size = 0): string => bigToBytes(v, size).toString('base64url');

// ---- parsing Key Material into a KeyObject ----------------------------------------------------------

function bigField(km: TtlvItem, tag: number): bigint | undefined {
  const c = child(km, tag);
  if (!c) return undefined;
  if (c.type === ItemType.BigInteger || c.type === ItemType.LongInteger) return c.value;
  if (c.type === ItemType.Integer) return BigInt(c.value);
  throw invalid('a transparent key component must be a Big Integer');
}

function curveOf(value: number | undefined): (typeof CURVES)[number] {
  const c = CURVES.find((x) => x.kmip === value);
  if (!c) throw unsupported(`Recommended Curve ${value ?? '(missing)'} is not supported (P-256, P-384, P-521, secp256k1)`);
  return c;
}

function curveOfKey(key: nodeCrypto.KeyObject): (typeof CURVES)[number] {
  const named = key.asymmetricKeyDetails?.namedCurve;
  const c = CURVES.find((x) => x.node === named);
  if (!c) throw unsupported(`elliptic curve ${named ?? 'unknown'} is not supported`);
  return c;
}

function recommendedCurve(km: TtlvItem): (typeof CURVES)[number] {
  const rc = child(km, Tag.RecommendedCurve);
  return curveOf(rc?.type === ItemType.Enumeration ? rc.value : undefined);
}

/** Uncompressed point 04||X||Y -> JWK x, y. */
function pointToJwk(q: Buffer, curve: (typeof CURVES)[number]): { x: string; y: string } {
  if (q.length !== 1 + 2 * curve.bytes || q[0] !== 0x04) throw invalid(`Q String is not an uncompressed ${curve.jwk} point`);
  return { x: q.subarray(1, 1 + curve.bytes).toString('base64url'), y: q.subarray(1 + curve.bytes).toString('base64url') };
}

function derImport(objectType: number, format: number, der: Buffer): nodeCrypto.KeyObject {
  const priv = objectType === ObjectType.PrivateKey;
  const type =
    format === F.PKCS_1 ? 'pkcs1' : format === F.PKCS_8 && priv ? 'pkcs8' : format === F.ECPrivateKey && priv ? 'sec1' : format === F.X_509 && !priv ? 'spki' : undefined;
  if (!type) throw unsupported(`Key Format Type ${format} is not supported for this object`);
  try {
    return priv
      ? nodeCrypto.createPrivateKey({ key: der, format: 'der', type: type as 'pkcs1' | 'pkcs8' | 'sec1' })
      : nodeCrypto.createPublicKey({ key: der, format: 'der', type: type as 'pkcs1' | 'spki' });
  } catch {
    throw invalid(`Key Material does not parse as the stated Key Format Type`);
  }
}

function transparentImport(objectType: number, format: number, km: TtlvItem): nodeCrypto.KeyObject {
  const priv = objectType === ObjectType.PrivateKey;
  let jwk: nodeCrypto.JsonWebKey;
  if (format === F.TransparentRSAPrivateKey && priv) {
    const need = (tag: number, name: string): string => {
      const v = bigField(km, tag);
      if (v === undefined) throw unsupported(`Transparent RSA Private Key without ${name} is not supported`);
      return jwkBig(v);
    };
    jwk = {
      kty: 'RSA', n: need(Tag.Modulus, 'Modulus'), e: need(Tag.PublicExponent, 'Public Exponent'), d: need(Tag.PrivateExponent, 'Private Exponent'),
      p: need(Tag.P, 'P'), q: need(Tag.Q, 'Q'), dp: need(Tag.PrimeExponentP, 'Prime Exponent P'), dq: need(Tag.PrimeExponentQ, 'Prime Exponent Q'),
      qi: need(Tag.CRTCoefficient, 'CRT Coefficient'),
    };
  } else if (format === F.TransparentRSAPublicKey && !priv) {
    const n = bigField(km, Tag.Modulus);
    const e = bigField(km, Tag.PublicExponent);
    if (n === undefined || e === undefined) throw invalid('Transparent RSA Public Key needs Modulus and Public Exponent');
    jwk = { kty: 'RSA', n: jwkBig(n), e: jwkBig(e) };
  } else if (TRANSPARENT_EC_PRIVATE.has(format) && priv) {
    const curve = recommendedCurve(km);
    const d = bigField(km, Tag.D);
    if (d === undefined) throw invalid('Transparent EC Private Key needs D');
    const dBytes = bigToBytes(d, curve.bytes);
    try {
      // The public point is derived from D (the format carries no Q).
      const ecdh = nodeCrypto.createECDH(curve.node);
      ecdh.setPrivateKey(dBytes);
      jwk = { kty: 'EC', crv: curve.jwk, d: dBytes.toString('base64url'), ...pointToJwk(ecdh.getPublicKey(), curve) };
    } catch (e) {
      if (e instanceof KmipError) throw e;
      throw invalid('D is not a valid private scalar for the curve');
    } finally {
      dBytes.fill(0);
    }
  } else if (TRANSPARENT_EC_PUBLIC.has(format) && !priv) {
    const curve = recommendedCurve(km);
    const q = child(km, Tag.QString);
    if (q?.type !== ItemType.ByteString) throw invalid('Transparent EC Public Key needs a Q String');
    jwk = { kty: 'EC', crv: curve.jwk, ...pointToJwk(q.value, curve) };
  } else {
    throw unsupported(`Key Format Type ${format} is not supported for this object`);
  }
  try {
    return priv ? nodeCrypto.createPrivateKey({ key: jwk, format: 'jwk' }) : nodeCrypto.createPublicKey({ key: jwk, format: 'jwk' });
  } catch {
    throw invalid('the transparent key components do not form a valid key');
  }
}

/** An Ed25519 key from its Raw bytes (RFC 8032: the 32-byte seed, or the 32-byte public key). */
function rawEd25519Import(objectType: number, raw: Buffer): nodeCrypto.KeyObject {
  if (raw.length !== 32) throw invalid(`Raw Ed25519 key material is 32 bytes, not ${raw.length}`);
  if (objectType === ObjectType.PublicKey) return nodeCrypto.createPublicKey({ key: ed25519Spki(raw), format: 'der', type: 'spki' });
  const der = ed25519Pkcs8(raw);
  try {
    return nodeCrypto.createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
  } finally {
    der.fill(0);
  }
}

/**
 * The asymmetric key held by Key Material in `format` (Private Key or Public Key objects). algorithm: the Key
 * Block's Cryptographic Algorithm, which Raw material needs (Raw is defined here for Ed25519 only).
 */
export function keyObjectOf(objectType: number, format: number, km: TtlvItem, algorithm?: number): nodeCrypto.KeyObject {
  if (objectType !== ObjectType.PrivateKey && objectType !== ObjectType.PublicKey) throw unsupported('only Private and Public Keys have asymmetric formats');
  let key: nodeCrypto.KeyObject | undefined;
  if (format === F.Raw && algorithm === CryptographicAlgorithm.Ed25519 && km.type === ItemType.ByteString) key = rawEd25519Import(objectType, km.value);
  else if (km.type === ItemType.ByteString) key = derImport(objectType, format, km.value);
  else if (km.type === ItemType.Structure) key = transparentImport(objectType, format, km);
  if (!key) throw invalid('Key Material must be a Byte String or a Structure');
  const kind = key.asymmetricKeyType;
  if (kind !== 'rsa' && kind !== 'ec' && kind !== 'ed25519') throw unsupported(`${kind} keys are not supported`);
  if (kind === 'ec') curveOfKey(key);
  return key;
}

// ---- encoding a KeyObject as Key Material -----------------------------------------------------------

/** Key Material (tag Key Material) of `key` in `format`. Throws Key Format Type Not Supported when it cannot be. */
export function keyMaterialOf(key: nodeCrypto.KeyObject, format: number, version: ProtocolVersion): TtlvItem {
  if (!formatDefinedIn(format, version)) throw unsupported(`Key Format Type ${format} is not defined in KMIP ${version.major}.${version.minor}`);
  const priv = key.type === 'private';
  const rsa = key.asymmetricKeyType === 'rsa';
  const der = (type: 'pkcs1' | 'pkcs8' | 'sec1' | 'spki'): TtlvItem =>
    T.bytes(Tag.KeyMaterial, priv ? (key.export({ format: 'der', type: type as 'pkcs1' | 'pkcs8' | 'sec1' }) as Buffer) : (key.export({ format: 'der', type: type as 'pkcs1' | 'spki' }) as Buffer));
  if (format === F.PKCS_1 && rsa) return der('pkcs1');
  if (format === F.PKCS_8 && priv) return der('pkcs8');
  if (format === F.ECPrivateKey && priv && !rsa) return der('sec1');
  if (format === F.X_509 && !priv) return der('spki');
  const jwk = key.export({ format: 'jwk' });
  if (key.asymmetricKeyType === 'ed25519') {
    if (format === F.Raw) return T.bytes(Tag.KeyMaterial, b64(priv ? jwk.d : jwk.x));
    throw unsupported(`an Ed25519 ${priv ? 'private' : 'public'} key is given as ${priv ? 'PKCS#8' : 'X.509'} or Raw, not Key Format Type ${format}`);
  }
  if (rsa && priv && format === F.TransparentRSAPrivateKey) {
    return T.struct(Tag.KeyMaterial, [
      T.big(Tag.Modulus, big64(jwk.n)), T.big(Tag.PrivateExponent, big64(jwk.d)), T.big(Tag.PublicExponent, big64(jwk.e)),
      T.big(Tag.P, big64(jwk.p)), T.big(Tag.Q, big64(jwk.q)), T.big(Tag.PrimeExponentP, big64(jwk.dp)),
      T.big(Tag.PrimeExponentQ, big64(jwk.dq)), T.big(Tag.CRTCoefficient, big64(jwk.qi)),
    ]);
  }
  if (rsa && !priv && format === F.TransparentRSAPublicKey) {
    return T.struct(Tag.KeyMaterial, [T.big(Tag.Modulus, big64(jwk.n)), T.big(Tag.PublicExponent, big64(jwk.e))]);
  }
  if (!rsa) {
    const curve = curveOfKey(key);
    if (priv && TRANSPARENT_EC_PRIVATE.has(format)) {
      return T.struct(Tag.KeyMaterial, [T.enum(Tag.RecommendedCurve, curve.kmip), T.big(Tag.D, big64(jwk.d))]);
    }
    if (!priv && TRANSPARENT_EC_PUBLIC.has(format)) {
      const q = Buffer.concat([Buffer.from([4]), b64(jwk.x), b64(jwk.y)]);
      return T.struct(Tag.KeyMaterial, [T.enum(Tag.RecommendedCurve, curve.kmip), T.bytes(Tag.QString, q)]);
    }
  }
  throw unsupported(`a${priv ? ' private' : ' public'} ${rsa ? 'RSA' : 'EC'} key cannot be given as Key Format Type ${format}`);
}

// ---- whole objects ----------------------------------------------------------------------------------

function replace(s: TtlvItem, tag: number, by: TtlvItem): TtlvItem {
  return s.type === ItemType.Structure ? { ...s, value: s.value.map((c) => (c.tag === tag ? by : c)) } : s;
}

function enumOf(item: TtlvItem | undefined): number | undefined {
  return item?.type === ItemType.Enumeration ? item.value : undefined;
}

function zero(item: TtlvItem | undefined): void {
  if (!item) return;
  if (item.type === ItemType.ByteString) item.value.fill(0);
  else if (item.type === ItemType.Structure) for (const c of item.value) zero(c);
}

/**
 * The object structure `obj` (a plaintext Symmetric, Private or Public Key) with its Key Material in
 * `wanted`. Returns `obj` itself when it already is. The caller keeps ownership of `obj`; the result shares
 * no Byte String with it when converted. A wrapped Key Value (Key Wrapping Data) is never converted.
 */
export function convertKeyFormat(objectType: number, obj: TtlvItem, wanted: number, version: ProtocolVersion): TtlvItem {
  const kb = child(obj, Tag.KeyBlock);
  // Objects without a Key Block (certificates, opaque objects) have no format to convert: returned as they are.
  if (!kb) return obj;
  const current = enumOf(child(kb, Tag.KeyFormatType));
  if (current === undefined) throw unsupported('the Key Block has no Key Format Type');
  if (current === wanted) return obj;
  const kv = child(kb, Tag.KeyValue);
  const km = child(kv, Tag.KeyMaterial);
  if (!kv || !km || child(kb, Tag.KeyWrappingData)) throw unsupported('a wrapped or absent Key Value cannot be converted');
  if (!formatDefinedIn(wanted, version)) throw unsupported(`Key Format Type ${wanted} is not defined in KMIP ${version.major}.${version.minor}`);
  let newKm: TtlvItem | undefined;
  if (objectType === ObjectType.SymmetricKey) {
    if (current === F.Raw && wanted === F.TransparentSymmetricKey && km.type === ItemType.ByteString) {
      newKm = T.struct(Tag.KeyMaterial, [T.bytes(Tag.Key, Buffer.from(km.value))]);
    } else if (current === F.TransparentSymmetricKey && wanted === F.Raw) {
      const key = child(km, Tag.Key);
      if (key?.type === ItemType.ByteString) newKm = T.bytes(Tag.KeyMaterial, Buffer.from(key.value));
    }
    if (!newKm) throw unsupported('a Symmetric Key converts only between Raw and Transparent Symmetric Key');
  } else if (objectType === ObjectType.PrivateKey || objectType === ObjectType.PublicKey) {
    newKm = keyMaterialOf(keyObjectOf(objectType, current, km, enumOf(child(kb, Tag.CryptographicAlgorithm))), wanted, version);
  } else {
    throw unsupported('only keys can be returned in another Key Format Type');
  }
  const newKb = replace(replace(kb, Tag.KeyValue, replace(kv, Tag.KeyMaterial, newKm)), Tag.KeyFormatType, T.enum(Tag.KeyFormatType, wanted));
  return replace(obj, Tag.KeyBlock, newKb);
}

/**
 * Register: the canonical stored form of a key object. Private keys in SEC 1 or a transparent format
 * become PKCS#8 (what the provider holds, so the HSM can sign with them); public keys in a transparent
 * format become X.509 SubjectPublicKeyInfo (what the crypto operations read). PKCS#1, PKCS#8, X.509, Raw
 * and Transparent Symmetric Key are kept as registered. Zeroes the replaced Byte Strings of `obj`. Get gives
 * the key back in its registered format (registeredFormatOf).
 */
export function canonicalKeyObject(objectType: number, obj: TtlvItem): TtlvItem {
  if (objectType !== ObjectType.PrivateKey && objectType !== ObjectType.PublicKey) return obj;
  const kb = child(obj, Tag.KeyBlock);
  const format = enumOf(child(kb, Tag.KeyFormatType));
  const km = child(child(kb, Tag.KeyValue), Tag.KeyMaterial);
  if (!kb || format === undefined || !km || child(kb, Tag.KeyWrappingData)) return obj;
  const keep = objectType === ObjectType.PrivateKey ? [F.PKCS_1, F.PKCS_8] : [F.PKCS_1, F.X_509];
  if ((keep as number[]).includes(format)) return obj;
  const wanted = objectType === ObjectType.PrivateKey ? F.PKCS_8 : F.X_509;
  let out: TtlvItem;
  try {
    // PKCS#8 and X.509 are defined in every version; the source format was accepted by the message layer.
    out = convertKeyFormat(objectType, obj, wanted, { major: 2, minor: 1 });
  } catch (e) {
    // Material that does not form a usable key (incomplete components, unknown curve) is kept as registered,
    // opaque to the provider: Register stores what it was given, as it does for any other value.
    if (e instanceof KmipError) return obj;
    throw e;
  }
  zero(km);
  return out;
}

/** Internal attribute: the Key Format Type a key was registered in, when it is stored in its canonical form. */
export const REGISTERED_FORMAT_ATTRIBUTE = '_Registered Key Format Type';

/** The internal attribute for Register when canonicalKeyObject changed the format (else none). */
export function registeredFormatAttributes(given: TtlvItem, stored: TtlvItem): Attribute[] {
  const before = enumOf(child(child(given, Tag.KeyBlock), Tag.KeyFormatType));
  const after = enumOf(child(child(stored, Tag.KeyBlock), Tag.KeyFormatType));
  if (before === undefined || before === after) return [];
  return [{ name: REGISTERED_FORMAT_ATTRIBUTE, index: 0, value: T.enum(Tag.AttributeValue, before) }];
}

/**
 * Get without a Key Format Type: the format the key was registered in (KMIP 1.4 §4.11: the server SHALL be
 * able to return it in that format), when the version defines it; else undefined (the stored form).
 */
export function registeredFormatOf(obj: StoredObject, version: ProtocolVersion): number | undefined {
  const f = intOf(obj.attributes, REGISTERED_FORMAT_ATTRIBUTE);
  return f !== undefined && formatDefinedIn(f, version) ? f : undefined;
}

/** Zeroes the Key Material Byte Strings of an object structure (copies made by the functions above). */
export function zeroKeyMaterial(obj: TtlvItem): void {
  zero(child(child(child(obj, Tag.KeyBlock), Tag.KeyValue), Tag.KeyMaterial));
}
