import { generateKeyPairSync } from 'node:crypto';
import { Tag, Operation, ObjectType, CryptographicAlgorithm, KeyFormatType, ResultReason, State, AdjustmentType } from '../../../src/kmip';
import { T, child, children, type TtlvItem } from '../../../src/ttlv/item';
import { makeEnv, run, reasonOf, uidOf, payloadStruct, attr1, nameValue, type Env } from './helpers';

let env: Env;
beforeEach(() => {
  env = makeEnv();
});
afterEach(() => env.close());

async function newKey(major: number, minor: number, extra: TtlvItem[] = []): Promise<string> {
  const r = await run(Operation.Create, env.ctx(major, minor), [
    T.enum(Tag.ObjectType, ObjectType.SymmetricKey),
    T.struct(Tag.TemplateAttribute, [
      attr1('Cryptographic Algorithm', T.enum(0, CryptographicAlgorithm.AES)),
      attr1('Cryptographic Length', T.int(0, 256)),
      attr1('Cryptographic Usage Mask', T.int(0, 12)),
      ...extra,
    ]),
  ]);
  return uidOf(r);
}

const uidF = (u: string) => T.text(Tag.UniqueIdentifier, u);

describe('Get Attributes / Get Attribute List', () => {
  test('absent custom attribute: Success with the UID and no Attribute (vCenter)', async () => {
    const uid = await newKey(1, 1);
    const r = await run(Operation.GetAttributes, env.ctx(1, 1), [uidF(uid), T.text(Tag.AttributeName, 'x-Product_Version')]);
    expect(r.payload).toEqual([uidF(uid)]);
  });
  test('an attribute named twice is an Invalid Message (TC-171), once is fine', async () => {
    const uid = await newKey(1, 1);
    const twice = [uidF(uid), T.text(Tag.AttributeName, 'Object Type'), T.text(Tag.AttributeName, 'Object Type')];
    expect(await reasonOf(run(Operation.GetAttributes, env.ctx(1, 1), twice))).toBe(ResultReason.InvalidMessage);
    const mixed = [uidF(uid), T.text(Tag.AttributeName, 'State'), T.enum(Tag.AttributeReference, Tag.State)];
    expect(await reasonOf(run(Operation.GetAttributes, env.ctx(2, 1), mixed))).toBe(ResultReason.InvalidMessage);
    const once = await run(Operation.GetAttributes, env.ctx(1, 1), twice.slice(0, 2));
    expect(once.payload).toHaveLength(2);
  });
  test('1.0 answers never contain Fresh, Original Creation Date; 1.4 does', async () => {
    const uid = await newKey(1, 0);
    const all10 = await run(Operation.GetAttributes, env.ctx(1, 0), [uidF(uid)]);
    const names10 = children(payloadStruct(all10), Tag.Attribute).map((a) => child(a, Tag.AttributeName)?.value);
    expect(names10).toContain('Initial Date');
    expect(names10).toContain('State');
    expect(names10).not.toContain('Fresh');
    expect(names10).not.toContain('Original Creation Date');
    const all14 = await run(Operation.GetAttributes, env.ctx(1, 4), [uidF(uid)]);
    const names14 = children(payloadStruct(all14), Tag.Attribute).map((a) => child(a, Tag.AttributeName)?.value);
    expect(names14).toEqual(expect.arrayContaining(['Fresh', 'Original Creation Date', 'Digest', 'Unique Identifier', 'Object Type']));
    const list10 = await run(Operation.GetAttributeList, env.ctx(1, 0), [uidF(uid)]);
    const l = children(payloadStruct(list10), Tag.AttributeName).map((a) => a.value);
    expect(l).toContain('Cryptographic Algorithm');
    expect(l).not.toContain('Fresh');
    expect(l.some((n) => String(n).startsWith('_'))).toBe(false);
  });
  test('Digest: Key Format Type from 1.1 on, not in 1.0; Short Unique Identifier only in 2.x', async () => {
    const uid = await newKey(1, 4);
    const digest = async (minor: number) =>
      (await run(Operation.GetAttributes, env.ctx(1, minor), [uidF(uid), T.text(Tag.AttributeName, 'Digest')])).payload[1];
    expect(child(child(await digest(1), Tag.AttributeValue), Tag.KeyFormatType)?.value).toBe(KeyFormatType.Raw);
    expect(child(child(await digest(0), Tag.AttributeValue), Tag.KeyFormatType)).toBeUndefined();
    expect(child(child(await digest(0), Tag.AttributeValue), Tag.DigestValue)).toBeDefined();
    const s = await run(Operation.GetAttributes, env.ctx(2, 1), [uidF(uid), T.enum(Tag.AttributeReference, Tag.ShortUniqueIdentifier)]);
    expect((child(s.payload[1], Tag.ShortUniqueIdentifier)?.value as Buffer).length).toBe(32);
    const l = await run(Operation.GetAttributeList, env.ctx(1, 4), [uidF(uid)]);
    expect(children(payloadStruct(l), Tag.AttributeName).map((n) => n.value)).not.toContain('Short Unique Identifier');
  });
  test('2.1 Attribute References in, one Attributes structure out, in request order', async () => {
    const uid = await newKey(2, 1);
    const r = await run(Operation.GetAttributes, env.ctx(2, 1), [
      uidF(uid),
      T.enum(Tag.AttributeReference, Tag.State),
      T.enum(Tag.AttributeReference, Tag.ObjectType),
      T.enum(Tag.AttributeReference, Tag.Description),
    ]);
    expect(r.payload).toEqual([uidF(uid), T.struct(Tag.Attributes, [T.enum(Tag.State, State.PreActive), T.enum(Tag.ObjectType, ObjectType.SymmetricKey)])]);
    const list = await run(Operation.GetAttributeList, env.ctx(2, 1), [uidF(uid)]);
    const refs = children(payloadStruct(list), Tag.AttributeReference).map((x) => x.value);
    expect(refs).toEqual(expect.arrayContaining([Tag.UniqueIdentifier, Tag.State, Tag.CryptographicAlgorithm, Tag.Fresh]));
  });
  test('Get Attributes of an unknown object fails', async () => {
    expect(await reasonOf(run(Operation.GetAttributes, env.ctx(1, 4), [uidF('missing')]))).toBe(ResultReason.ItemNotFound);
  });
});

