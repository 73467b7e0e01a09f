/**
 * Bring your own key on the software provider (src/operations/key-unwrap.ts case 1, CryptoProvider.unwrapImport):
 * raw key material wrapped by a client with node:crypto (id-aes256-wrap, id-aes256-wrap-pad, RSA-OAEP) is
 * registered through the provider's unwrapImport, never through the AES-ECB block function or decrypt();
 * TTLV Encoding and the cases the provider cannot pin the length of keep the unwrap-here path (case 2).
 */
import * as nodeCrypto from 'node:crypto';
import {
  Tag, Operation, ObjectType, CryptographicAlgorithm, KeyFormatType, ResultReason, WrappingMethod, EncodingOption, BlockCipherMode,
  HashingAlgorithm, PaddingMethod, KeyWrapType,
} from '../../../src/kmip';
import { CryptographicUsageMask as M } from '../../../src/kmip/masks';
import { T, child, type TtlvItem } from '../../../src/ttlv/item';
import { encodeTtlv } from '../../../src/ttlv/binary-writer';
import { findAttr } from '../../../src/attributes/list';
import type { DecipherParams, KeyRef } from '../../../src/crypto/port';
import { makeEnv, run, reasonOf, uidOf, attr1, payloadStruct, type Env } from './helpers';

let env: Env;
beforeEach(() => {
  env = makeEnv();
});
afterEach(() => env.close());

const KW_IV = Buffer.from('a6a6a6a6a6a6a6a6', 'hex');
const KWP_IV = Buffer.from('a65959a6', 'hex');
const active = () => attr1('Activation Date', T.date(0, BigInt(Math.floor(env.clock.now.getTime() / 1000) - 3600)));
const ctx = () => env.ctx(1, 4);
const stored = () => env.store.count({ filters: [] });

function wrapWith(cipher: string, kek: Buffer, key: Buffer): Buffer {
  const c = nodeCrypto.createCipheriv(cipher, kek, cipher.endsWith('-pad') ? KWP_IV : KW_IV);
  return Buffer.concat([c.update(key), c.final()]);
}

async function registerKek(material: Buffer): Promise<string> {
  const r = await run(Operation.Register, ctx(), [
    T.enum(Tag.ObjectType, ObjectType.SymmetricKey),
    T.struct(Tag.TemplateAttribute, [attr1('Cryptographic Usage Mask', T.int(0, M.WrapKey | M.UnwrapKey)), active()]),
    T.struct(Tag.SymmetricKey, [T.struct(Tag.KeyBlock, [
      T.enum(Tag.KeyFormatType, KeyFormatType.Raw),
      T.struct(Tag.KeyValue, [T.bytes(Tag.KeyMaterial, Buffer.from(material))]),
      T.enum(Tag.CryptographicAlgorithm, CryptographicAlgorithm.AES),
      T.int(Tag.CryptographicLength, material.length * 8),
    ])]),
  ]);
  return uidOf(r);
}

interface Wrapped {
  kekUid: string;
  wrapped: Buffer;
  alg?: number;
  bits?: number;
  mode?: number;
  params?: TtlvItem[];
  encoding?: number;
  /** Key Value as a Byte String (KMIP 1.x form) instead of Key Material in a Key Value structure. */
  bytesForm?: boolean;
}

function keyWrappingData(w: Wrapped): TtlvItem {
  const cp = [...(w.mode !== undefined ? [T.enum(Tag.BlockCipherMode, w.mode)] : []), ...(w.params ?? [])];
  return T.struct(Tag.KeyWrappingData, [
    T.enum(Tag.WrappingMethod, WrappingMethod.Encrypt),
    T.struct(Tag.EncryptionKeyInformation, [T.text(Tag.UniqueIdentifier, w.kekUid), ...(cp.length ? [T.struct(Tag.CryptographicParameters, cp)] : [])]),
    T.enum(Tag.EncodingOption, w.encoding ?? EncodingOption.NoEncoding),
  ]);
}

