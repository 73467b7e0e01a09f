import { Tag, Operation, ObjectType, CryptographicAlgorithm, KeyFormatType, PutFunction, ResultReason } from '../../../src/kmip';
import { T, child } from '../../../src/ttlv/item';
import { makeEnv, run, reasonOf, uidOf, attr1, aesKeyObject, type Env } from './helpers';

let env: Env;
beforeEach(() => {
  env = makeEnv();
});
afterEach(() => env.close());

const keyObject = aesKeyObject;

test('Put (TC-NP-1) is acknowledged with an empty payload and changes nothing: the stored key keeps its value', async () => {
  const ctx = env.ctx(1, 4);
  const uid = uidOf(
    await run(Operation.Create, ctx, [
      T.enum(Tag.ObjectType, ObjectType.SymmetricKey),
      T.struct(Tag.TemplateAttribute, [attr1('Cryptographic Algorithm', T.enum(0, CryptographicAlgorithm.AES)), attr1('Cryptographic Length', T.int(0, 128))]),
    ]),
  );
  const before = env.store.get(uid)!;
  const pushed = Buffer.from('7546ef6cd37c49806824984477987d1e', 'hex');
  const r = await run(Operation.Put, ctx, [
    T.text(Tag.UniqueIdentifier, uid),
    T.enum(Tag.PutFunction, PutFunction.New),
    keyObject(pushed),
    attr1('x-ID', T.text(0, 'TC-NP-1-14')),
  ]);
  expect(r.payload).toEqual([]);
  expect(env.store.get(uid)).toEqual(before);
  // The pushed key material copy is zeroed.
  expect(pushed.equals(Buffer.alloc(16))).toBe(true);
  const g = await run(Operation.Get, ctx, [T.text(Tag.UniqueIdentifier, uid)]);
  expect(child(child(child(g.payload[2], Tag.KeyBlock), Tag.KeyValue), Tag.KeyMaterial)?.value).not.toEqual(Buffer.from('7546ef6cd37c49806824984477987d1e', 'hex'));
});

test('Put refusals: no Put Function, Replace without Replaced Unique Identifier, no object, bad attribute', async () => {
  const ctx = env.ctx(1, 4);
  const k = () => keyObject(Buffer.alloc(16, 1));
  expect(await reasonOf(run(Operation.Put, ctx, [T.text(Tag.UniqueIdentifier, 'u'), k()]))).toBe(ResultReason.InvalidField);
  expect(await reasonOf(run(Operation.Put, ctx, [T.text(Tag.UniqueIdentifier, 'u'), T.enum(Tag.PutFunction, PutFunction.Replace), k()]))).toBe(ResultReason.InvalidField);
  expect((await run(Operation.Put, ctx, [T.text(Tag.UniqueIdentifier, 'u'), T.enum(Tag.PutFunction, PutFunction.Replace), T.text(Tag.ReplacedUniqueIdentifier, 'v'), k()])).payload).toEqual([]);
  expect(await reasonOf(run(Operation.Put, ctx, [T.text(Tag.UniqueIdentifier, 'u'), T.enum(Tag.PutFunction, PutFunction.New)]))).toBe(ResultReason.InvalidField);
  expect(await reasonOf(run(Operation.Put, ctx, [T.enum(Tag.PutFunction, PutFunction.New), k()]))).toBe(ResultReason.InvalidField);
  expect(
    await reasonOf(run(Operation.Put, ctx, [T.text(Tag.UniqueIdentifier, 'u'), T.enum(Tag.PutFunction, PutFunction.New), k(), T.struct(Tag.Attribute, [T.text(Tag.AttributeName, 'x-a')])])),
  ).toBe(ResultReason.InvalidField);
});

test('Notify is acknowledged with an empty payload and applies nothing; it needs a Unique Identifier', async () => {
  const ctx = env.ctx(1, 4);
  const r = await run(Operation.Notify, ctx, [T.text(Tag.UniqueIdentifier, 'u'), attr1('x-provider', T.text(0, 'unknown'))]);
  expect(r.payload).toEqual([]);
  expect(await reasonOf(run(Operation.Notify, ctx, [attr1('x-provider', T.text(0, 'unknown'))]))).toBe(ResultReason.InvalidField);
});
