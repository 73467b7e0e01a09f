/**
 * Wrapped key material (src/operations/key-unwrap.ts) on the software provider: Register-side unwrapping
 * with an AES KEK (OASIS TC-WRAP-1-14 values: RFC 3394 §4.1) and with an RSA private key (OAEP, wrapped here
 * with node:crypto), and Get-side RSA-OAEP wrapping, unwrapped here with node:crypto.
 */
import * as nodeCrypto from 'node:crypto';
import {
  Tag, Operation, ObjectType, CryptographicAlgorithm, KeyFormatType, ResultReason, WrappingMethod, EncodingOption, BlockCipherMode,
  HashingAlgorithm, PaddingMethod,
} from '../../../src/kmip';
import { CryptographicUsageMask as M } from '../../../src/kmip/masks';
import { T, child, type TtlvItem } from '../../../src/ttlv/item';
import { encodeTtlv } from '../../../src/ttlv/binary-writer';
import { decodeTtlv } from '../../../src/ttlv/binary-reader';
import { specFromWrappingData, unwrapRegistered } from '../../../src/operations/key-unwrap';
import { wrapForGet } from '../../../src/operations/key-wrap-get';
import { makeEnv, run, reasonOf, uidOf, attr1, payloadStruct, type Env } from './helpers';

let env: Env;
beforeEach(() => {
  env = makeEnv();
});
afterEach(() => env.close());

const active = () => attr1('Activation Date', T.date(0, BigInt(Math.floor(env.clock.now.getTime() / 1000) - 3600)));
const h = (s: string) => Buffer.from(s, 'hex');

async function registerAes(material: Buffer, mask: number): Promise<string> {
  const r = await run(Operation.Register, env.ctx(1, 4), [
    T.enum(Tag.ObjectType, ObjectType.SymmetricKey),
    T.struct(Tag.TemplateAttribute, [attr1('Cryptographic Usage Mask', T.int(0, mask)), active()]),
    T.struct(Tag.SymmetricKey, [
      T.struct(Tag.KeyBlock, [
        T.enum(Tag.KeyFormatType, KeyFormatType.Raw),
        T.struct(Tag.KeyValue, [T.bytes(Tag.KeyMaterial, Buffer.from(material))]),
        T.enum(Tag.CryptographicAlgorithm, CryptographicAlgorithm.AES),
        T.int(Tag.CryptographicLength, material.length * 8),
      ]),
    ]),
  ]);
  return uidOf(r);
}

function wrappedAes(kekUid: string, wrapped: TtlvItem, encoding?: number, mode?: number, extraParams: TtlvItem[] = []): TtlvItem {
  const cp: TtlvItem[] = [...(mode !== undefined ? [T.enum(Tag.BlockCipherMode, mode)] : []), ...extraParams];
  const kwd: TtlvItem[] = [
    T.enum(Tag.WrappingMethod, WrappingMethod.Encrypt),
    T.struct(Tag.EncryptionKeyInformation, [T.text(Tag.UniqueIdentifier, kekUid), ...(cp.length ? [T.struct(Tag.CryptographicParameters, cp)] : [])]),
  ];
  if (encoding !== undefined) kwd.push(T.enum(Tag.EncodingOption, encoding));
  return T.struct(Tag.SymmetricKey, [
    T.struct(Tag.KeyBlock, [
      T.enum(Tag.KeyFormatType, KeyFormatType.Raw),
      wrapped,
      T.enum(Tag.CryptographicAlgorithm, CryptographicAlgorithm.AES),
      T.int(Tag.CryptographicLength, 128),
      T.struct(Tag.KeyWrappingData, kwd),
    ]),
  ]);
}

const keyMaterial = (obj: TtlvItem) => child(child(child(obj, Tag.KeyBlock), Tag.KeyValue), Tag.KeyMaterial);