describe('custom attributes of every item type: add, get, locate', () => {
  const values: Array<[string, TtlvItem]> = [
    ['TextString', T.text(0, 'ESXi Server')],
    ['Integer', T.int(0, 42)],
    ['LongInteger', T.long(0, 1n << 40n)],
    ['BigInteger', T.big(0, 99999999999999999999n)],
    ['Enumeration', T.enum(0, 3)],
    ['Boolean', T.bool(0, true)],
    ['ByteString', T.bytes(0, Buffer.from([9, 8, 7]))],
    ['DateTime', T.date(0, 1700000000n)],
    ['Interval', T.interval(0, 3600)],
    ['Structure', T.struct(0, [T.text(Tag.NameValue, 'n'), T.int(Tag.CryptographicLength, 1)])],
  ];
  test.each(values)('%s', async (_t, val) => {
    const uid = await newKey(1, 1);
    await newKey(1, 1); // a second key without the attribute
    const add = await run(Operation.AddAttribute, env.ctx(1, 1), [uidF(uid), attr1('x-Custom', val)]);
    expect(add.payload).toEqual([uidF(uid), attr1('x-Custom', val)]);
    const g = await run(Operation.GetAttributes, env.ctx(1, 1), [uidF(uid), T.text(Tag.AttributeName, 'x-Custom')]);
    expect(g.payload).toEqual([uidF(uid), attr1('x-Custom', val)]);
    const loc = await run(Operation.Locate, env.ctx(1, 1), [attr1('x-Custom', val)]);
    expect(loc.payload).toEqual([uidF(uid)]);
    // 2.x sees it as a vendor attribute x / Custom.
    const g2 = await run(Operation.GetAttributes, env.ctx(2, 1), [
      uidF(uid),
      T.struct(Tag.AttributeReference, [T.text(Tag.VendorIdentification, 'x'), T.text(Tag.AttributeName, 'Custom')]),
    ]);
    const vendor = child(g2.payload[1], Tag.Attribute)!;
    expect(child(vendor, Tag.AttributeValue)).toEqual({ ...val, tag: Tag.AttributeValue });
  });
});

