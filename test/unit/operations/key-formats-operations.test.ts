/**
 * Key formats, key wrapping and the small crypto fixes as the operations use them (dispatch table, in-memory
 * store, software provider): Register normalises transparent keys so the provider can use them, Get converts
 * to any supported format, Register of a wrapped key unwraps it (OASIS TC-WRAP-1/2-14), Get can wrap with an
 * RSA public key, Destroy drops the provider's cached copy, Decrypt takes a prefixed IV when asked to.
 */
import * as nodeCrypto from 'node:crypto';
import {
  Tag, Operation, ObjectType, CryptographicAlgorithm, KeyFormatType as F, ResultReason, WrappingMethod, EncodingOption, BlockCipherMode,
  PaddingMethod, KeyWrapType, RecommendedCurve, DerivationMethod, HashingAlgorithm, DigitalSignatureAlgorithm,
} from '../../../src/kmip';
import { CryptographicUsageMask as M } from '../../../src/kmip/masks';
import { ItemType } from '../../../src/kmip/item-type';
import { T, child, type TtlvItem } from '../../../src/ttlv/item';
import { keyMaterialOf } from '../../../src/operations/key-formats';
import { makeEnv, run, reasonOf, uidOf, type Env } from './helpers';

let env: Env;
beforeEach(() => {
  env = makeEnv();
});
afterEach(() => env.close());

const V21 = { major: 2, minor: 1 };
const now = () => BigInt(Math.floor(env.clock.now.getTime() / 1000));
const attrs = (alg: number, mask: number, extra: TtlvItem[] = []) =>
  T.struct(Tag.Attributes, [T.enum(Tag.CryptographicAlgorithm, alg), T.int(Tag.CryptographicUsageMask, mask), T.date(Tag.ActivationDate, now() - 60n), ...extra]);
const keyBlock = (format: number, km: TtlvItem, alg: number, len: number, extra: TtlvItem[] = []) =>
  T.struct(Tag.KeyBlock, [T.enum(Tag.KeyFormatType, format), T.struct(Tag.KeyValue, [km]), T.enum(Tag.CryptographicAlgorithm, alg), T.int(Tag.CryptographicLength, len), ...extra]);
const kmOf = (getPayload: TtlvItem[]) => child(child(child(getPayload[2], Tag.KeyBlock), Tag.KeyValue), Tag.KeyMaterial);
const fmtOf = (getPayload: TtlvItem[]) => child(child(getPayload[2], Tag.KeyBlock), Tag.KeyFormatType)?.value;

async function get(ctx: ReturnType<Env['ctx']>, uid: string, extra: TtlvItem[] = []) {
  return run(Operation.Get, ctx, [T.text(Tag.UniqueIdentifier, uid), ...extra]);
}

test('Transparent RSA Private Key: stored as PKCS#8, signs, comes back as registered and in every RSA format', async () => {
  const ctx = env.ctx(2, 1);
  const rsa = nodeCrypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const reg = await run(Operation.Register, ctx, [
    T.enum(Tag.ObjectType, ObjectType.PrivateKey),
    attrs(CryptographicAlgorithm.RSA, M.Sign),
    T.struct(Tag.PrivateKey, [keyBlock(F.TransparentRSAPrivateKey, keyMaterialOf(rsa.privateKey, F.TransparentRSAPrivateKey, V21), CryptographicAlgorithm.RSA, 2048)]),
  ]);
  const uid = uidOf(reg);
  const msg = Buffer.from('signed in the provider');
  const sig = await run(Operation.Sign, ctx, [
    T.text(Tag.UniqueIdentifier, uid),
    T.struct(Tag.CryptographicParameters, [T.enum(Tag.DigitalSignatureAlgorithm, DigitalSignatureAlgorithm.SHA_256WithRSAEncryption)]),
    T.bytes(Tag.Data, msg),
  ]);
  const signature = child(T.struct(0, sig.payload), Tag.SignatureData)!.value as Buffer;
  expect(nodeCrypto.verify('sha256', msg, rsa.publicKey, signature)).toBe(true);

  // Stored as PKCS#8 (the provider signed with it above); Get without a format gives the registered format back.
  const asRegistered = await get(ctx, uid);
  expect(fmtOf(asRegistered.payload)).toBe(F.TransparentRSAPrivateKey);
  expect(child(kmOf(asRegistered.payload), Tag.Modulus)?.value).toBe(BigInt('0x' + Buffer.from(rsa.privateKey.export({ format: 'jwk' }).n!, 'base64url').toString('hex')));
  const p8 = await get(ctx, uid, [T.enum(Tag.KeyFormatType, F.PKCS_8)]);
  expect(fmtOf(p8.payload)).toBe(F.PKCS_8);
  expect(kmOf(p8.payload)!.value).toEqual(rsa.privateKey.export({ format: 'der', type: 'pkcs8' }));
  const p1 = await get(ctx, uid, [T.enum(Tag.KeyFormatType, F.PKCS_1)]);
  expect(kmOf(p1.payload)!.value).toEqual(rsa.privateKey.export({ format: 'der', type: 'pkcs1' }));
  const tr = await get(ctx, uid, [T.enum(Tag.KeyFormatType, F.TransparentRSAPrivateKey)]);
  expect(child(kmOf(tr.payload), Tag.PrivateExponent)?.type).toBe(ItemType.BigInteger);
  expect(await reasonOf(get(ctx, uid, [T.enum(Tag.KeyFormatType, F.ECPrivateKey)]))).toBe(ResultReason.KeyFormatTypeNotSupported);
});

