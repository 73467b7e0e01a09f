/**
 * Derive Key (src/operations/crypto/derive-key.ts) on the software provider and an in-memory store. Expected
 * values: the OASIS KMIP 1.4 test cases TC-DERIVEKEY-1..5 (HASH, HMAC, PBKDF2 with RFC 6070 vectors) and,
 * for ENCRYPT and SP 800-108 counter mode, node:crypto computed here.
 */
import * as nodeCrypto from 'node:crypto';
import {
  Tag, Operation, ObjectType, CryptographicAlgorithm, KeyFormatType, ResultReason, HashingAlgorithm, DerivationMethod, LinkType,
  SecretDataType, BlockCipherMode, PaddingMethod,
} from '../../../src/kmip';
import { CryptographicUsageMask as M } from '../../../src/kmip/masks';
import { T, child, children, type TtlvItem } from '../../../src/ttlv/item';
import { deriveKey } from '../../../src/operations/crypto/derive-key';
import { makeEnv, run, reasonOf, uidOf, attr1, type Env } from './helpers';

let env: Env;
beforeEach(() => {
  env = makeEnv();
});
afterEach(() => env.close());

const ACTIVE = () => attr1('Activation Date', T.date(0, BigInt(Math.floor(env.clock.now.getTime() / 1000) - 3600)));