test('TC-WRAP-1-14: AES Key Wrap, No Encoding, Key Material form, KEK with Wrap Key only', async () => {
  const kek = await registerAes(h('000102030405060708090a0b0c0d0e0f'), M.WrapKey);
  const obj = wrappedAes(kek, T.struct(Tag.KeyValue, [T.bytes(Tag.KeyMaterial, h('1fa68b0a8112b447aef34bd8fb5a7b829d3e862371d2cfe5'))]), EncodingOption.NoEncoding, BlockCipherMode.NISTKeyWrap);
  const u = await unwrapRegistered(env.ctx(1, 4), obj);
  expect(keyMaterial(u.obj)).toEqual(T.bytes(Tag.KeyMaterial, h('00112233445566778899aabbccddeeff')));
  expect(child(child(u.obj, Tag.KeyBlock), Tag.KeyWrappingData)).toBeUndefined();
  expect(u.wrappingData).toBeDefined();
  // As Registered: the same Key Wrapping Data as a Key Wrapping Specification.
  const spec = specFromWrappingData(u.wrappingData!);
  expect(spec.tag).toBe(Tag.KeyWrappingSpecification);
  expect(child(spec, Tag.EncodingOption)).toEqual(T.enum(Tag.EncodingOption, EncodingOption.NoEncoding));
});

test('AES Key Wrap with Padding of a TTLV-encoded Key Value (Key Value Byte String form)', async () => {
  const kekBytes = nodeCrypto.randomBytes(32);
  const kek = await registerAes(kekBytes, M.UnwrapKey);
  const secret = nodeCrypto.randomBytes(32);
  const kv = encodeTtlv(T.struct(Tag.KeyValue, [T.bytes(Tag.KeyMaterial, secret)]));
  const c = nodeCrypto.createCipheriv('id-aes256-wrap-pad', kekBytes, h('a65959a6'));
  const wrapped = Buffer.concat([c.update(kv), c.final()]);
  const u = await unwrapRegistered(env.ctx(2, 0), wrappedAes(kek, T.bytes(Tag.KeyValue, wrapped), undefined, BlockCipherMode.AESKeyWrapPadding));
  expect(keyMaterial(u.obj)).toEqual(T.bytes(Tag.KeyMaterial, secret));
});

test('refusals: wrong KEK (integrity check), KEK without wrap bits, unknown KEK kept as registered', async () => {
  const other = await registerAes(nodeCrypto.randomBytes(16), M.WrapKey);
  const body = T.struct(Tag.KeyValue, [T.bytes(Tag.KeyMaterial, h('1fa68b0a8112b447aef34bd8fb5a7b829d3e862371d2cfe5'))]);
  expect(await reasonOf(unwrapRegistered(env.ctx(1, 4), wrappedAes(other, body, EncodingOption.NoEncoding)))).toBe(ResultReason.CryptographicFailure);
  const noWrap = await registerAes(h('000102030405060708090a0b0c0d0e0f'), M.Encrypt);
  expect(await reasonOf(unwrapRegistered(env.ctx(2, 0), wrappedAes(noWrap, body, EncodingOption.NoEncoding)))).toBe(ResultReason.IncompatibleCryptographicUsageMask);
  const unknown = wrappedAes('no-such-key', body, EncodingOption.NoEncoding);
  const u = await unwrapRegistered(env.ctx(1, 4), unknown);
  expect(u.obj).toBe(unknown);
  expect(u.wrappingData).toBeUndefined();
});

async function rsaPair(ctx = env.ctx(1, 4)) {
  const r = await run(Operation.CreateKeyPair, ctx, [
    T.struct(Tag.CommonTemplateAttribute, [attr1('Cryptographic Algorithm', T.enum(0, CryptographicAlgorithm.RSA)), attr1('Cryptographic Length', T.int(0, 2048)), active()]),
    T.struct(Tag.PrivateKeyTemplateAttribute, [attr1('Cryptographic Usage Mask', T.int(0, M.UnwrapKey | M.Decrypt))]),
    T.struct(Tag.PublicKeyTemplateAttribute, [attr1('Cryptographic Usage Mask', T.int(0, M.WrapKey | M.Encrypt))]),
  ]);
  const p = payloadStruct(r);
  const priv = child(p, Tag.PrivateKeyUniqueIdentifier)!.value as string;
  const pub = child(p, Tag.PublicKeyUniqueIdentifier)!.value as string;
  const g = await run(Operation.Get, ctx, [T.text(Tag.UniqueIdentifier, priv)]);
  const der = keyMaterial(g.payload[2])!.value as Buffer;
  const gq = await run(Operation.Get, ctx, [T.text(Tag.UniqueIdentifier, pub)]);
  const pubDer = keyMaterial(gq.payload[2])!.value as Buffer;
  return {
    priv,
    pub,
    privateKey: nodeCrypto.createPrivateKey({ key: der, format: 'der', type: 'pkcs1' }),
    publicKey: nodeCrypto.createPublicKey({ key: pubDer, format: 'der', type: 'pkcs1' }),
  };
}