test('Transparent EC Public Key: stored as X.509, verifies, Get gives it back as registered', async () => {
  const ctx = env.ctx(2, 1);
  const ec = nodeCrypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const reg = await run(Operation.Register, ctx, [
    T.enum(Tag.ObjectType, ObjectType.PublicKey),
    attrs(CryptographicAlgorithm.EC, M.Verify),
    T.struct(Tag.PublicKey, [keyBlock(F.TransparentECPublicKey, keyMaterialOf(ec.publicKey, F.TransparentECPublicKey, V21), CryptographicAlgorithm.EC, 256)]),
  ]);
  const uid = uidOf(reg);
  const x = await get(ctx, uid, [T.enum(Tag.KeyFormatType, F.X_509)]);
  expect(fmtOf(x.payload)).toBe(F.X_509);
  expect(kmOf(x.payload)!.value).toEqual(ec.publicKey.export({ format: 'der', type: 'spki' }));
  const msg = Buffer.from('m');
  const v = await run(Operation.SignatureVerify, ctx, [
    T.text(Tag.UniqueIdentifier, uid),
    T.struct(Tag.CryptographicParameters, [T.enum(Tag.DigitalSignatureAlgorithm, DigitalSignatureAlgorithm.ECDSAWithSHA256)]),
    T.bytes(Tag.Data, msg),
    T.bytes(Tag.SignatureData, nodeCrypto.sign('sha256', msg, ec.privateKey)),
  ]);
  expect(child(T.struct(0, v.payload), Tag.ValidityIndicator)?.value).toBe(1);
  const t = await get(ctx, uid);
  expect(fmtOf(t.payload)).toBe(F.TransparentECPublicKey);
  expect(child(kmOf(t.payload), Tag.RecommendedCurve)?.value).toBe(RecommendedCurve.P_256);
  // Transparent ECDSA (1.x only) is refused in 2.1.
  expect(await reasonOf(get(ctx, uid, [T.enum(Tag.KeyFormatType, F.TransparentECDSAPublicKey)]))).toBe(ResultReason.KeyFormatTypeNotSupported);
});