async function registerWrapped(w: Wrapped): Promise<string> {
  const kv = w.bytesForm ? T.bytes(Tag.KeyValue, w.wrapped) : T.struct(Tag.KeyValue, [T.bytes(Tag.KeyMaterial, w.wrapped)]);
  const r = await run(Operation.Register, ctx(), [
    T.enum(Tag.ObjectType, ObjectType.SymmetricKey),
    T.struct(Tag.TemplateAttribute, [attr1('Cryptographic Usage Mask', T.int(0, M.Encrypt | M.Decrypt)), active()]),
    T.struct(Tag.SymmetricKey, [T.struct(Tag.KeyBlock, [
      T.enum(Tag.KeyFormatType, KeyFormatType.Raw),
      kv,
      T.enum(Tag.CryptographicAlgorithm, w.alg ?? CryptographicAlgorithm.AES),
      ...(w.bits !== undefined ? [T.int(Tag.CryptographicLength, w.bits)] : []),
      keyWrappingData(w),
    ])]),
  ]);
  return uidOf(r);
}

async function getMaterial(uid: string): Promise<Buffer> {
  const g = await run(Operation.Get, ctx(), [T.text(Tag.UniqueIdentifier, uid)]);
  const obj = child(payloadStruct(g), Tag.SymmetricKey);
  const kb = child(obj, Tag.KeyBlock);
  expect(child(kb, Tag.KeyWrappingData)).toBeUndefined();
  return child(child(kb, Tag.KeyValue), Tag.KeyMaterial)!.value as Buffer;
}

function digestOf(uid: string): Buffer | undefined {
  const d = findAttr(env.store.get(uid)!.attributes, 'Digest')?.value;
  return child(d, Tag.DigestValue)?.value as Buffer | undefined;
}

async function encryptCbc(uid: string, data: Buffer, iv: Buffer): Promise<Buffer> {
  const r = await run(Operation.Encrypt, ctx(), [
    T.text(Tag.UniqueIdentifier, uid),
    T.struct(Tag.CryptographicParameters, [T.enum(Tag.BlockCipherMode, BlockCipherMode.CBC), T.enum(Tag.PaddingMethod, PaddingMethod.PKCS5)]),
    T.bytes(Tag.Data, data),
    T.bytes(Tag.IVCounterNonce, iv),
  ]);
  return child(payloadStruct(r), Tag.Data)!.value as Buffer;
}

/** Spies on the two ways the unwrap-here path uses the provider, and on unwrapImport. */
function spies() {
  const decrypt = jest.spyOn(env.crypto, 'decrypt');
  const unwrapImport = jest.spyOn(env.crypto, 'unwrapImport');
  const ecbCalls = () => decrypt.mock.calls.filter(([, , p]: [KeyRef, Buffer, DecipherParams]) => p.mode === 'ECB').length;
  return { decrypt, unwrapImport, ecbCalls };
}

test('AES Key Wrap (RFC 3394), No Encoding: unwrapped by the provider, never by the AES-ECB block function', async () => {
  const kekBytes = nodeCrypto.randomBytes(32);
  const kekUid = await registerKek(kekBytes);
  const key = nodeCrypto.randomBytes(32);
  const wrapped = wrapWith('id-aes256-wrap', kekBytes, key);
  const s = spies();
  const uid = await registerWrapped({ kekUid, wrapped, bits: 256, mode: BlockCipherMode.NISTKeyWrap, bytesForm: true });
  expect(s.unwrapImport).toHaveBeenCalledTimes(1);
  expect(s.ecbCalls()).toBe(0);
  expect(s.decrypt).not.toHaveBeenCalled();
  expect(await getMaterial(uid)).toEqual(key);
  expect(digestOf(uid)).toEqual(nodeCrypto.createHash('sha256').update(key).digest());
  const iv = nodeCrypto.randomBytes(16);
  const data = Buffer.from('bring your own key');
  const c = nodeCrypto.createCipheriv('aes-256-cbc', key, iv);
  expect(await encryptCbc(uid, data, iv)).toEqual(Buffer.concat([c.update(data), c.final()]));
  // Get with Key Wrap Type As Registered wraps it again as registered: RFC 3394 is deterministic.
  const g = await run(Operation.Get, ctx(), [T.text(Tag.UniqueIdentifier, uid), T.enum(Tag.KeyWrapType, KeyWrapType.AsRegistered)]);
  const kb = child(child(payloadStruct(g), Tag.SymmetricKey), Tag.KeyBlock);
  expect(child(kb, Tag.KeyWrappingData)).toBeDefined();
  expect(child(kb, Tag.KeyValue)).toEqual(T.bytes(Tag.KeyValue, wrapped));
});