describe('Add / Modify / Delete Attribute', () => {
  test('1.x Modify Name with Attribute Index 0 echoes UID + Attribute (Synology DSM)', async () => {
    const uid = await newKey(1, 2, [attr1('Name', nameValue('old'))]);
    const r = await run(Operation.ModifyAttribute, env.ctx(1, 2), [uidF(uid), attr1('Name', nameValue('new'), 0)]);
    expect(r.payload).toEqual([uidF(uid), attr1('Name', nameValue('new'))]);
    const loc = await run(Operation.Locate, env.ctx(1, 2), [attr1('Name', nameValue('new'))]);
    expect(loc.payload).toEqual([uidF(uid)]);
  });
  test('2.x Modify/Add/Delete answer the UID only; vendor attributes (SKFF-M-9-21)', async () => {
    const uid = await newKey(2, 1);
    const vattr = (n: string, v: string) =>
      T.struct(Tag.Attribute, [T.text(Tag.VendorIdentification, 'x'), T.text(Tag.AttributeName, n), T.text(Tag.AttributeValue, v)]);
    const ctx = env.ctx(2, 1);
    expect((await run(Operation.AddAttribute, ctx, [uidF(uid), T.struct(Tag.NewAttribute, [vattr('attribute1', 'Value1')])])).payload).toEqual([uidF(uid)]);
    expect((await run(Operation.ModifyAttribute, ctx, [uidF(uid), T.struct(Tag.NewAttribute, [vattr('attribute1', 'Mod')])])).payload).toEqual([uidF(uid)]);
    const g = await run(Operation.GetAttributes, env.ctx(1, 4), [uidF(uid), T.text(Tag.AttributeName, 'x-attribute1')]);
    expect(g.payload[1]).toEqual(attr1('x-attribute1', T.text(0, 'Mod')));
    const del = await run(Operation.DeleteAttribute, ctx, [
      uidF(uid),
      T.struct(Tag.AttributeReference, [T.text(Tag.VendorIdentification, 'x'), T.text(Tag.AttributeName, 'attribute1')]),
    ]);
    expect(del.payload).toEqual([uidF(uid)]);
    expect((await run(Operation.GetAttributes, ctx, [uidF(uid), T.enum(Tag.AttributeReference, Tag.Name)])).payload).toEqual([uidF(uid), T.struct(Tag.Attributes, [])]);
    expect(env.store.get(uid)!.attributes.some((a) => a.name === 'x-attribute1')).toBe(false);
  });
  test('1.x Delete echoes the deleted attribute and renumbers instances', async () => {
    const uid = await newKey(1, 4, [attr1('Object Group', T.text(0, 'g0')), attr1('Object Group', T.text(0, 'g1'))]);
    const r = await run(Operation.DeleteAttribute, env.ctx(1, 4), [uidF(uid), T.text(Tag.AttributeName, 'Object Group'), T.int(Tag.AttributeIndex, 0)]);
    expect(r.payload).toEqual([uidF(uid), attr1('Object Group', T.text(0, 'g0'))]);
    const left = env.store.get(uid)!.attributes.filter((a) => a.name === 'Object Group');
    expect(left.map((a) => [a.index, a.value.value])).toEqual([[0, 'g1']]);
  });
  test('Add to a multi-instance attribute answers the new index', async () => {
    const uid = await newKey(1, 4, [attr1('Name', nameValue('n0'))]);
    const r = await run(Operation.AddAttribute, env.ctx(1, 4), [uidF(uid), attr1('Name', nameValue('n1'))]);
    expect(r.payload[1]).toEqual(attr1('Name', nameValue('n1'), 1));
  });
  test('single-valued: same value again succeeds (VAST OPN), another value is Attribute Single Valued', async () => {
    const uid = await newKey(1, 4, [attr1('Operation Policy Name', T.text(0, 'default'))]);
    const ok = await run(Operation.AddAttribute, env.ctx(1, 4), [uidF(uid), attr1('Operation Policy Name', T.text(0, 'default'))]);
    expect(ok.payload[0]).toEqual(uidF(uid));
    const uid2 = await newKey(2, 1);
    const ctx = env.ctx(2, 1);
    await run(Operation.AddAttribute, ctx, [uidF(uid2), T.struct(Tag.NewAttribute, [T.text(Tag.Description, 'This is opaque')])]);
    expect(await reasonOf(run(Operation.AddAttribute, ctx, [uidF(uid2), T.struct(Tag.NewAttribute, [T.text(Tag.Description, 'dup')])]))).toBe(
      ResultReason.AttributeSingleValued,
    );
  });
  test('Non Unique Name (BL-M-8-21), also on the object itself', async () => {
    const uid = await newKey(2, 1, [attr1('Name', nameValue('BL-M-8-21'))]);
    const n = T.struct(Tag.Name, [T.text(Tag.NameValue, 'BL-M-8-21'), T.enum(Tag.NameType, 1)]);
    expect(await reasonOf(run(Operation.AddAttribute, env.ctx(2, 1), [uidF(uid), T.struct(Tag.NewAttribute, [n])]))).toBe(
      ResultReason.NonUniqueNameAttribute,
    );
  });
  test('read-only attributes: Attribute Read Only (2.x) / Permission Denied (1.x)', async () => {
    const uid = await newKey(2, 1);
    expect(await reasonOf(run(Operation.ModifyAttribute, env.ctx(2, 1), [uidF(uid), T.struct(Tag.NewAttribute, [T.enum(Tag.State, State.Compromised)])]))).toBe(
      ResultReason.AttributeReadOnly,
    );
    expect(await reasonOf(run(Operation.ModifyAttribute, env.ctx(1, 4), [uidF(uid), attr1('Cryptographic Length', T.int(0, 128))]))).toBe(
      ResultReason.PermissionDenied,
    );
    expect(await reasonOf(run(Operation.AddAttribute, env.ctx(1, 4), [uidF(uid), attr1('Initial Date', T.date(0, 5n))]))).toBe(ResultReason.PermissionDenied);
    expect(await reasonOf(run(Operation.DeleteAttribute, env.ctx(1, 4), [uidF(uid), T.text(Tag.AttributeName, 'Cryptographic Algorithm')]))).toBe(
      ResultReason.PermissionDenied,
    );
  });
  test('Activation Date may be modified only while Pre-Active (AKLC-M-3): version-correct reason', async () => {
    // While Pre-Active it may be added and modified:
    const uid = await newKey(1, 4);
    await run(Operation.AddAttribute, env.ctx(1, 4), [uidF(uid), attr1('Activation Date', T.date(0, 5000000000n))]);
    const m = await run(Operation.ModifyAttribute, env.ctx(1, 4), [uidF(uid), attr1('Activation Date', T.date(0, 5000000001n))]);
    expect(m.payload[1]).toEqual(attr1('Activation Date', T.date(0, 5000000001n)));
    await run(Operation.Activate, env.ctx(1, 4), [uidF(uid)]);
    expect(env.store.get(uid)!.state).toBe(State.Active);
    expect(await reasonOf(run(Operation.ModifyAttribute, env.ctx(2, 1), [uidF(uid), T.struct(Tag.NewAttribute, [T.date(Tag.ActivationDate, 1n)])]))).toBe(
      ResultReason.WrongKeyLifecycleState,
    );
    expect(await reasonOf(run(Operation.ModifyAttribute, env.ctx(1, 4), [uidF(uid), attr1('Activation Date', T.date(0, 1n))]))).toBe(
      ResultReason.PermissionDenied,
    );
  });
  test('Modify of a missing attribute: Attribute Not Found (2.x) / Item Not Found (1.x)', async () => {
    const uid = await newKey(2, 1);
    expect(await reasonOf(run(Operation.ModifyAttribute, env.ctx(2, 1), [uidF(uid), T.struct(Tag.NewAttribute, [T.text(Tag.Description, 'd')])]))).toBe(
      ResultReason.AttributeNotFound,
    );
    expect(await reasonOf(run(Operation.ModifyAttribute, env.ctx(1, 4), [uidF(uid), attr1('Contact Information', T.text(0, 'c'))]))).toBe(ResultReason.ItemNotFound);
    expect(await reasonOf(run(Operation.DeleteAttribute, env.ctx(1, 4), [uidF(uid), T.text(Tag.AttributeName, 'Contact Information')]))).toBe(ResultReason.ItemNotFound);
  });
  test('an attribute the version does not define is refused', async () => {
    const uid = await newKey(1, 0);
    expect(await reasonOf(run(Operation.AddAttribute, env.ctx(1, 0), [uidF(uid), attr1('Description', T.text(0, 'd'))]))).toBe(ResultReason.InvalidField);
  });
  test('Add Attribute keeps Last Change Date current', async () => {
    const uid = await newKey(1, 4);
    env.clock.now = new Date('2026-06-01T00:00:00Z');
    await run(Operation.AddAttribute, env.ctx(1, 4), [uidF(uid), attr1('x-a', T.text(0, 'v'))]);
    const lcd = env.store.get(uid)!.attributes.find((a) => a.name === 'Last Change Date')!;
    expect(lcd.value.value).toBe(BigInt(Date.parse('2026-06-01T00:00:00Z') / 1000));
  });
});

