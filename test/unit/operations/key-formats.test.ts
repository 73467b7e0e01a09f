/**
 * Key Format Type conversions (src/operations/key-formats.ts): every supported pair is checked against
 * node:crypto's own encodings of the same key, and the unsupported ones fail with Key Format Type Not
 * Supported.
 */
import * as nodeCrypto from 'node:crypto';
import { Tag, ObjectType, KeyFormatType as F, RecommendedCurve, ResultReason } from '../../../src/kmip';
import { ItemType } from '../../../src/kmip/item-type';
import { T, child, type TtlvItem } from '../../../src/ttlv/item';
import { KmipError } from '../../../src/message/errors';
import { canonicalKeyObject, convertKeyFormat, formatDefinedIn, keyMaterialOf, keyObjectOf } from '../../../src/operations/key-formats';

const V14 = { major: 1, minor: 4 };
const V12 = { major: 1, minor: 2 };
const V21 = { major: 2, minor: 1 };

const rsa = nodeCrypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
const ec = nodeCrypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
const ec384 = nodeCrypto.generateKeyPairSync('ec', { namedCurve: 'P-384' });

function keyObj(objectType: number, format: number, km: TtlvItem): TtlvItem {
  const tag = objectType === ObjectType.PrivateKey ? Tag.PrivateKey : objectType === ObjectType.PublicKey ? Tag.PublicKey : Tag.SymmetricKey;
  return T.struct(tag, [T.struct(Tag.KeyBlock, [T.enum(Tag.KeyFormatType, format), T.struct(Tag.KeyValue, [km]), T.int(Tag.CryptographicLength, 2048)])]);
}

const kmOf = (obj: TtlvItem): TtlvItem => child(child(child(obj, Tag.KeyBlock), Tag.KeyValue), Tag.KeyMaterial)!;
const fmtOf = (obj: TtlvItem): number => (child(child(obj, Tag.KeyBlock), Tag.KeyFormatType) as { value: number }).value;
const bytesOf = (item: TtlvItem): Buffer => {
  if (item.type !== ItemType.ByteString) throw new Error('not a byte string');
  return item.value;
};
const big = (item: TtlvItem | undefined): bigint => {
  if (item?.type !== ItemType.BigInteger) throw new Error('not a big integer');
  return item.value;
};
const b64big = (s: string | undefined) => BigInt('0x' + Buffer.from(s!, 'base64url').toString('hex'));

function reason(fn: () => unknown): number | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof KmipError) return e.reason;
    throw e;
  }
  return undefined;
}

const der = (k: nodeCrypto.KeyObject, type: string) => k.export({ format: 'der', type } as never) as Buffer;

describe('symmetric keys', () => {
  const raw = Buffer.from('00112233445566778899aabbccddeeff', 'hex');
  test('Raw -> Transparent Symmetric Key -> Raw keeps the bytes', () => {
    const obj = keyObj(ObjectType.SymmetricKey, F.Raw, T.bytes(Tag.KeyMaterial, Buffer.from(raw)));
    const t = convertKeyFormat(ObjectType.SymmetricKey, obj, F.TransparentSymmetricKey, V14);
    expect(fmtOf(t)).toBe(F.TransparentSymmetricKey);
    expect(bytesOf(child(kmOf(t), Tag.Key)!)).toEqual(raw);
    const back = convertKeyFormat(ObjectType.SymmetricKey, t, F.Raw, V14);
    expect(bytesOf(kmOf(back))).toEqual(raw);
  });
  test('same format returns the object unchanged', () => {
    const obj = keyObj(ObjectType.SymmetricKey, F.Raw, T.bytes(Tag.KeyMaterial, Buffer.from(raw)));
    expect(convertKeyFormat(ObjectType.SymmetricKey, obj, F.Raw, V14)).toBe(obj);
  });
  test('a symmetric key as PKCS#8 is Key Format Type Not Supported', () => {
    const obj = keyObj(ObjectType.SymmetricKey, F.Raw, T.bytes(Tag.KeyMaterial, Buffer.from(raw)));
    expect(reason(() => convertKeyFormat(ObjectType.SymmetricKey, obj, F.PKCS_8, V14))).toBe(ResultReason.KeyFormatTypeNotSupported);
  });
});

