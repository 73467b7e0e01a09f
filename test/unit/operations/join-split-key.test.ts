import { createCipheriv } from 'node:crypto';
import { Tag, Operation, ObjectType, CryptographicAlgorithm, KeyFormatType, ResultReason, SplitKeyMethod, BlockCipherMode, PaddingMethod } from '../../../src/kmip';
import { T, child, type TtlvItem } from '../../../src/ttlv/item';
import { makeEnv, run, reasonOf, uidOf, attr1, type Env } from './helpers';

let env: Env;
beforeEach(() => {
  env = makeEnv();
});
afterEach(() => env.close());

/** The OASIS TC-SJ-3 parts: a 2-of-4 GF(2^8) split of 0102..10. */
const SHARES = ['66C46A7754F94DE420C7B1A7FFF5EC56', 'CF93D1E2A7E593CD5B8D6247F4E5D49C', 'A855B891F61AD9217240D8EC061E37DA', '803DBAD55CDD329FAD19D99AE2C5A415'];

async function registerPart(i: number, method = SplitKeyMethod.PolynomialSharingGF2_8, threshold = 2): Promise<string> {
  const r = await run(Operation.Register, env.ctx(2, 1), [
    T.enum(Tag.ObjectType, ObjectType.SplitKey),
    T.struct(Tag.Attributes, []),
    T.struct(Tag.SplitKey, [
      T.int(Tag.SplitKeyParts, 4),
      T.int(Tag.KeyPartIdentifier, i + 1),
      T.int(Tag.SplitKeyThreshold, threshold),
      T.enum(Tag.SplitKeyMethod, method),
      T.struct(Tag.KeyBlock, [T.enum(Tag.KeyFormatType, KeyFormatType.Raw), T.struct(Tag.KeyValue, [T.bytes(Tag.KeyMaterial, Buffer.from(SHARES[i], 'hex'))])]),
    ]),
  ]);
  return uidOf(r);
}

const join = (uids: string[], attrs: TtlvItem[] = []) => [
  T.enum(Tag.ObjectType, ObjectType.SymmetricKey),
  ...uids.map((u) => T.text(Tag.UniqueIdentifier, u)),
  T.struct(Tag.Attributes, attrs),
];

test('TC-SJ-3-21: parts 1 and 3 join to the AES key 0102..10 with the request attributes; ID Placeholder = the key', async () => {
  const uids = [];
  for (let i = 0; i < 4; i++) uids.push(await registerPart(i));
  const r = await run(
    Operation.JoinSplitKey,
    env.ctx(2, 1),
    join([uids[0], uids[2]], [T.enum(Tag.CryptographicAlgorithm, CryptographicAlgorithm.AES), T.int(Tag.CryptographicLength, 128), T.int(Tag.CryptographicUsageMask, 12)]),
  );
  const uid = uidOf(r);
  expect(r.idPlaceholder).toBe(uid);
  const g = await run(Operation.Get, env.ctx(2, 1), [T.text(Tag.UniqueIdentifier, uid)]);
  expect(g.payload[0].value).toBe(ObjectType.SymmetricKey);
  const kb = child(g.payload[2], Tag.KeyBlock)!;
  expect((child(child(kb, Tag.KeyValue), Tag.KeyMaterial)!.value as Buffer).toString('hex')).toBe('0102030405060708090a0b0c0d0e0f10');
  expect(child(kb, Tag.CryptographicAlgorithm)?.value).toBe(CryptographicAlgorithm.AES);
  expect(env.store.get(uid)!.attributes.find((a) => a.name === 'Cryptographic Usage Mask')?.value.value).toBe(12);
  // The joined key works: AES-ECB of a zero block matches node:crypto's.
  await run(Operation.Activate, env.ctx(2, 1), [T.text(Tag.UniqueIdentifier, uid)]);
  const enc = await run(Operation.Encrypt, env.ctx(2, 1), [
    T.text(Tag.UniqueIdentifier, uid),
    T.struct(Tag.CryptographicParameters, [T.enum(Tag.BlockCipherMode, BlockCipherMode.ECB), T.enum(Tag.PaddingMethod, PaddingMethod.None)]),
    T.bytes(Tag.Data, Buffer.alloc(16)),
  ]);
  const c = createCipheriv('aes-128-ecb', Buffer.from('0102030405060708090a0b0c0d0e0f10', 'hex'), null).setAutoPadding(false);
  expect(child(T.struct(Tag.ResponsePayload, enc.payload), Tag.Data)?.value).toEqual(c.update(Buffer.alloc(16)));
});

