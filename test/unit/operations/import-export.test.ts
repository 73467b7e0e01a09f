import { createHash } from 'node:crypto';
import { Tag, Operation, ObjectType, CryptographicAlgorithm, KeyFormatType, ResultReason, State, KeyWrapType } from '../../../src/kmip';
import { T, child, children, type TtlvItem } from '../../../src/ttlv/item';
import { makeEnv, run, reasonOf, uidOf, aesKeyObject, type Env } from './helpers';

let env: Env;
beforeEach(() => {
  env = makeEnv();
});
afterEach(() => env.close());

const KEY = Buffer.from('00112233445566778899aabbccddeeff', 'hex');
const keyObject = aesKeyObject;
const material = (obj: TtlvItem) => child(child(child(obj, Tag.KeyBlock), Tag.KeyValue), Tag.KeyMaterial)?.value;

test('Export (2.1) = Get plus every attribute: Object Type, Unique Identifier, Attributes, the object; ID Placeholder set', async () => {
  const ctx = env.ctx(2, 1);
  const uid = uidOf(await run(Operation.Register, ctx, [T.enum(Tag.ObjectType, ObjectType.SymmetricKey), T.struct(Tag.Attributes, [T.int(Tag.CryptographicUsageMask, 12)]), keyObject(Buffer.from(KEY))]));
  const r = await run(Operation.Export, ctx, [T.text(Tag.UniqueIdentifier, uid)]);
  expect(r.payload.map((p) => p.tag)).toEqual([Tag.ObjectType, Tag.UniqueIdentifier, Tag.Attributes, Tag.SymmetricKey]);
  expect(r.idPlaceholder).toBe(uid);
  const attrs = r.payload[2];
  expect(child(attrs, Tag.CryptographicUsageMask)?.value).toBe(12);
  expect(child(attrs, Tag.State)?.value).toBe(State.PreActive);
  expect(material(r.payload[3])).toEqual(KEY);
  // 1.4: attributes as Attribute structures.
  const r14 = await run(Operation.Export, env.ctx(1, 4), [T.text(Tag.UniqueIdentifier, uid)]);
  expect(children(T.struct(Tag.ResponsePayload, r14.payload), Tag.Attribute).length).toBeGreaterThan(5);
  expect(await reasonOf(run(Operation.Export, ctx, [T.text(Tag.UniqueIdentifier, 'missing')]))).toBe(ResultReason.ObjectNotFound);
});

test('Import stores under the given identifier with exactly the supplied attributes; Replace Existing; owner only', async () => {
  const ctx = env.ctx(2, 1);
  const attrs = T.struct(Tag.Attributes, [
    T.enum(Tag.State, State.Active),
    T.date(Tag.InitialDate, 1_600_000_000n),
    T.enum(Tag.CryptographicAlgorithm, CryptographicAlgorithm.AES),
    T.int(Tag.CryptographicLength, 128),
  ]);
  const req = (replace?: boolean, bytes = KEY) => [
    T.text(Tag.UniqueIdentifier, 'restored-1'),
    T.enum(Tag.ObjectType, ObjectType.SymmetricKey),
    ...(replace === undefined ? [] : [T.bool(Tag.ReplaceExisting, replace)]),
    attrs,
    keyObject(Buffer.from(bytes)),
  ];
  const r = await run(Operation.Import, ctx, req());
  expect(uidOf(r)).toBe('restored-1');
  expect(r.idPlaceholder).toBe('restored-1');
  const stored = env.store.get('restored-1')!;
  expect(stored.state).toBe(State.Active);
  expect(stored.attributes.find((a) => a.name === 'Initial Date')?.value.value).toBe(1_600_000_000n);
  // The server adds none of its own attributes (no Digest, no Last Change Date).
  expect(stored.attributes.some((a) => a.name === 'Digest' || a.name === 'Last Change Date')).toBe(false);
  expect(stored.material!.includes(KEY)).toBe(false);
  const get = async () => material((await run(Operation.Get, ctx, [T.text(Tag.UniqueIdentifier, 'restored-1')])).payload[2]);
  expect(await get()).toEqual(KEY);

  expect(await reasonOf(run(Operation.Import, ctx, req()))).toBe(ResultReason.ObjectAlreadyExists);
  expect(await reasonOf(run(Operation.Import, ctx, req(false)))).toBe(ResultReason.ObjectAlreadyExists);
  expect(await reasonOf(run(Operation.Import, env.ctx(2, 1, { principal: 'bob' }), req(true)))).toBe(ResultReason.PermissionDenied);
  const other = Buffer.alloc(16, 7);
  await run(Operation.Import, ctx, req(true, other));
  expect(await get()).toEqual(other);
});

