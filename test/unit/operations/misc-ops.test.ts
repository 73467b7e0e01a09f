import { Tag, Operation, ObjectType, CryptographicAlgorithm, KeyFormatType, ResultReason, InteropFunction } from '../../../src/kmip';
import { T } from '../../../src/ttlv/item';
import { makeEnv, run, reasonOf, uidOf, type Env } from './helpers';

let env: Env;
beforeEach(() => {
  env = makeEnv();
});
afterEach(() => env.close());

test('Register of a Key Block without Key Value (TC-MDO): Key Value Present = false, Get returns it as registered', async () => {
  const obj = T.struct(Tag.SymmetricKey, [
    T.struct(Tag.KeyBlock, [
      T.enum(Tag.KeyFormatType, KeyFormatType.Raw),
      T.enum(Tag.CryptographicAlgorithm, CryptographicAlgorithm.AES),
      T.int(Tag.CryptographicLength, 128),
    ]),
  ]);
  const r = await run(Operation.Register, env.ctx(1, 4), [T.enum(Tag.ObjectType, ObjectType.SymmetricKey), T.struct(Tag.TemplateAttribute, []), obj]);
  const stored = env.store.get(uidOf(r))!;
  expect(stored.material).toBeNull();
  expect(stored.attributes.find((a) => a.name === 'Key Value Present')?.value.value).toBe(false);
  const g = await run(Operation.Get, env.ctx(1, 4), [T.text(Tag.UniqueIdentifier, uidOf(r))]);
  expect(g.payload[2]).toEqual(obj);
});

test('Interop and Log (2.x test-harness operations) succeed with an empty payload; bad input is refused', async () => {
  const ctx = env.ctx(2, 1);
  expect((await run(Operation.Interop, ctx, [T.enum(Tag.InteropFunction, InteropFunction.Begin), T.text(Tag.InteropIdentifier, 'BL-M-1-21')])).payload).toEqual([]);
  expect(await reasonOf(run(Operation.Interop, ctx, [T.enum(Tag.InteropFunction, 99)]))).toBe(ResultReason.InvalidField);
  expect((await run(Operation.Log, ctx, [T.text(Tag.LogMessage, 'Registered a symmetric key.')])).payload).toEqual([]);
  expect(await reasonOf(run(Operation.Log, ctx, [T.text(Tag.LogMessage, 'x'.repeat(5000))]))).toBe(ResultReason.InvalidField);
  expect(await reasonOf(run(Operation.Log, ctx, []))).toBe(ResultReason.InvalidField);
});

test('1.x Template-Attribute Name with no such Template names the new object; unknown attribute names are ignored', async () => {
  const r = await run(Operation.Create, env.ctx(1, 1), [
    T.enum(Tag.ObjectType, ObjectType.SymmetricKey),
    T.struct(Tag.TemplateAttribute, [
      T.struct(Tag.Name, [T.text(Tag.NameValue, 'direct-name'), T.enum(Tag.NameType, 1)]),
      T.struct(Tag.Attribute, [T.text(Tag.AttributeName, 'Cryptographic Algorithm'), T.enum(Tag.AttributeValue, CryptographicAlgorithm.AES)]),
      T.struct(Tag.Attribute, [T.text(Tag.AttributeName, 'Cryptographic Length'), T.int(Tag.AttributeValue, 128)]),
      T.struct(Tag.Attribute, [T.text(Tag.AttributeName, 'Storage Status Mask'), T.int(Tag.AttributeValue, 1)]),
    ]),
  ]);
  const stored = env.store.get(uidOf(r))!;
  expect(stored.attributes.find((a) => a.name === 'Name')?.value).toEqual(
    T.struct(Tag.AttributeValue, [T.text(Tag.NameValue, 'direct-name'), T.enum(Tag.NameType, 1)]),
  );
  expect(stored.attributes.some((a) => a.name === 'Storage Status Mask')).toBe(false);
});