test('Register: RSA-OAEP (SHA-256) wrapped key is unwrapped with the managed private key', async () => {
  const { priv, publicKey } = await rsaPair();
  const secret = nodeCrypto.randomBytes(16);
  const kv = encodeTtlv(T.struct(Tag.KeyValue, [T.bytes(Tag.KeyMaterial, secret)]));
  const wrapped = nodeCrypto.publicEncrypt({ key: publicKey, padding: nodeCrypto.constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, kv);
  const obj = wrappedAes(priv, T.bytes(Tag.KeyValue, wrapped), undefined, undefined, [
    T.enum(Tag.PaddingMethod, PaddingMethod.OAEP),
    T.enum(Tag.HashingAlgorithm, HashingAlgorithm.SHA_256),
  ]);
  const u = await unwrapRegistered(env.ctx(1, 4), obj);
  expect(keyMaterial(u.obj)).toEqual(T.bytes(Tag.KeyMaterial, secret));
});

test('Get side: RSA-OAEP wrap of the Key Value under a managed public key, unwrapped with node:crypto', async () => {
  const { pub, privateKey } = await rsaPair();
  const secret = nodeCrypto.randomBytes(32);
  const plainObj = T.struct(Tag.SymmetricKey, [
    T.struct(Tag.KeyBlock, [
      T.enum(Tag.KeyFormatType, KeyFormatType.Raw),
      T.struct(Tag.KeyValue, [T.bytes(Tag.KeyMaterial, Buffer.from(secret))]),
      T.enum(Tag.CryptographicAlgorithm, CryptographicAlgorithm.AES),
      T.int(Tag.CryptographicLength, 256),
    ]),
  ]);
  const spec = T.struct(Tag.KeyWrappingSpecification, [
    T.enum(Tag.WrappingMethod, WrappingMethod.Encrypt),
    T.struct(Tag.EncryptionKeyInformation, [T.text(Tag.UniqueIdentifier, pub), T.struct(Tag.CryptographicParameters, [T.enum(Tag.PaddingMethod, PaddingMethod.OAEP)])]),
  ]);
  const ctx = env.ctx(1, 4);
  const out = await wrapForGet(ctx, plainObj, spec);
  const kb = child(out, Tag.KeyBlock)!;
  const kv = child(kb, Tag.KeyValue)!;
  expect(kv.type).toBe(0x08);
  expect(child(kb, Tag.KeyWrappingData)).toBeDefined();
  const plain = nodeCrypto.privateDecrypt({ key: privateKey, padding: nodeCrypto.constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha1' }, kv.value as Buffer);
  expect(keyMaterial(T.struct(0, [T.struct(Tag.KeyBlock, [decodeTtlv(plain)])]))).toEqual(T.bytes(Tag.KeyMaterial, secret));
});

test('Get side: AES Key Wrap (TC-WRAP-3-14 values) keeps the KEK in the provider; both No Encoding forms', async () => {
  const kek = await registerAes(h('000102030405060708090a0b0c0d0e0f'), M.WrapKey);
  const plainObj = T.struct(Tag.SymmetricKey, [
    T.struct(Tag.KeyBlock, [
      T.enum(Tag.KeyFormatType, KeyFormatType.Raw),
      T.struct(Tag.KeyValue, [T.bytes(Tag.KeyMaterial, h('00112233445566778899aabbccddeeff'))]),
      T.enum(Tag.CryptographicAlgorithm, CryptographicAlgorithm.AES),
      T.int(Tag.CryptographicLength, 128),
    ]),
  ]);
  const spec = (mode: number, encoding?: number) =>
    T.struct(Tag.KeyWrappingSpecification, [
      T.enum(Tag.WrappingMethod, WrappingMethod.Encrypt),
      T.struct(Tag.EncryptionKeyInformation, [T.text(Tag.UniqueIdentifier, kek), T.struct(Tag.CryptographicParameters, [T.enum(Tag.BlockCipherMode, mode)])]),
      ...(encoding !== undefined ? [T.enum(Tag.EncodingOption, encoding)] : []),
    ]);
  // Spy on the provider: the KEK is used through Encrypt (ECB blocks), never exported.
  const exportSpy = jest.spyOn(env.crypto, 'exportKey');
  // Form 'struct' (a key registered wrapped that way, TC-WRAP-3-14): Key Material inside a Key Value structure.
  const out = await wrapForGet(env.ctx(1, 4), plainObj, spec(BlockCipherMode.NISTKeyWrap, EncodingOption.NoEncoding), 'struct');
  expect(exportSpy).not.toHaveBeenCalled();
  expect(keyMaterial(out)).toEqual(T.bytes(Tag.KeyMaterial, h('1fa68b0a8112b447aef34bd8fb5a7b829d3e862371d2cfe5')));
  // Default form: the Key Value Byte String of KMIP 1.4 §2.1.4 (TC-SENSITIVE-1-14, TC_141).
  const bytesForm = await wrapForGet(env.ctx(1, 4), plainObj, spec(BlockCipherMode.NISTKeyWrap, EncodingOption.NoEncoding));
  expect(child(child(bytesForm, Tag.KeyBlock), Tag.KeyValue)).toEqual(T.bytes(Tag.KeyValue, h('1fa68b0a8112b447aef34bd8fb5a7b829d3e862371d2cfe5')));
  const kwd = child(child(out, Tag.KeyBlock), Tag.KeyWrappingData)!;
  expect(child(kwd, Tag.EncodingOption)).toEqual(T.enum(Tag.EncodingOption, EncodingOption.NoEncoding));
  // TTLV encoding with padding: the Key Value becomes a Byte String that unwraps to the TTLV Key Value.
  const out2 = await wrapForGet(env.ctx(1, 4), plainObj, spec(BlockCipherMode.AESKeyWrapPadding));
  const kv = child(child(out2, Tag.KeyBlock), Tag.KeyValue)!;
  expect(kv.type).toBe(0x08);
  const d = nodeCrypto.createDecipheriv('id-aes128-wrap-pad', h('000102030405060708090a0b0c0d0e0f'), h('a65959a6'));
  const ttlv = Buffer.concat([d.update(kv.value as Buffer), d.final()]);
  expect(keyMaterial(T.struct(0, [T.struct(Tag.KeyBlock, [decodeTtlv(ttlv)])]))).toEqual(T.bytes(Tag.KeyMaterial, h('00112233445566778899aabbccddeeff')));
});

test('Get side: a wrapping key without Wrap Key, or not AES/RSA-public, is refused', async () => {
  const noWrap = await registerAes(nodeCrypto.randomBytes(16), M.Encrypt);
  const plainObj = T.struct(Tag.SymmetricKey, [T.struct(Tag.KeyBlock, [T.enum(Tag.KeyFormatType, KeyFormatType.Raw), T.struct(Tag.KeyValue, [T.bytes(Tag.KeyMaterial, Buffer.alloc(16, 3))])])]);
  const spec = (uid: string) => T.struct(Tag.KeyWrappingSpecification, [T.enum(Tag.WrappingMethod, WrappingMethod.Encrypt), T.struct(Tag.EncryptionKeyInformation, [T.text(Tag.UniqueIdentifier, uid)])]);
  expect(await reasonOf(wrapForGet(env.ctx(2, 0), plainObj, spec(noWrap)))).toBe(ResultReason.IncompatibleCryptographicUsageMask);
  const { priv } = await rsaPair(env.ctx(2, 0));
  // A private key cannot wrap for Get (loadKey's mask check comes first: the private key has no Wrap Key).
  expect(await reasonOf(wrapForGet(env.ctx(2, 0), plainObj, spec(priv)))).toBe(ResultReason.IncompatibleCryptographicUsageMask);
});