describe('RSA private keys', () => {
  const pkcs8 = der(rsa.privateKey, 'pkcs8');
  const pkcs1 = der(rsa.privateKey, 'pkcs1');
  const jwk = rsa.privateKey.export({ format: 'jwk' });

  test('PKCS#8 -> PKCS#1 equals node:crypto PKCS#1 encoding', () => {
    const out = convertKeyFormat(ObjectType.PrivateKey, keyObj(ObjectType.PrivateKey, F.PKCS_8, T.bytes(Tag.KeyMaterial, pkcs8)), F.PKCS_1, V14);
    expect(fmtOf(out)).toBe(F.PKCS_1);
    expect(bytesOf(kmOf(out))).toEqual(pkcs1);
  });

  test('PKCS#1 -> Transparent RSA Private Key has the JWK components', () => {
    const out = convertKeyFormat(ObjectType.PrivateKey, keyObj(ObjectType.PrivateKey, F.PKCS_1, T.bytes(Tag.KeyMaterial, pkcs1)), F.TransparentRSAPrivateKey, V14);
    const km = kmOf(out);
    expect(big(child(km, Tag.Modulus))).toBe(b64big(jwk.n));
    expect(big(child(km, Tag.PublicExponent))).toBe(65537n);
    expect(big(child(km, Tag.PrivateExponent))).toBe(b64big(jwk.d));
    expect(big(child(km, Tag.P))).toBe(b64big(jwk.p));
    expect(big(child(km, Tag.Q))).toBe(b64big(jwk.q));
    expect(big(child(km, Tag.PrimeExponentP))).toBe(b64big(jwk.dp));
    expect(big(child(km, Tag.PrimeExponentQ))).toBe(b64big(jwk.dq));
    expect(big(child(km, Tag.CRTCoefficient))).toBe(b64big(jwk.qi));
  });

  test('Transparent RSA Private Key -> PKCS#8 round trips to the same key', () => {
    const t = keyMaterialOf(rsa.privateKey, F.TransparentRSAPrivateKey, V14);
    const out = convertKeyFormat(ObjectType.PrivateKey, keyObj(ObjectType.PrivateKey, F.TransparentRSAPrivateKey, t), F.PKCS_8, V14);
    expect(bytesOf(kmOf(out))).toEqual(pkcs8);
  });

  test('a Transparent RSA Private Key without CRT components is not supported', () => {
    const t = keyMaterialOf(rsa.privateKey, F.TransparentRSAPrivateKey, V14);
    const partial = T.struct(Tag.KeyMaterial, (t as { value: TtlvItem[] }).value.filter((c) => c.tag === Tag.Modulus || c.tag === Tag.PrivateExponent));
    expect(reason(() => keyObjectOf(ObjectType.PrivateKey, F.TransparentRSAPrivateKey, partial))).toBe(ResultReason.KeyFormatTypeNotSupported);
  });

  test('an RSA private key cannot be X.509 or ECPrivateKey', () => {
    const obj = keyObj(ObjectType.PrivateKey, F.PKCS_8, T.bytes(Tag.KeyMaterial, pkcs8));
    expect(reason(() => convertKeyFormat(ObjectType.PrivateKey, obj, F.X_509, V14))).toBe(ResultReason.KeyFormatTypeNotSupported);
    expect(reason(() => convertKeyFormat(ObjectType.PrivateKey, obj, F.ECPrivateKey, V14))).toBe(ResultReason.KeyFormatTypeNotSupported);
    expect(reason(() => convertKeyFormat(ObjectType.PrivateKey, obj, F.TransparentDSAPrivateKey, V14))).toBe(ResultReason.KeyFormatTypeNotSupported);
  });

  test('garbage in a PKCS#8 Key Material is Invalid Field', () => {
    const obj = keyObj(ObjectType.PrivateKey, F.PKCS_8, T.bytes(Tag.KeyMaterial, Buffer.from('3003020101', 'hex')));
    expect(reason(() => convertKeyFormat(ObjectType.PrivateKey, obj, F.PKCS_1, V14))).toBe(ResultReason.InvalidField);
  });
});