describe('Set Attribute and Adjust Attribute (2.0+)', () => {
  test('Set adds then replaces a single-valued attribute; multi-valued refused', async () => {
    const uid = await newKey(2, 0);
    const ctx = env.ctx(2, 0);
    await run(Operation.SetAttribute, ctx, [uidF(uid), T.struct(Tag.NewAttribute, [T.text(Tag.Comment, 'a')])]);
    await run(Operation.SetAttribute, ctx, [uidF(uid), T.struct(Tag.NewAttribute, [T.text(Tag.Comment, 'b')])]);
    const c = env.store.get(uid)!.attributes.filter((a) => a.name === 'Comment');
    expect(c.map((a) => a.value.value)).toEqual(['b']);
    const n = T.struct(Tag.Name, [T.text(Tag.NameValue, 'x'), T.enum(Tag.NameType, 1)]);
    expect(await reasonOf(run(Operation.SetAttribute, ctx, [uidF(uid), T.struct(Tag.NewAttribute, [n])]))).toBe(ResultReason.MultiValuedAttribute);
  });
  test('Adjust increments a date by seconds', async () => {
    const uid = await newKey(2, 1, [attr1('Deactivation Date', T.date(0, 5000000000n))]);
    await run(Operation.AdjustAttribute, env.ctx(2, 1), [
      uidF(uid),
      T.enum(Tag.AttributeReference, Tag.DeactivationDate),
      T.enum(Tag.AdjustmentType, AdjustmentType.Increment),
      T.interval(Tag.AdjustmentValue, 60),
    ]);
    expect(env.store.get(uid)!.attributes.find((a) => a.name === 'Deactivation Date')!.value.value).toBe(5000000060n);
    expect(
      await reasonOf(
        run(Operation.AdjustAttribute, env.ctx(2, 1), [uidF(uid), T.enum(Tag.AttributeReference, Tag.CryptographicLength), T.enum(Tag.AdjustmentType, AdjustmentType.Increment)]),
      ),
    ).toBe(ResultReason.AttributeReadOnly);
  });
});