async function registerAes(material: Buffer, mask = M.Encrypt | M.Decrypt | M.DeriveKey): Promise<string> {
  const r = await run(Operation.Register, env.ctx(1, 4), [
    T.enum(Tag.ObjectType, ObjectType.SymmetricKey),
    T.struct(Tag.TemplateAttribute, [attr1('Cryptographic Usage Mask', T.int(0, mask)), ACTIVE()]),
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

async function registerSecret(material: Buffer): Promise<string> {
  const r = await run(Operation.Register, env.ctx(1, 4), [
    T.enum(Tag.ObjectType, ObjectType.SecretData),
    T.struct(Tag.TemplateAttribute, [attr1('Cryptographic Usage Mask', T.int(0, M.DeriveKey)), ACTIVE()]),
    T.struct(Tag.SecretData, [
      T.enum(Tag.SecretDataType, SecretDataType.Seed),
      T.struct(Tag.KeyBlock, [T.enum(Tag.KeyFormatType, KeyFormatType.Opaque), T.struct(Tag.KeyValue, [T.bytes(Tag.KeyMaterial, Buffer.from(material))])]),
    ]),
  ]);
  return uidOf(r);
}

function derive(uids: string[], method: number, params: TtlvItem[], bits = 128, objectType: number = ObjectType.SymmetricKey) {
  const attrs = [attr1('Cryptographic Length', T.int(0, bits)), attr1('Cryptographic Usage Mask', T.int(0, M.Encrypt | M.Decrypt))];
  if (objectType === ObjectType.SymmetricKey) attrs.unshift(attr1('Cryptographic Algorithm', T.enum(0, CryptographicAlgorithm.AES)));
  return deriveKey.handle(
    T.struct(Tag.RequestPayload, [
      T.enum(Tag.ObjectType, objectType),
      ...uids.map((u) => T.text(Tag.UniqueIdentifier, u)),
      T.enum(Tag.DerivationMethod, method),
      T.struct(Tag.DerivationParameters, params),
      T.struct(Tag.TemplateAttribute, attrs),
    ]),
    env.ctx(1, 4),
  );
}

async function materialOf(uid: string): Promise<string> {
  const r = await run(Operation.Get, env.ctx(1, 4), [T.text(Tag.UniqueIdentifier, uid)]);
  const km = child(child(child(r.payload[2], Tag.KeyBlock), Tag.KeyValue), Tag.KeyMaterial);
  return (km!.value as Buffer).toString('hex');
}

const hashParams = (h: number) => T.struct(Tag.CryptographicParameters, [T.enum(Tag.HashingAlgorithm, h)]);
const KEY = Buffer.from('00112233445566778899aabbccddeeff', 'hex');
const PASSWORD = Buffer.from('password');

test('HASH of the base key (TC-DERIVEKEY-1)', async () => {
  const base = await registerAes(KEY);
  const r = await derive([base], DerivationMethod.HASH, [hashParams(HashingAlgorithm.SHA_256)]);
  expect(await materialOf(uidOf(r))).toBe('a8faed6abbf35c12a4b26e40f6feb19d');
});

test('HMAC-SHA256 of the Derivation Data (TC-DERIVEKEY-2)', async () => {
  const base = await registerAes(KEY);
  const r = await derive([base], DerivationMethod.HMAC, [hashParams(HashingAlgorithm.SHA_256), T.bytes(Tag.DerivationData, Buffer.from('0102', 'hex'))]);
  expect(await materialOf(uidOf(r))).toBe('1e15c1f1da233629f770fb0a04a5020e');
});

test('PBKDF2 with RFC 6070 vectors, SHA-1 default and SHA-256 (TC-DERIVEKEY-3/4/5)', async () => {
  const pw = await registerSecret(PASSWORD);
  const salt = T.bytes(Tag.Salt, Buffer.from('salt'));
  const r1 = await derive([pw], DerivationMethod.PBKDF2, [salt, T.int(Tag.IterationCount, 1)]);
  expect(await materialOf(uidOf(r1))).toBe('0c60c80f961f0e71f3a9b524af601206');
  const r4 = await derive([pw], DerivationMethod.PBKDF2, [salt, T.int(Tag.IterationCount, 4096)]);
  expect(await materialOf(uidOf(r4))).toBe('4b007901b765489abead49d926f721d0');
  const r5 = await derive([pw], DerivationMethod.PBKDF2, [hashParams(HashingAlgorithm.SHA_256), salt, T.int(Tag.IterationCount, 4096)], 256);
  expect(await materialOf(uidOf(r5))).toBe('c5e478d59288c841aa530db6845c4c8d962893a001ce4e11a4963873aa98134a');
});

test('ENCRYPT: AES-CBC of the Derivation Data with the given IV', async () => {
  const base = await registerAes(KEY);
  const data = Buffer.alloc(32, 7);
  const iv = Buffer.alloc(16, 9);
  const r = await derive([base], DerivationMethod.ENCRYPT, [
    T.struct(Tag.CryptographicParameters, [T.enum(Tag.BlockCipherMode, BlockCipherMode.CBC), T.enum(Tag.PaddingMethod, PaddingMethod.None)]),
    T.bytes(Tag.InitializationVector, iv),
    T.bytes(Tag.DerivationData, data),
  ], 256);
  const c = nodeCrypto.createCipheriv('aes-128-cbc', KEY, iv).setAutoPadding(false);
  const expected = Buffer.concat([c.update(data), c.final()]);
  expect(await materialOf(uidOf(r))).toBe(expected.toString('hex'));
});

test('NIST SP 800-108 counter mode with HMAC-SHA256, longer than one block', async () => {
  const base = await registerAes(KEY);
  const fixed = Buffer.concat([Buffer.from('label'), Buffer.from([0]), Buffer.from('context')]);
  const r = await derive([base], DerivationMethod.NIST800_108_C, [hashParams(HashingAlgorithm.SHA_256), T.bytes(Tag.DerivationData, fixed)], 384, ObjectType.SecretData);
  const block = (i: number) => nodeCrypto.createHmac('sha256', KEY).update(Buffer.concat([Buffer.from([0, 0, 0, i]), fixed])).digest();
  expect(await materialOf(uidOf(r))).toBe(Buffer.concat([block(1), block(2)]).subarray(0, 48).toString('hex'));
});

test('links: Derivation Base Object on the new key, Derived Key on the base', async () => {
  const base = await registerAes(KEY);
  const derived = uidOf(await derive([base], DerivationMethod.HASH, [hashParams(HashingAlgorithm.SHA_256)]));
  const links = (uid: string) =>
    children(T.struct(0, env.store.get(uid)!.attributes.filter((a) => a.name === 'Link').map((a) => a.value)), Tag.AttributeValue).map((l) => [
      (child(l, Tag.LinkType) as { value: number }).value,
      (child(l, Tag.LinkedObjectIdentifier) as { value: string }).value,
    ]);
  expect(links(derived)).toContainEqual([LinkType.DerivationBaseObjectLink, base]);
  expect(links(base)).toContainEqual([LinkType.DerivedKeyLink, derived]);
});

test('refusals: no Derive Key bit, too long for the method, unsupported method, missing PBKDF2 salt', async () => {
  const noDerive = await registerAes(KEY, M.Encrypt);
  // KMIP 1.4 has no Incompatible Cryptographic Usage Mask (2.0+): Permission Denied.
  expect(await reasonOf(derive([noDerive], DerivationMethod.HASH, [hashParams(HashingAlgorithm.SHA_256)]))).toBe(ResultReason.PermissionDenied);
  const base = await registerAes(KEY);
  expect(await reasonOf(derive([base], DerivationMethod.HASH, [hashParams(HashingAlgorithm.SHA_1)], 256))).toBe(ResultReason.InvalidField);
  expect(await reasonOf(derive([base], DerivationMethod.NIST800_108_F, [T.bytes(Tag.DerivationData, Buffer.from('x'))]))).toBe(ResultReason.InvalidField);
  expect(await reasonOf(derive([base], DerivationMethod.PBKDF2, [T.int(Tag.IterationCount, 1)]))).toBe(ResultReason.InvalidField);
  // AES keys must be 128/192/256 bits: a 64-bit AES derivation is refused by the provider's checks.
  expect(await reasonOf(derive([base], DerivationMethod.HASH, [hashParams(HashingAlgorithm.SHA_256)], 64))).toBe(ResultReason.InvalidField);
});
