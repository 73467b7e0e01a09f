/**
 * Get with a Key Wrapping Specification that names attributes (src/operations/key-wrap-get.ts): the named
 * attributes are "wrapped with the key material" inside the TTLV-encoded Key Value (KMIP 1.1 §2.1.4/§2.1.6,
 * 2.1 Table 13), and No Encoding with attribute names is an Encoding Option Error. Key values: RFC 3394 §4.1
 * (the OASIS TC-141/TC-142 keys); the result is unwrapped here with OpenSSL's id-aes128-wrap.
 */
import * as nodeCrypto from 'node:crypto';
import { Tag, Operation, ObjectType, CryptographicAlgorithm, KeyFormatType, ResultReason, WrappingMethod, EncodingOption, BlockCipherMode } from '../../../src/kmip';
import { CryptographicUsageMask as M } from '../../../src/kmip/masks';
import { T, child, type TtlvItem } from '../../../src/ttlv/item';
import { ItemType } from '../../../src/kmip/item-type';
import { decodeTtlv } from '../../../src/ttlv/binary-reader';
import { makeEnv, run, reasonOf, uidOf, attr1, payloadStruct, type Env } from './helpers';

let env: Env;
beforeEach(() => {
  env = makeEnv();
});
afterEach(() => env.close());

const h = (s: string) => Buffer.from(s, 'hex');
const KEK = h('000102030405060708090a0b0c0d0e0f');
const DEK = h('00112233445566778899aabbccddeeff');
const active = () => attr1('Activation Date', T.date(0, BigInt(Math.floor(env.clock.now.getTime() / 1000) - 3600)));

async function registerAes(material: Buffer, mask: number): Promise<string> {
  const r = await run(Operation.Register, env.ctx(1, 1), [
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

function spec(kek: string, names: string[], encoding?: number): TtlvItem {
  return T.struct(Tag.KeyWrappingSpecification, [
    T.enum(Tag.WrappingMethod, WrappingMethod.Encrypt),
    T.struct(Tag.EncryptionKeyInformation, [
      T.text(Tag.UniqueIdentifier, kek),
      T.struct(Tag.CryptographicParameters, [T.enum(Tag.BlockCipherMode, BlockCipherMode.NISTKeyWrap)]),
    ]),
    ...names.map((n) => T.text(Tag.AttributeName, n)),
    ...(encoding !== undefined ? [T.enum(Tag.EncodingOption, encoding)] : []),
  ]);
}

/** The wrapped Key Value Byte String of a Get response, unwrapped with the KEK and TTLV-decoded. */
function unwrappedKeyValue(get: TtlvItem): TtlvItem {
  const kv = child(child(child(get, Tag.SymmetricKey), Tag.KeyBlock), Tag.KeyValue);
  if (kv?.type !== ItemType.ByteString) throw new Error('Key Value is not a Byte String');
  const d = nodeCrypto.createDecipheriv('id-aes128-wrap', KEK, h('a6a6a6a6a6a6a6a6'));
  return decodeTtlv(Buffer.concat([d.update(kv.value), d.final()]));
}

const MASK = M.Encrypt | M.Decrypt;

test('1.x: named attributes are wrapped as Attribute structures after the Key Material', async () => {
  const kek = await registerAes(KEK, M.WrapKey);
  const dek = await registerAes(DEK, MASK);
  const r = await run(Operation.Get, env.ctx(1, 1), [T.text(Tag.UniqueIdentifier, dek), spec(kek, ['Cryptographic Usage Mask'])]);
  const kv = unwrappedKeyValue(payloadStruct(r));
  expect(kv).toEqual(
    T.struct(Tag.KeyValue, [
      T.bytes(Tag.KeyMaterial, DEK),
      T.struct(Tag.Attribute, [T.text(Tag.AttributeName, 'Cryptographic Usage Mask'), T.int(Tag.AttributeValue, MASK)]),
    ]),
  );
});

test('2.x: named attributes are wrapped in one Attributes structure', async () => {
  const kek = await registerAes(KEK, M.WrapKey);
  const dek = await registerAes(DEK, MASK);
  const r = await run(Operation.Get, env.ctx(2, 1), [T.text(Tag.UniqueIdentifier, dek), spec(kek, ['Cryptographic Usage Mask', 'Cryptographic Algorithm'])]);
  const kv = unwrappedKeyValue(payloadStruct(r));
  expect(kv).toEqual(
    T.struct(Tag.KeyValue, [
      T.bytes(Tag.KeyMaterial, DEK),
      T.struct(Tag.Attributes, [T.int(Tag.CryptographicUsageMask, MASK), T.enum(Tag.CryptographicAlgorithm, CryptographicAlgorithm.AES)]),
    ]),
  );
});

test('without attribute names the TTLV Key Value holds the Key Material only; names the object lacks add nothing', async () => {
  const kek = await registerAes(KEK, M.WrapKey);
  const dek = await registerAes(DEK, MASK);
  const plain = await run(Operation.Get, env.ctx(1, 1), [T.text(Tag.UniqueIdentifier, dek), spec(kek, [])]);
  expect(unwrappedKeyValue(payloadStruct(plain))).toEqual(T.struct(Tag.KeyValue, [T.bytes(Tag.KeyMaterial, DEK)]));
  const missing = await run(Operation.Get, env.ctx(1, 1), [T.text(Tag.UniqueIdentifier, dek), spec(kek, ['Contact Information'])]);
  expect(unwrappedKeyValue(payloadStruct(missing))).toEqual(T.struct(Tag.KeyValue, [T.bytes(Tag.KeyMaterial, DEK)]));
});

test('No Encoding with attribute names is an Encoding Option Error; No Encoding alone wraps the raw key (RFC 3394 §4.1)', async () => {
  const kek = await registerAes(KEK, M.WrapKey);
  const dek = await registerAes(DEK, MASK);
  const bad = run(Operation.Get, env.ctx(1, 1), [T.text(Tag.UniqueIdentifier, dek), spec(kek, ['Cryptographic Usage Mask'], EncodingOption.NoEncoding)]);
  expect(await reasonOf(bad)).toBe(ResultReason.EncodingOptionError);
  const ok = await run(Operation.Get, env.ctx(1, 1), [T.text(Tag.UniqueIdentifier, dek), spec(kek, [], EncodingOption.NoEncoding)]);
  const kv = child(child(child(payloadStruct(ok), Tag.SymmetricKey), Tag.KeyBlock), Tag.KeyValue);
  expect(kv).toEqual(T.bytes(Tag.KeyValue, h('1fa68b0a8112b447aef34bd8fb5a7b829d3e862371d2cfe5')));
});