test('AES Key Wrap with Padding (RFC 5649), AES-192 in the Key Material form, and HMAC keys with RFC 3394', async () => {
  const kekBytes = nodeCrypto.randomBytes(32);
  const kekUid = await registerKek(kekBytes);
  const key = nodeCrypto.randomBytes(24);
  const s = spies();
  const uid = await registerWrapped({ kekUid, wrapped: wrapWith('id-aes256-wrap-pad', kekBytes, key), bits: 192, mode: BlockCipherMode.AESKeyWrapPadding });
  const hmacKey = nodeCrypto.randomBytes(40);
  const hmacUid = await registerWrapped({
    kekUid, wrapped: wrapWith('id-aes256-wrap', kekBytes, hmacKey), alg: CryptographicAlgorithm.HMAC_SHA256, bits: 320, mode: BlockCipherMode.NISTKeyWrap,
  });
  expect(s.unwrapImport).toHaveBeenCalledTimes(2);
  expect(s.decrypt).not.toHaveBeenCalled();
  expect(await getMaterial(uid)).toEqual(key);
  expect(digestOf(uid)).toEqual(nodeCrypto.createHash('sha256').update(key).digest());
  expect(await getMaterial(hmacUid)).toEqual(hmacKey);
  expect(digestOf(hmacUid)).toEqual(nodeCrypto.createHash('sha256').update(hmacKey).digest());
});

test('RSA-OAEP (SHA-1 and SHA-256) with a managed RSA private key', async () => {
  const r = await run(Operation.CreateKeyPair, ctx(), [
    T.struct(Tag.CommonTemplateAttribute, [attr1('Cryptographic Algorithm', T.enum(0, CryptographicAlgorithm.RSA)), attr1('Cryptographic Length', T.int(0, 2048)), active()]),
    T.struct(Tag.PrivateKeyTemplateAttribute, [attr1('Cryptographic Usage Mask', T.int(0, M.UnwrapKey | M.Decrypt))]),
    T.struct(Tag.PublicKeyTemplateAttribute, [attr1('Cryptographic Usage Mask', T.int(0, M.WrapKey | M.Encrypt))]),
  ]);
  const priv = child(payloadStruct(r), Tag.PrivateKeyUniqueIdentifier)!.value as string;
  const pub = child(payloadStruct(r), Tag.PublicKeyUniqueIdentifier)!.value as string;
  const gq = await run(Operation.Get, ctx(), [T.text(Tag.UniqueIdentifier, pub)]);
  const pubDer = child(child(child(gq.payload[2], Tag.KeyBlock), Tag.KeyValue), Tag.KeyMaterial)!.value as Buffer;
  const publicKey = nodeCrypto.createPublicKey({ key: pubDer, format: 'der', type: 'pkcs1' });
  const s = spies();
  for (const [hash, name] of [[HashingAlgorithm.SHA_1, 'sha1'], [HashingAlgorithm.SHA_256, 'sha256']] as const) {
    const key = nodeCrypto.randomBytes(16);
    const wrapped = nodeCrypto.publicEncrypt({ key: publicKey, padding: nodeCrypto.constants.RSA_PKCS1_OAEP_PADDING, oaepHash: name }, key);
    const uid = await registerWrapped({ kekUid: priv, wrapped, bits: 128, params: [T.enum(Tag.PaddingMethod, PaddingMethod.OAEP), T.enum(Tag.HashingAlgorithm, hash)] });
    expect(await getMaterial(uid)).toEqual(key);
    expect(digestOf(uid)).toEqual(nodeCrypto.createHash('sha256').update(key).digest());
  }
  expect(s.unwrapImport).toHaveBeenCalledTimes(2);
  expect(s.decrypt).not.toHaveBeenCalled();
});