test('TC-WRAP-1/2-14: a wrapped registration is unwrapped; Get Not Wrapped gives the key, As Registered the wrapped form', async () => {
  const ctx = env.ctx(1, 4);
  const h = (s: string) => Buffer.from(s, 'hex');
  const attr1 = (name: string, v: TtlvItem) => T.struct(Tag.Attribute, [T.text(Tag.AttributeName, name), { ...v, tag: Tag.AttributeValue } as TtlvItem]);
  const kek = uidOf(
    await run(Operation.Register, ctx, [
      T.enum(Tag.ObjectType, ObjectType.SymmetricKey),
      T.struct(Tag.TemplateAttribute, [attr1('Cryptographic Usage Mask', T.int(0, M.WrapKey)), attr1('Activation Date', T.date(0, now() - 3600n))]),
      T.struct(Tag.SymmetricKey, [keyBlock(F.Raw, T.bytes(Tag.KeyMaterial, h('000102030405060708090a0b0c0d0e0f')), CryptographicAlgorithm.AES, 128)]),
    ]),
  );
  const kwd = T.struct(Tag.KeyWrappingData, [
    T.enum(Tag.WrappingMethod, WrappingMethod.Encrypt),
    T.struct(Tag.EncryptionKeyInformation, [T.text(Tag.UniqueIdentifier, kek), T.struct(Tag.CryptographicParameters, [T.enum(Tag.BlockCipherMode, BlockCipherMode.NISTKeyWrap)])]),
    T.enum(Tag.EncodingOption, EncodingOption.NoEncoding),
  ]);
  const dek = uidOf(
    await run(Operation.Register, ctx, [
      T.enum(Tag.ObjectType, ObjectType.SymmetricKey),
      T.struct(Tag.TemplateAttribute, [attr1('Cryptographic Usage Mask', T.int(0, M.Encrypt | M.Decrypt))]),
      T.struct(Tag.SymmetricKey, [keyBlock(F.Raw, T.bytes(Tag.KeyMaterial, h('1fa68b0a8112b447aef34bd8fb5a7b829d3e862371d2cfe5')), CryptographicAlgorithm.AES, 128, [kwd])]),
    ]),
  );
  const plain = await get(ctx, dek, [T.enum(Tag.KeyFormatType, F.Raw), T.enum(Tag.KeyWrapType, KeyWrapType.NotWrapped)]);
  expect(kmOf(plain.payload)!.value).toEqual(h('00112233445566778899aabbccddeeff'));
  const asReg = await get(ctx, dek, [T.enum(Tag.KeyFormatType, F.Raw), T.enum(Tag.KeyWrapType, KeyWrapType.AsRegistered)]);
  const kb = child(asReg.payload[2], Tag.KeyBlock);
  const kv = child(kb, Tag.KeyValue)!;
  const wrapped = kv.type === ItemType.ByteString ? kv.value : child(kv, Tag.KeyMaterial)!.value;
  expect(wrapped).toEqual(h('1fa68b0a8112b447aef34bd8fb5a7b829d3e862371d2cfe5'));
  expect(child(kb, Tag.KeyWrappingData)).toBeDefined();
});