test('PKCS#1 private key: provider holds PKCS#8, Get returns the PKCS#1 bytes as registered', async () => {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
  const der = privateKey.export({ format: 'der', type: 'pkcs1' }) as Buffer;
  const obj = T.struct(Tag.PrivateKey, [
    T.struct(Tag.KeyBlock, [
      T.enum(Tag.KeyFormatType, KeyFormatType.PKCS_1),
      T.struct(Tag.KeyValue, [T.bytes(Tag.KeyMaterial, Buffer.from(der))]),
      T.enum(Tag.CryptographicAlgorithm, CryptographicAlgorithm.RSA),
      T.int(Tag.CryptographicLength, 1024),
    ]),
  ]);
  const r = await run(Operation.Register, env.ctx(2, 1), [T.enum(Tag.ObjectType, ObjectType.PrivateKey), T.struct(Tag.Attributes, []), obj]);
  const stored = env.store.get(uidOf(r))!;
  expect(env.crypto.keySpec({ wrapped: stored.material!, kekId: stored.kekId! })).toEqual({ keyClass: 'private', algorithm: 'RSA' });
  const g = await run(Operation.Get, env.ctx(2, 1), [uidF(uidOf(r))]);
  expect(g.payload[2]).toEqual(obj);
});

describe('2.x instance selection and enumerated Unique Identifier', () => {
  test('Modify/Delete by Current Attribute pick that instance', async () => {
    const uid = await newKey(2, 1, [attr1('Object Group', T.text(0, 'a')), attr1('Object Group', T.text(0, 'b'))]);
    const ctx = env.ctx(2, 1);
    await run(Operation.ModifyAttribute, ctx, [
      uidF(uid),
      T.struct(Tag.CurrentAttribute, [T.text(Tag.ObjectGroup, 'b')]),
      T.struct(Tag.NewAttribute, [T.text(Tag.ObjectGroup, 'B')]),
    ]);
    const groups = () => env.store.get(uid)!.attributes.filter((a) => a.name === 'Object Group').map((a) => [a.index, a.value.value]);
    expect(groups()).toEqual([
      [0, 'a'],
      [1, 'B'],
    ]);
    await run(Operation.DeleteAttribute, ctx, [uidF(uid), T.struct(Tag.CurrentAttribute, [T.text(Tag.ObjectGroup, 'a')])]);
    expect(groups()).toEqual([[0, 'B']]);
    expect(
      await reasonOf(run(Operation.DeleteAttribute, ctx, [uidF(uid), T.struct(Tag.CurrentAttribute, [T.text(Tag.ObjectGroup, 'zzz')])])),
    ).toBe(ResultReason.AttributeInstanceNotFound);
  });
  test('an enumerated Unique Identifier (ID Placeholder) uses the batch placeholder', async () => {
    const uid = await newKey(2, 1);
    const ctx = env.ctx(2, 1, { idPlaceholder: uid });
    const r = await run(Operation.GetAttributes, ctx, [T.enum(Tag.UniqueIdentifier, 1), T.enum(Tag.AttributeReference, Tag.State)]);
    expect(r.payload[0]).toEqual(uidF(uid));
    expect(await reasonOf(run(Operation.GetAttributes, env.ctx(2, 1), [T.int(Tag.UniqueIdentifier, 1)]))).toBe(ResultReason.InvalidField);
  });
});