test('fewer parts than the threshold is a Cryptographic Failure; mixed splits, repeats and non-split objects are refused', async () => {
  const a = await registerPart(0);
  const b = await registerPart(1);
  const ctx = env.ctx(2, 1);
  expect(await reasonOf(run(Operation.JoinSplitKey, ctx, join([b])))).toBe(ResultReason.CryptographicFailure);
  expect(await reasonOf(run(Operation.JoinSplitKey, ctx, join([a, a])))).toBe(ResultReason.InvalidField);
  const other = await registerPart(2, SplitKeyMethod.PolynomialSharingGF2_8, 3);
  expect(await reasonOf(run(Operation.JoinSplitKey, ctx, join([a, other])))).toBe(ResultReason.InvalidField);
  const key = uidOf(
    await run(Operation.Create, ctx, [T.enum(Tag.ObjectType, ObjectType.SymmetricKey), T.struct(Tag.Attributes, [T.enum(Tag.CryptographicAlgorithm, CryptographicAlgorithm.AES), T.int(Tag.CryptographicLength, 128)])]),
  );
  expect(await reasonOf(run(Operation.JoinSplitKey, ctx, join([a, key])))).toBe(ResultReason.InvalidObjectType);
  expect(await reasonOf(run(Operation.JoinSplitKey, ctx, join([a, b], [T.int(Tag.CryptographicLength, 256)])))).toBe(ResultReason.InvalidField);
  const wrongType = join([a, b]);
  wrongType[0] = T.enum(Tag.ObjectType, ObjectType.Certificate);
  expect(await reasonOf(run(Operation.JoinSplitKey, ctx, wrongType))).toBe(ResultReason.InvalidObjectType);
});

test('Create Split Key then Join round trip with a 1.x Template-Attribute (TC-SJ-1): 3 of 5 rebuild the original key', async () => {
  const ctx = env.ctx(1, 4);
  const orig = uidOf(
    await run(Operation.Create, ctx, [
      T.enum(Tag.ObjectType, ObjectType.SymmetricKey),
      T.struct(Tag.TemplateAttribute, [attr1('Cryptographic Algorithm', T.enum(0, CryptographicAlgorithm.AES)), attr1('Cryptographic Length', T.int(0, 128))]),
    ]),
  );
  const parts = (
    await run(Operation.CreateSplitKey, ctx, [
      T.enum(Tag.ObjectType, ObjectType.SplitKey),
      T.text(Tag.UniqueIdentifier, orig),
      T.int(Tag.SplitKeyParts, 5),
      T.int(Tag.SplitKeyThreshold, 3),
      T.enum(Tag.SplitKeyMethod, SplitKeyMethod.PolynomialSharingGF2_8),
      T.struct(Tag.TemplateAttribute, []),
    ])
  ).payload.map((p) => p.value as string);
  const joined = uidOf(
    await run(Operation.JoinSplitKey, ctx, [
      T.enum(Tag.ObjectType, ObjectType.SymmetricKey),
      T.text(Tag.UniqueIdentifier, parts[0]),
      T.text(Tag.UniqueIdentifier, parts[2]),
      T.text(Tag.UniqueIdentifier, parts[4]),
      T.struct(Tag.TemplateAttribute, [attr1('Cryptographic Algorithm', T.enum(0, CryptographicAlgorithm.AES))]),
    ]),
  );
  const value = async (uid: string) =>
    child(child(child((await run(Operation.Get, ctx, [T.text(Tag.UniqueIdentifier, uid)])).payload[2], Tag.KeyBlock), Tag.KeyValue), Tag.KeyMaterial)!.value;
  expect(await value(joined)).toEqual(await value(orig));
  expect(await reasonOf(run(Operation.JoinSplitKey, ctx, [T.enum(Tag.ObjectType, ObjectType.SymmetricKey), T.text(Tag.UniqueIdentifier, parts[1]), T.text(Tag.UniqueIdentifier, parts[3])]))).toBe(
    ResultReason.CryptographicFailure,
  );
});