test('Get wrapped with an RSA public key (OAEP) through the Get operation', async () => {
  const ctx = env.ctx(2, 1);
  const rsa = nodeCrypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pub = uidOf(
    await run(Operation.Register, ctx, [
      T.enum(Tag.ObjectType, ObjectType.PublicKey),
      attrs(CryptographicAlgorithm.RSA, M.WrapKey),
      T.struct(Tag.PublicKey, [keyBlock(F.X_509, T.bytes(Tag.KeyMaterial, rsa.publicKey.export({ format: 'der', type: 'spki' }) as Buffer), CryptographicAlgorithm.RSA, 2048)]),
    ]),
  );
  const secret = nodeCrypto.randomBytes(32);
  const dek = uidOf(
    await run(Operation.Register, ctx, [
      T.enum(Tag.ObjectType, ObjectType.SymmetricKey),
      attrs(CryptographicAlgorithm.AES, M.Encrypt),
      T.struct(Tag.SymmetricKey, [keyBlock(F.Raw, T.bytes(Tag.KeyMaterial, Buffer.from(secret)), CryptographicAlgorithm.AES, 256)]),
    ]),
  );
  const g = await get(ctx, dek, [
    T.struct(Tag.KeyWrappingSpecification, [
      T.enum(Tag.WrappingMethod, WrappingMethod.Encrypt),
      T.struct(Tag.EncryptionKeyInformation, [T.text(Tag.UniqueIdentifier, pub), T.struct(Tag.CryptographicParameters, [T.enum(Tag.PaddingMethod, PaddingMethod.OAEP), T.enum(Tag.HashingAlgorithm, HashingAlgorithm.SHA_256)])]),
      T.enum(Tag.EncodingOption, EncodingOption.NoEncoding),
    ]),
  ]);
  const wrappedKv = child(child(g.payload[2], Tag.KeyBlock), Tag.KeyValue)!;
  expect(wrappedKv.type).toBe(ItemType.ByteString);
  const wrapped = wrappedKv.value as Buffer;
  expect(nodeCrypto.privateDecrypt({ key: rsa.privateKey, padding: nodeCrypto.constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, wrapped)).toEqual(secret);
});

test('Destroy asks the provider to forget its cached copy', async () => {
  const ctx = env.ctx(2, 1);
  const uid = uidOf(await run(Operation.Create, ctx, [T.enum(Tag.ObjectType, ObjectType.SymmetricKey), T.struct(Tag.Attributes, [T.enum(Tag.CryptographicAlgorithm, CryptographicAlgorithm.AES), T.int(Tag.CryptographicLength, 128), T.int(Tag.CryptographicUsageMask, M.Encrypt)])]));
  const stored = env.store.get(uid)!;
  const forget = jest.fn();
  (env.crypto as unknown as { forget: typeof forget }).forget = forget;
  await run(Operation.Destroy, ctx, [T.text(Tag.UniqueIdentifier, uid)]);
  expect(forget).toHaveBeenCalledWith({ wrapped: stored.material, kekId: stored.kekId });
});

test('Decrypt takes the IV from the front of the data only when Random IV is true', async () => {
  const ctx = env.ctx(1, 4);
  const key = nodeCrypto.randomBytes(16);
  const uid = uidOf(
    await run(Operation.Register, ctx, [
      T.enum(Tag.ObjectType, ObjectType.SymmetricKey),
      T.struct(Tag.TemplateAttribute, [
        T.struct(Tag.Attribute, [T.text(Tag.AttributeName, 'Cryptographic Usage Mask'), T.int(Tag.AttributeValue, M.Encrypt | M.Decrypt)]),
        T.struct(Tag.Attribute, [T.text(Tag.AttributeName, 'Activation Date'), T.date(Tag.AttributeValue, now() - 60n)]),
      ]),
      T.struct(Tag.SymmetricKey, [keyBlock(F.Raw, T.bytes(Tag.KeyMaterial, Buffer.from(key)), CryptographicAlgorithm.AES, 128)]),
    ]),
  );
  const iv = nodeCrypto.randomBytes(16);
  const data = nodeCrypto.randomBytes(20);
  const c = nodeCrypto.createCipheriv('aes-128-cbc', key, iv);
  const prefixed = Buffer.concat([iv, c.update(data), c.final()]);
  const params = (random: boolean) =>
    T.struct(Tag.CryptographicParameters, [T.enum(Tag.BlockCipherMode, BlockCipherMode.CBC), T.enum(Tag.PaddingMethod, PaddingMethod.PKCS5), ...(random ? [T.bool(Tag.RandomIV, true)] : [])]);
  const ok = await run(Operation.Decrypt, ctx, [T.text(Tag.UniqueIdentifier, uid), params(true), T.bytes(Tag.Data, prefixed)]);
  expect(child(T.struct(0, ok.payload), Tag.Data)!.value).toEqual(data);
  expect(await reasonOf(run(Operation.Decrypt, ctx, [T.text(Tag.UniqueIdentifier, uid), params(false), T.bytes(Tag.Data, prefixed)]))).toBe(ResultReason.InvalidMessage);
});

test('Derive Key is in the dispatch table', async () => {
  const ctx = env.ctx(2, 1);
  const base = uidOf(
    await run(Operation.Register, ctx, [
      T.enum(Tag.ObjectType, ObjectType.SymmetricKey),
      attrs(CryptographicAlgorithm.AES, M.DeriveKey),
      T.struct(Tag.SymmetricKey, [keyBlock(F.Raw, T.bytes(Tag.KeyMaterial, Buffer.alloc(16, 1)), CryptographicAlgorithm.AES, 128)]),
    ]),
  );
  const r = await run(Operation.DeriveKey, ctx, [
    T.enum(Tag.ObjectType, ObjectType.SecretData),
    T.text(Tag.UniqueIdentifier, base),
    T.enum(Tag.DerivationMethod, DerivationMethod.HASH),
    T.struct(Tag.DerivationParameters, [T.struct(Tag.CryptographicParameters, [T.enum(Tag.HashingAlgorithm, HashingAlgorithm.SHA_256)])]),
    T.struct(Tag.Attributes, [T.int(Tag.CryptographicLength, 256)]),
  ]);
  const g = await get(ctx, uidOf(r));
  expect(kmOf(g.payload)!.value).toEqual(nodeCrypto.createHash('sha256').update(Buffer.alloc(16, 1)).digest());
});
