import { Tag, Operation, ObjectType, CryptographicAlgorithm, ResultReason } from '../../../src/kmip';
import { T, type TtlvItem } from '../../../src/ttlv/item';
import { isQuantumSafe } from '../../../src/operations/quantum-safe';
import type { Attribute } from '../../../src/attributes/model';
import { makeEnv, run, reasonOf, uidOf, type Env } from './helpers';

let env: Env;
beforeEach(() => {
  env = makeEnv();
});
afterEach(() => env.close());

const a = (name: string, value: TtlvItem): Attribute => ({ name, index: 0, value: { ...value, tag: Tag.AttributeValue } });
const sym = (alg: number, len: number) => [a('Cryptographic Algorithm', T.enum(0, alg)), a('Cryptographic Length', T.int(0, len))];

test('judgement: AES-256 and HMAC-SHA256/256 are safe; AES-128, 3DES and every asymmetric object are not', () => {
  expect(isQuantumSafe(ObjectType.SymmetricKey, sym(CryptographicAlgorithm.AES, 256))).toBe(true);
  expect(isQuantumSafe(ObjectType.SymmetricKey, sym(CryptographicAlgorithm.HMAC_SHA256, 256))).toBe(true);
  expect(isQuantumSafe(ObjectType.SymmetricKey, sym(CryptographicAlgorithm.AES, 128))).toBe(false);
  expect(isQuantumSafe(ObjectType.SymmetricKey, sym(CryptographicAlgorithm.DES3, 192))).toBe(false);
  expect(isQuantumSafe(ObjectType.PrivateKey, sym(CryptographicAlgorithm.RSA, 15360))).toBe(false);
  expect(isQuantumSafe(ObjectType.OpaqueObject, [])).toBeUndefined();
});

test('Create with Quantum Safe: AES-128 is refused (QS-M-2-21), AES-256 is created; without the flag AES-128 is fine', async () => {
  const create = (len: number, qs?: boolean) =>
    run(Operation.Create, env.ctx(2, 1), [
      T.enum(Tag.ObjectType, ObjectType.SymmetricKey),
      T.struct(Tag.Attributes, [
        T.enum(Tag.CryptographicAlgorithm, CryptographicAlgorithm.AES),
        T.int(Tag.CryptographicLength, len),
        T.int(Tag.CryptographicUsageMask, 12),
        ...(qs === undefined ? [] : [T.bool(Tag.QuantumSafe, qs)]),
      ]),
    ]);
  expect(await reasonOf(create(128, true))).toBe(ResultReason.GeneralFailure);
  expect(env.store.locate({ filters: [] })).toHaveLength(0);
  expect(uidOf(await create(256, true))).toBeTruthy();
  expect(uidOf(await create(128))).toBeTruthy();
  expect(uidOf(await create(128, false))).toBeTruthy();
});