describe('RSA public keys', () => {
  const spki = der(rsa.publicKey, 'spki');
  const pkcs1 = der(rsa.publicKey, 'pkcs1');
  test('X.509 <-> PKCS#1 <-> Transparent RSA Public Key', () => {
    const x509 = keyObj(ObjectType.PublicKey, F.X_509, T.bytes(Tag.KeyMaterial, spki));
    const p1 = convertKeyFormat(ObjectType.PublicKey, x509, F.PKCS_1, V14);
    expect(bytesOf(kmOf(p1))).toEqual(pkcs1);
    const t = convertKeyFormat(ObjectType.PublicKey, p1, F.TransparentRSAPublicKey, V14);
    expect(big(child(kmOf(t), Tag.Modulus))).toBe(b64big(rsa.publicKey.export({ format: 'jwk' }).n));
    expect(big(child(kmOf(t), Tag.PublicExponent))).toBe(65537n);
    const back = convertKeyFormat(ObjectType.PublicKey, t, F.X_509, V14);
    expect(bytesOf(kmOf(back))).toEqual(spki);
  });
  test('a public key cannot be PKCS#8', () => {
    const x509 = keyObj(ObjectType.PublicKey, F.X_509, T.bytes(Tag.KeyMaterial, spki));
    expect(reason(() => convertKeyFormat(ObjectType.PublicKey, x509, F.PKCS_8, V14))).toBe(ResultReason.KeyFormatTypeNotSupported);
  });
});

describe('EC keys', () => {
  const pkcs8 = der(ec.privateKey, 'pkcs8');
  const sec1 = der(ec.privateKey, 'sec1');
  const spki = der(ec.publicKey, 'spki');
  const jwk = ec.privateKey.export({ format: 'jwk' });
  const q = Buffer.concat([Buffer.from([4]), Buffer.from(jwk.x!, 'base64url'), Buffer.from(jwk.y!, 'base64url')]);

  test('PKCS#8 -> ECPrivateKey (SEC 1) -> PKCS#8', () => {
    const s = convertKeyFormat(ObjectType.PrivateKey, keyObj(ObjectType.PrivateKey, F.PKCS_8, T.bytes(Tag.KeyMaterial, pkcs8)), F.ECPrivateKey, V14);
    expect(bytesOf(kmOf(s))).toEqual(sec1);
    const back = convertKeyFormat(ObjectType.PrivateKey, s, F.PKCS_8, V14);
    expect(bytesOf(kmOf(back))).toEqual(pkcs8);
  });

  test('Transparent EC Private Key (1.3+) has the curve and D; back to PKCS#8 derives the same key', () => {
    const t = convertKeyFormat(ObjectType.PrivateKey, keyObj(ObjectType.PrivateKey, F.PKCS_8, T.bytes(Tag.KeyMaterial, pkcs8)), F.TransparentECPrivateKey, V14);
    expect(child(kmOf(t), Tag.RecommendedCurve)).toEqual(T.enum(Tag.RecommendedCurve, RecommendedCurve.P_256));
    expect(big(child(kmOf(t), Tag.D))).toBe(b64big(jwk.d));
    const back = convertKeyFormat(ObjectType.PrivateKey, t, F.PKCS_8, V21);
    // The public point is recomputed from D, so the PKCS#8 (which embeds it) is identical.
    expect(bytesOf(kmOf(back))).toEqual(pkcs8);
  });

  test('Transparent ECDSA Private Key in 1.2, refused in 2.1 and Transparent EC in 1.2 refused', () => {
    const obj = keyObj(ObjectType.PrivateKey, F.PKCS_8, T.bytes(Tag.KeyMaterial, pkcs8));
    const t = convertKeyFormat(ObjectType.PrivateKey, obj, F.TransparentECDSAPrivateKey, V12);
    expect(big(child(kmOf(t), Tag.D))).toBe(b64big(jwk.d));
    expect(reason(() => convertKeyFormat(ObjectType.PrivateKey, obj, F.TransparentECDSAPrivateKey, V21))).toBe(ResultReason.KeyFormatTypeNotSupported);
    expect(reason(() => convertKeyFormat(ObjectType.PrivateKey, obj, F.TransparentECPrivateKey, V12))).toBe(ResultReason.KeyFormatTypeNotSupported);
    expect(formatDefinedIn(F.TransparentECDHPublicKey, V14)).toBe(true);
    expect(formatDefinedIn(F.TransparentECDHPublicKey, { major: 2, minor: 0 })).toBe(false);
  });

  test('X.509 <-> Transparent EC Public Key (Q String is the uncompressed point)', () => {
    const t = convertKeyFormat(ObjectType.PublicKey, keyObj(ObjectType.PublicKey, F.X_509, T.bytes(Tag.KeyMaterial, spki)), F.TransparentECPublicKey, V21);
    expect(bytesOf(child(kmOf(t), Tag.QString)!)).toEqual(q);
    const back = convertKeyFormat(ObjectType.PublicKey, t, F.X_509, V21);
    expect(bytesOf(kmOf(back))).toEqual(spki);
  });

  test('P-384 curve value and a point of the wrong size', () => {
    const t = keyMaterialOf(ec384.publicKey, F.TransparentECPublicKey, V21);
    expect(child(t, Tag.RecommendedCurve)).toEqual(T.enum(Tag.RecommendedCurve, RecommendedCurve.P_384));
    const wrongCurve = T.struct(Tag.KeyMaterial, [T.enum(Tag.RecommendedCurve, RecommendedCurve.P_256), child(t, Tag.QString)!]);
    expect(reason(() => keyObjectOf(ObjectType.PublicKey, F.TransparentECPublicKey, wrongCurve))).toBe(ResultReason.InvalidField);
    const otherCurve = T.struct(Tag.KeyMaterial, [T.enum(Tag.RecommendedCurve, RecommendedCurve.K_163), child(t, Tag.QString)!]);
    expect(reason(() => keyObjectOf(ObjectType.PublicKey, F.TransparentECPublicKey, otherCurve))).toBe(ResultReason.KeyFormatTypeNotSupported);
  });

  test('secp256k1: Transparent EC Private Key round trip', () => {
    const k1 = nodeCrypto.generateKeyPairSync('ec', { namedCurve: 'secp256k1' });
    const t = keyMaterialOf(k1.privateKey, F.TransparentECPrivateKey, V21);
    expect(child(t, Tag.RecommendedCurve)).toEqual(T.enum(Tag.RecommendedCurve, RecommendedCurve.SECP256K1));
    const back = keyObjectOf(ObjectType.PrivateKey, F.TransparentECPrivateKey, t);
    expect(back.export({ format: 'der', type: 'pkcs8' })).toEqual(der(k1.privateKey, 'pkcs8'));
  });

  test('a point not on the curve is Invalid Field', () => {
    const bad = Buffer.from(q);
    bad[bad.length - 1] ^= 1;
    const km = T.struct(Tag.KeyMaterial, [T.enum(Tag.RecommendedCurve, RecommendedCurve.P_256), T.bytes(Tag.QString, bad)]);
    expect(reason(() => keyObjectOf(ObjectType.PublicKey, F.TransparentECPublicKey, km))).toBe(ResultReason.InvalidField);
  });
});