describe('attribute instances per object (MAX_OBJECT_ATTRIBUTES)', () => {
  test('Add Attribute stops at the limit with Illegal Operation; Register with too many is refused whole', async () => {
    const { MAX_OBJECT_ATTRIBUTES } = await import('../../../src/operations/common');
    const uid = await newKey(1, 4);
    const have = env.store.get(uid)!.attributes.length;
    const add = (i: number) => run(Operation.AddAttribute, env.ctx(1, 4), [uidF(uid), attr1('Name', nameValue(`n${i}`))]);
    for (let i = have; i < MAX_OBJECT_ATTRIBUTES; i++) await add(i);
    expect(env.store.get(uid)!.attributes).toHaveLength(MAX_OBJECT_ATTRIBUTES);
    const refused = await add(-1).then(() => undefined, (e) => e);
    expect(refused?.reason).toBe(ResultReason.IllegalOperation);
    expect(refused?.message).toMatch(/at most 1024 per object/);
    expect(env.store.get(uid)!.attributes).toHaveLength(MAX_OBJECT_ATTRIBUTES);
    // Still an ordinary object: it can be read and changed in other ways.
    expect((await run(Operation.Activate, env.ctx(1, 4), [uidF(uid)])).payload).toEqual([uidF(uid)]);

    // Within the attributes one request may carry (1,024), but with the ones the server adds the object would
    // pass the limit.
    const names = Array.from({ length: MAX_OBJECT_ATTRIBUTES - 5 }, (_, i) => attr1('Name', nameValue(`r${i}`)));
    const before = env.store.locate({ filters: [] }).length;
    const reg = run(Operation.Register, env.ctx(1, 4), [
      T.enum(Tag.ObjectType, ObjectType.SecretData),
      T.struct(Tag.TemplateAttribute, names),
      T.struct(Tag.SecretData, [T.enum(Tag.SecretDataType, 1), T.struct(Tag.KeyBlock, [T.enum(Tag.KeyFormatType, KeyFormatType.Opaque), T.struct(Tag.KeyValue, [T.bytes(Tag.KeyMaterial, Buffer.from('pw'))])])]),
    ]);
    expect(await reasonOf(reg)).toBe(ResultReason.IllegalOperation);
    expect(env.store.locate({ filters: [] })).toHaveLength(before);
  });
});
