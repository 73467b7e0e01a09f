import { createDecipheriv } from 'node:crypto';
import { ItemType } from '../../../src/kmip/item-type';
import { Tag, Operation, ObjectType, CryptographicAlgorithm, KeyFormatType, ResultReason, BlockCipherMode, WrappingMethod, EncodingOption } from '../../../src/kmip';
import { T, child, type TtlvItem } from '../../../src/ttlv/item';
import { encodeTtlv } from '../../../src/ttlv/binary-writer';
import { makeEnv, run, reasonOf, uidOf, attr1, type Env } from './helpers';

let env: Env;
beforeEach(() => {
  env = makeEnv();
});
afterEach(() => env.close());

const KEK = Buffer.alloc(32, 7);
const DEK = Buffer.from('00112233445566778899aabbccddeeff', 'hex');

async function register(material: Buffer, extra: TtlvItem[]): Promise<string> {
  const r = await run(Operation.Register, env.ctx(1, 4), [
    T.enum(Tag.ObjectType, ObjectType.SymmetricKey),
    T.struct(Tag.TemplateAttribute, extra),
    T.struct(Tag.SymmetricKey, [
      T.struct(Tag.KeyBlock, [
        T.enum(Tag.KeyFormatType, KeyFormatType.Raw),
        T.struct(Tag.KeyValue, [T.bytes(Tag.KeyMaterial, material)]),
        T.enum(Tag.CryptographicAlgorithm, CryptographicAlgorithm.AES),
        T.int(Tag.CryptographicLength, material.length * 8),
      ]),
    ]),
  ]);
  return uidOf(r);
}

const spec = (kek: string, encoding?: number, mode: number = BlockCipherMode.NISTKeyWrap) =>
  T.struct(Tag.KeyWrappingSpecification, [
    T.enum(Tag.WrappingMethod, WrappingMethod.Encrypt),
    T.struct(Tag.EncryptionKeyInformation, [T.text(Tag.UniqueIdentifier, kek), T.struct(Tag.CryptographicParameters, [T.enum(Tag.BlockCipherMode, mode)])]),
    ...(encoding === undefined ? [] : [T.enum(Tag.EncodingOption, encoding)]),
  ]);

const unwrap = (data: Buffer) => {
  const d = createDecipheriv('id-aes256-wrap', KEK, Buffer.from('A6A6A6A6A6A6A6A6', 'hex'));
  return Buffer.concat([d.update(data), d.final()]);
};

async function kekUid(mask = 16): Promise<string> {
  const uid = await register(KEK, [attr1('Cryptographic Usage Mask', T.int(0, mask)), attr1('Activation Date', T.date(0, 1n))]);
  return uid;
}

test('Get wraps the TTLV Key Value under an AES key with NIST key wrap (AX-M-2-14) and says so in Key Wrapping Data', async () => {
  const kek = await kekUid();
  const dek = await register(DEK, [attr1('Sensitive', T.bool(0, true))]);
  const g = await run(Operation.Get, env.ctx(1, 4), [T.text(Tag.UniqueIdentifier, dek), spec(kek)]);
  const kb = child(g.payload[2], Tag.KeyBlock)!;
  const kv = child(kb, Tag.KeyValue)!;
  expect(kv.type).toBe(ItemType.ByteString);
  expect(unwrap(kv.value as Buffer)).toEqual(encodeTtlv(T.struct(Tag.KeyValue, [T.bytes(Tag.KeyMaterial, DEK)])));
  const wd = child(kb, Tag.KeyWrappingData)!;
  expect(child(wd, Tag.WrappingMethod)?.value).toBe(WrappingMethod.Encrypt);
  expect(child(child(wd, Tag.EncryptionKeyInformation), Tag.UniqueIdentifier)?.value).toBe(kek);
  expect(child(kb, Tag.CryptographicAlgorithm)?.value).toBe(CryptographicAlgorithm.AES);
});

test('No Encoding wraps the raw key bytes', async () => {
  const kek = await kekUid();
  const dek = await register(DEK, []);
  const g = await run(Operation.Get, env.ctx(1, 4), [T.text(Tag.UniqueIdentifier, dek), spec(kek, EncodingOption.NoEncoding)]);
  const kb = child(g.payload[2], Tag.KeyBlock)!;
  expect(unwrap(child(kb, Tag.KeyValue)!.value as Buffer)).toEqual(DEK);
  expect(child(child(kb, Tag.KeyWrappingData), Tag.EncodingOption)?.value).toBe(EncodingOption.NoEncoding);
});

test('refusals: wrapping key without Wrap Key, unknown wrapping key, non-extractable object, unsupported mode', async () => {
  const dek = await register(DEK, []);
  const noWrap = await kekUid(4);
  expect(await reasonOf(run(Operation.Get, env.ctx(2, 1), [T.text(Tag.UniqueIdentifier, dek), spec(noWrap)]))).toBe(ResultReason.IncompatibleCryptographicUsageMask);
  expect(await reasonOf(run(Operation.Get, env.ctx(2, 1), [T.text(Tag.UniqueIdentifier, dek), spec('missing')]))).toBe(ResultReason.ObjectNotFound);
  const kek = await kekUid();
  expect(await reasonOf(run(Operation.Get, env.ctx(2, 1), [T.text(Tag.UniqueIdentifier, dek), spec(kek, undefined, BlockCipherMode.CBC)]))).toBe(
    ResultReason.UnsupportedCryptographicParameters,
  );
  const locked = await register(DEK, [attr1('Extractable', T.bool(0, false))]);
  expect(await reasonOf(run(Operation.Get, env.ctx(1, 4), [T.text(Tag.UniqueIdentifier, locked), spec(kek)]))).toBe(ResultReason.NotExtractable);
  // A pre-active wrapping key may not be used yet.
  const idle = await register(KEK, [attr1('Cryptographic Usage Mask', T.int(0, 16))]);
  expect(await reasonOf(run(Operation.Get, env.ctx(2, 1), [T.text(Tag.UniqueIdentifier, dek), spec(idle)]))).toBe(ResultReason.WrongKeyLifecycleState);
});