describe('canonical stored form (Register)', () => {
  test('Transparent RSA Private Key becomes PKCS#8, and its source Byte Strings stay intact when none', () => {
    const t = keyMaterialOf(rsa.privateKey, F.TransparentRSAPrivateKey, V14);
    const out = canonicalKeyObject(ObjectType.PrivateKey, keyObj(ObjectType.PrivateKey, F.TransparentRSAPrivateKey, t));
    expect(fmtOf(out)).toBe(F.PKCS_8);
    expect(bytesOf(kmOf(out))).toEqual(der(rsa.privateKey, 'pkcs8'));
  });
  test('SEC 1 EC private key becomes PKCS#8 and the SEC 1 copy is zeroed', () => {
    const sec1 = der(ec.privateKey, 'sec1');
    const out = canonicalKeyObject(ObjectType.PrivateKey, keyObj(ObjectType.PrivateKey, F.ECPrivateKey, T.bytes(Tag.KeyMaterial, sec1)));
    expect(bytesOf(kmOf(out))).toEqual(der(ec.privateKey, 'pkcs8'));
    expect(sec1.every((b) => b === 0)).toBe(true);
  });
  test('Transparent EC Public Key becomes X.509; PKCS#1 and X.509 are kept', () => {
    const t = keyMaterialOf(ec.publicKey, F.TransparentECPublicKey, V14);
    expect(bytesOf(kmOf(canonicalKeyObject(ObjectType.PublicKey, keyObj(ObjectType.PublicKey, F.TransparentECPublicKey, t))))).toEqual(der(ec.publicKey, 'spki'));
    const p1 = keyObj(ObjectType.PublicKey, F.PKCS_1, T.bytes(Tag.KeyMaterial, der(rsa.publicKey, 'pkcs1')));
    expect(canonicalKeyObject(ObjectType.PublicKey, p1)).toBe(p1);
  });
});