test('damaged data, a wrong wrapping key or a wrong stated length is a KMIP error and stores nothing', async () => {
  const kekBytes = nodeCrypto.randomBytes(32);
  const kekUid = await registerKek(kekBytes);
  const otherUid = await registerKek(nodeCrypto.randomBytes(32));
  const key = nodeCrypto.randomBytes(32);
  const kw = wrapWith('id-aes256-wrap', kekBytes, key);
  const kwp = wrapWith('id-aes256-wrap-pad', kekBytes, key);
  const damaged = Buffer.from(kw);
  damaged[5] ^= 0x01;
  const before = stored();
  const s = spies();
  expect(await reasonOf(registerWrapped({ kekUid, wrapped: damaged, bits: 256, mode: BlockCipherMode.NISTKeyWrap }))).toBe(ResultReason.CryptographicFailure);
  expect(await reasonOf(registerWrapped({ kekUid: otherUid, wrapped: kw, bits: 256, mode: BlockCipherMode.NISTKeyWrap }))).toBe(ResultReason.CryptographicFailure);
  expect(await reasonOf(registerWrapped({ kekUid, wrapped: kw.subarray(0, 36), bits: 256, mode: BlockCipherMode.NISTKeyWrap }))).toBe(ResultReason.CryptographicFailure);
  // RFC 5649 of 32 bytes is 40 bytes; a Cryptographic Length of 128 bits says 24.
  expect(await reasonOf(registerWrapped({ kekUid, wrapped: kwp, bits: 128, mode: BlockCipherMode.AESKeyWrapPadding }))).toBe(ResultReason.InvalidField);
  // A 20-byte secret claimed as AES-192 (the same RFC 5649 size): the provider sees 20 bytes.
  const odd = wrapWith('id-aes256-wrap-pad', kekBytes, nodeCrypto.randomBytes(20));
  expect(await reasonOf(registerWrapped({ kekUid, wrapped: odd, bits: 192, mode: BlockCipherMode.AESKeyWrapPadding }))).toBe(ResultReason.InvalidField);
  expect(s.unwrapImport).toHaveBeenCalledTimes(5);
  expect(s.ecbCalls()).toBe(0);
  expect(stored()).toBe(before);
});

test('TTLV Encoding, and RFC 5649 of a key of unstated length, keep the unwrap-here path (block function)', async () => {
  const kekBytes = nodeCrypto.randomBytes(32);
  const kekUid = await registerKek(kekBytes);
  const key = nodeCrypto.randomBytes(32);
  const s = spies();
  const ttlv = encodeTtlv(T.struct(Tag.KeyValue, [T.bytes(Tag.KeyMaterial, key)]));
  const uid = await registerWrapped({ kekUid, wrapped: wrapWith('id-aes256-wrap-pad', kekBytes, ttlv), bits: 256, mode: BlockCipherMode.AESKeyWrapPadding, encoding: EncodingOption.TTLVEncoding, bytesForm: true });
  expect(s.unwrapImport).not.toHaveBeenCalled();
  expect(s.ecbCalls()).toBeGreaterThan(0);
  expect(await getMaterial(uid)).toEqual(key);
  const ecb = s.ecbCalls();
  const uid2 = await registerWrapped({ kekUid, wrapped: wrapWith('id-aes256-wrap-pad', kekBytes, key), mode: BlockCipherMode.AESKeyWrapPadding });
  expect(s.unwrapImport).not.toHaveBeenCalled();
  expect(s.ecbCalls()).toBeGreaterThan(ecb);
  expect(await getMaterial(uid2)).toEqual(key);
  expect(digestOf(uid2)).toEqual(nodeCrypto.createHash('sha256').update(key).digest());
});

test('software unwrapImport: the stated length is checked before and after unwrapping', async () => {
  const kek = await env.crypto.importKey(nodeCrypto.randomBytes(32), { keyClass: 'secret', algorithm: 'AES' });
  const kekPlain = await env.crypto.exportKey(kek);
  const key = nodeCrypto.randomBytes(16);
  const spec = { keyClass: 'secret', algorithm: 'AES' } as const;
  const out = await env.crypto.unwrapImport(kek, wrapWith('id-aes256-wrap', kekPlain, key), { kind: 'AES-KW' }, spec);
  expect(await env.crypto.exportKey(out)).toEqual(key);
  expect(out.rawSha256).toEqual(nodeCrypto.createHash('sha256').update(key).digest());
  await expect(env.crypto.unwrapImport(kek, wrapWith('id-aes256-wrap', kekPlain, key), { kind: 'AES-KW' }, spec, 32)).rejects.toMatchObject({ reason: ResultReason.InvalidField });
  await expect(env.crypto.unwrapImport(kek, wrapWith('id-aes256-wrap-pad', kekPlain, key), { kind: 'AES-KWP' }, spec)).rejects.toMatchObject({ reason: ResultReason.InvalidField });
  await expect(env.crypto.unwrapImport(kek, wrapWith('id-aes256-wrap', kekPlain, key), { kind: 'AES-KW' }, { keyClass: 'private', algorithm: 'RSA' })).rejects.toMatchObject({ reason: ResultReason.InvalidField });
  kekPlain.fill(0);
});