test('Export then Import restores an object elsewhere (round trip through another store)', async () => {
  const ctx = env.ctx(2, 1);
  const uid = uidOf(await run(Operation.Register, ctx, [T.enum(Tag.ObjectType, ObjectType.SymmetricKey), T.struct(Tag.Attributes, [T.text(Tag.ObjectGroup, 'g')]), keyObject(Buffer.from(KEY))]));
  const ex = await run(Operation.Export, ctx, [T.text(Tag.UniqueIdentifier, uid)]);
  const other = (await import('./helpers')).makeEnv();
  try {
    const [objectType, uidItem, attrs, obj] = ex.payload;
    await run(Operation.Import, other.ctx(2, 1), [uidItem, objectType, attrs, obj]);
    const copy = other.store.get(uid)!;
    const orig = env.store.get(uid)!;
    const visible = (o: typeof orig) => o.attributes.filter((a) => !a.name.startsWith('_')).map((a) => [a.name, a.value]);
    expect(visible(copy)).toEqual(visible(orig));
    expect(copy.state).toBe(orig.state);
    expect(material((await run(Operation.Get, other.ctx(2, 1), [uidItem])).payload[2])).toEqual(KEY);
  } finally {
    await other.close();
  }
});

test('Import keeps a Short Unique Identifier other than the derived one: answered and located by it; the derived one is not stored', async () => {
  const ctx = env.ctx(2, 1);
  const imp = (uid: string, suid: Buffer) =>
    run(Operation.Import, ctx, [T.text(Tag.UniqueIdentifier, uid), T.enum(Tag.ObjectType, ObjectType.SymmetricKey), T.struct(Tag.Attributes, [T.bytes(Tag.ShortUniqueIdentifier, suid)]), keyObject(Buffer.from(KEY))]);
  const sha = (u: string) => createHash('sha256').update(u).digest();
  const foreign = Buffer.alloc(32, 0xab);
  await imp('foreign-1', foreign);
  await imp('derived-1', sha('derived-1'));
  expect(env.store.get('derived-1')!.attributes.some((a) => a.name === 'Short Unique Identifier')).toBe(false);
  const suidOf = async (uid: string) =>
    child((await run(Operation.GetAttributes, ctx, [T.text(Tag.UniqueIdentifier, uid), T.enum(Tag.AttributeReference, Tag.ShortUniqueIdentifier)])).payload[1], Tag.ShortUniqueIdentifier)?.value;
  expect(await suidOf('foreign-1')).toEqual(foreign);
  expect(await suidOf('derived-1')).toEqual(sha('derived-1'));
  const locate = async (suid: Buffer) => (await run(Operation.Locate, ctx, [T.struct(Tag.Attributes, [T.bytes(Tag.ShortUniqueIdentifier, suid)])])).payload.map((p) => p.value);
  expect(await locate(foreign)).toEqual(['foreign-1']);
  expect(await locate(sha('foreign-1'))).toEqual([]);
  expect(await locate(sha('derived-1'))).toEqual(['derived-1']);
});

test('Import refusals: no identifier, unknown Object Type, object missing, Not Wrapped for a wrapped key', async () => {
  const ctx = env.ctx(2, 1);
  const t = T.enum(Tag.ObjectType, ObjectType.SymmetricKey);
  expect(await reasonOf(run(Operation.Import, ctx, [t, T.struct(Tag.Attributes, []), keyObject(KEY)]))).toBe(ResultReason.InvalidField);
  expect(await reasonOf(run(Operation.Import, ctx, [T.text(Tag.UniqueIdentifier, 'x'), T.enum(Tag.ObjectType, 99), T.struct(Tag.Attributes, [])]))).toBe(ResultReason.InvalidObjectType);
  expect(await reasonOf(run(Operation.Import, ctx, [T.text(Tag.UniqueIdentifier, 'x'), t, T.struct(Tag.Attributes, [])]))).toBe(ResultReason.InvalidField);
  const wrapped = T.struct(Tag.SymmetricKey, [
    T.struct(Tag.KeyBlock, [T.enum(Tag.KeyFormatType, KeyFormatType.Raw), T.bytes(Tag.KeyValue, Buffer.alloc(24)), T.struct(Tag.KeyWrappingData, [T.enum(Tag.WrappingMethod, 1)])]),
  ]);
  expect(await reasonOf(run(Operation.Import, ctx, [T.text(Tag.UniqueIdentifier, 'x'), t, T.enum(Tag.KeyWrapType, KeyWrapType.NotWrapped), T.struct(Tag.Attributes, []), wrapped]))).toBe(
    ResultReason.FeatureNotSupported,
  );
  expect(env.store.get('x')).toBeUndefined();
});
