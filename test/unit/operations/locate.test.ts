import { createHash } from 'node:crypto';
import { Tag, Operation, ObjectType, CryptographicAlgorithm, State, StorageStatusMask, ObjectGroupMember, ResultReason } from '../../../src/kmip';
import { T, child, type TtlvItem } from '../../../src/ttlv/item';
import { makeEnv, run, reasonOf, uidOf, uidsOf, payloadStruct, attr1, nameValue, type Env } from './helpers';

let env: Env;
beforeEach(() => {
  env = makeEnv();
});
afterEach(() => env.close());

async function key(extra: TtlvItem[] = [], len = 256): Promise<string> {
  const r = await run(Operation.Create, env.ctx(1, 4), [
    T.enum(Tag.ObjectType, ObjectType.SymmetricKey),
    T.struct(Tag.TemplateAttribute, [
      attr1('Cryptographic Algorithm', T.enum(0, CryptographicAlgorithm.AES)),
      attr1('Cryptographic Length', T.int(0, len)),
      ...extra,
    ]),
  ]);
  return uidOf(r);
}

async function secret(name: string): Promise<string> {
  const r = await run(Operation.Register, env.ctx(1, 4), [
    T.enum(Tag.ObjectType, ObjectType.SecretData),
    T.struct(Tag.TemplateAttribute, [attr1('Name', nameValue(name))]),
    T.struct(Tag.SecretData, [
      T.enum(Tag.SecretDataType, 1),
      T.struct(Tag.KeyBlock, [T.enum(Tag.KeyFormatType, 2), T.struct(Tag.KeyValue, [T.bytes(Tag.KeyMaterial, Buffer.from('pw'))])]),
    ]),
  ]);
  return uidOf(r);
}

const L = (major: number, minor: number, fields: TtlvItem[]) => run(Operation.Locate, env.ctx(major, minor), fields);

test('nothing matches: Success with zero identifiers (Synology)', async () => {
  await key();
  const r = await L(1, 2, [attr1('Name', nameValue('absent'))]);
  expect(r.payload).toEqual([]);
});

test('Object Type + Name (pg_tde 1.0, PyKMIP); Name inside a Template-Attribute (FortiGate)', async () => {
  const a = await key([attr1('Name', nameValue('ENC'))]);
  const b = await key([attr1('Name', nameValue('AUTH'))]);
  await secret('ENC');
  expect(uidsOf(await L(1, 0, [T.int(Tag.MaximumItems, 16), attr1('Object Type', T.enum(0, ObjectType.SymmetricKey)), attr1('Name', nameValue('ENC'))]))).toEqual([a]);
  const viaTemplate = await L(1, 0, [T.int(Tag.MaximumItems, 1), T.struct(Tag.TemplateAttribute, [attr1('Name', nameValue('AUTH'))])]);
  expect(uidsOf(viaTemplate)).toEqual([b]);
  // Name without Name Type matches on the value only.
  const partial = await L(2, 1, [T.struct(Tag.Attributes, [T.struct(Tag.Name, [T.text(Tag.NameValue, 'ENC')])])]);
  expect(uidsOf(partial).sort()).toEqual([a, env.store.locate({ filters: [], objectTypes: [ObjectType.SecretData] })[0]].sort());
});

test('newest first; Maximum Items, Offset Items and Located Items (1.3+) as in TC-OFFSET-1-14', async () => {
  const uids: string[] = [];
  for (let i = 0; i < 5; i++) uids.push(await key());
  const newestFirst = [...uids].reverse();
  expect(uidsOf(await L(1, 4, [attr1('Object Type', T.enum(0, ObjectType.SymmetricKey))]))).toEqual(newestFirst);
  const p1 = await L(1, 4, [T.int(Tag.MaximumItems, 1), T.int(Tag.OffsetItems, 1)]);
  expect(child(payloadStruct(p1), Tag.LocatedItems)?.value).toBe(5);
  expect(uidsOf(p1)).toEqual([newestFirst[1]]);
  const p2 = await L(1, 4, [T.int(Tag.MaximumItems, 5), T.int(Tag.OffsetItems, 3)]);
  expect(uidsOf(p2)).toEqual(newestFirst.slice(3));
  expect(p1.idPlaceholder).toBe(newestFirst[1]);
  // Maximum Items alone is not a paged Locate: no Located Items (TC-OFFSET-1-14 pair 2).
  const maxOnly = await L(1, 4, [T.int(Tag.MaximumItems, 1)]);
  expect(child(payloadStruct(maxOnly), Tag.LocatedItems)).toBeUndefined();
  expect(uidsOf(maxOnly)).toEqual([newestFirst[0]]);
  // 1.2 has no Located Items.
  const old = await L(1, 2, [T.int(Tag.MaximumItems, 1), T.int(Tag.OffsetItems, 0)]);
  expect(child(payloadStruct(old), Tag.LocatedItems)).toBeUndefined();
  expect(await reasonOf(L(1, 4, [T.int(Tag.MaximumItems, -1)]))).toBe(ResultReason.InvalidField);
});

test('the internal maximum (limits.maxLocateItems) bounds every answer; Located Items still counts every match', async () => {
  const uids: string[] = [];
  for (let i = 0; i < 5; i++) uids.push(await key());
  const newestFirst = [...uids].reverse();
  const capped = (minor: number, fields: TtlvItem[]) =>
    run(Operation.Locate, env.ctx(1, minor, { options: { activateOnCreate: false, vendorIdentification: 'Tumbler', serverInformation: 'test', maxLocateItems: 3 } }), fields);
  expect(uidsOf(await capped(2, []))).toEqual(newestFirst.slice(0, 3)); // no Maximum Items
  expect(uidsOf(await capped(2, [T.int(Tag.MaximumItems, 100)]))).toEqual(newestFirst.slice(0, 3));
  expect(uidsOf(await capped(2, [T.int(Tag.MaximumItems, 2)]))).toEqual(newestFirst.slice(0, 2));
  // Paging past the cap reaches every object, and Located Items tells how many there are.
  const page2 = await capped(4, [T.int(Tag.OffsetItems, 3)]);
  expect(uidsOf(page2)).toEqual(newestFirst.slice(3));
  expect(child(payloadStruct(page2), Tag.LocatedItems)?.value).toBe(5);
  // Without the option (the CLI) nothing is cut.
  expect(uidsOf(await L(1, 2, []))).toHaveLength(5);
});

test('two values of a date attribute form a range (BL-M-4-21, TC-OFFSET)', async () => {
  const early = await key([attr1('Protect Stop Date', T.date(0, 1000n))]);
  const mid = await key([attr1('Protect Stop Date', T.date(0, 2000n))]);
  await key([attr1('Protect Stop Date', T.date(0, 3000n))]);
  const r = await L(2, 1, [T.struct(Tag.Attributes, [T.date(Tag.ProtectStopDate, 2500n), T.date(Tag.ProtectStopDate, 900n)])]);
  expect(uidsOf(r)).toEqual([mid, early]);
  const one = await L(1, 4, [attr1('Protect Stop Date', T.date(0, 2000n))]);
  expect(uidsOf(one)).toEqual([mid]);
});

test('Cryptographic Usage Mask matches by bits; Cryptographic Length by value', async () => {
  const enc = await key([attr1('Cryptographic Usage Mask', T.int(0, 4 | 8))], 128);
  await key([attr1('Cryptographic Usage Mask', T.int(0, 1))], 256);
  expect(uidsOf(await L(1, 4, [attr1('Cryptographic Usage Mask', T.int(0, 4))]))).toEqual([enc]);
  expect(uidsOf(await L(1, 4, [attr1('Cryptographic Length', T.int(0, 128))]))).toEqual([enc]);
});

test('State filter, and destroyed objects only when asked for', async () => {
  const a = await key();
  const b = await key();
  await run(Operation.Activate, env.ctx(1, 4), [T.text(Tag.UniqueIdentifier, a)]);
  await run(Operation.Destroy, env.ctx(1, 4), [T.text(Tag.UniqueIdentifier, b)]);
  expect(uidsOf(await L(1, 4, [attr1('State', T.enum(0, State.Active))]))).toEqual([a]);
  expect(uidsOf(await L(1, 4, []))).toEqual([a]);
  expect(uidsOf(await L(1, 4, [attr1('State', T.enum(0, State.Destroyed))]))).toEqual([b]);
  expect(uidsOf(await L(2, 1, [T.int(Tag.StorageStatusMask, StorageStatusMask.DestroyedStorage)]))).toEqual([b]);
});

test('Storage Status Mask: archived objects are found only with Archival Storage', async () => {
  const a = await key();
  const b = await key();
  await run(Operation.Archive, env.ctx(1, 4), [T.text(Tag.UniqueIdentifier, a)]);
  expect(uidsOf(await L(1, 4, []))).toEqual([b]);
  expect(uidsOf(await L(1, 4, [T.int(Tag.StorageStatusMask, StorageStatusMask.ArchivalStorage)]))).toEqual([a]);
  expect(uidsOf(await L(1, 4, [T.int(Tag.StorageStatusMask, StorageStatusMask.ArchivalStorage | StorageStatusMask.OnLineStorage)]))).toEqual([b, a]);
});

test('Object Group Member Fresh: only objects not yet served', async () => {
  const a = await key([attr1('Object Group', T.text(0, 'G'))]);
  const b = await key([attr1('Object Group', T.text(0, 'G'))]);
  await run(Operation.Get, env.ctx(1, 4), [T.text(Tag.UniqueIdentifier, b)]);
  const r = await L(1, 4, [T.enum(Tag.ObjectGroupMember, ObjectGroupMember.GroupMemberFresh), attr1('Object Group', T.text(0, 'G'))]);
  expect(uidsOf(r)).toEqual([a]);
});

test('Object Group Member Fresh hands the group out as a queue: oldest fresh member first (TC-152)', async () => {
  const g = [attr1('Object Group', T.text(0, 'Q'))];
  const a = await key(g);
  const b = await key(g);
  const c = await key(g);
  const next = async () => uidsOf(await L(1, 1, [T.int(Tag.MaximumItems, 1), T.enum(Tag.ObjectGroupMember, ObjectGroupMember.GroupMemberFresh), ...g]));
  const served: string[][] = [];
  for (let i = 0; i < 4; i++) {
    const got = await next();
    served.push(got);
    if (got.length) await run(Operation.Get, env.ctx(1, 1), [T.text(Tag.UniqueIdentifier, got[0])]);
  }
  expect(served).toEqual([[a], [b], [c], []]);
  // Without Object Group Member, Locate still answers newest first.
  expect(uidsOf(await L(1, 4, g))).toEqual([c, b, a]);
});

test('Object Group Member Default rotates over the group, oldest first, per caller (TC-153)', async () => {
  const g = [attr1('Object Group', T.text(0, 'R'))];
  const a = await key(g);
  const b = await key(g);
  const c = await key(g);
  await key([attr1('Object Group', T.text(0, 'other'))]);
  const dflt = T.enum(Tag.ObjectGroupMember, ObjectGroupMember.GroupMemberDefault);
  const next = async (principal = 'alice', extra: TtlvItem[] = []) =>
    uidsOf(await run(Operation.Locate, env.ctx(1, 1, { principal }), [dflt, ...extra, ...g]));
  const served: string[][] = [];
  for (let i = 0; i < 4; i++) {
    const got = await next();
    served.push(got);
    // Being served (no longer fresh) does not take a member out of the rotation.
    await run(Operation.Get, env.ctx(1, 1), [T.text(Tag.UniqueIdentifier, got[0])]);
  }
  expect(served).toEqual([[a], [b], [c], [a]]);
  // Another caller has its own position; Maximum Items 0 asks for none and does not advance.
  expect(await next('bob')).toEqual([a]);
  expect(await next('bob', [T.int(Tag.MaximumItems, 0)])).toEqual([]);
  expect(await next('bob')).toEqual([b]);
  // A group without members has no default object.
  expect(uidsOf(await L(1, 1, [dflt, attr1('Object Group', T.text(0, 'empty'))]))).toEqual([]);
});

describe('Object Group Member Fresh in the reserved group "default" (TC-151)', () => {
  const fresh = T.enum(Tag.ObjectGroupMember, ObjectGroupMember.GroupMemberFresh);
  const inDefault = attr1('Object Group', T.text(0, 'default'));
  const withKeys = (on: boolean, over = {}) => env.ctx(1, 1, { options: { ...env.ctx(1, 1).options, defaultGroupKeys: on }, ...over });
  const attrOf = async (uid: string, name: string) => {
    const r = await run(Operation.GetAttributes, env.ctx(1, 1), [T.text(Tag.UniqueIdentifier, uid), T.text(Tag.AttributeName, name)]);
    return child(child(payloadStruct(r), Tag.Attribute), Tag.AttributeValue)?.value;
  };

  test('with none fresh, the server generates an AES-256 member for the caller, once per serving', async () => {
    const first = uidsOf(await run(Operation.Locate, withKeys(true), [T.int(Tag.MaximumItems, 1), fresh, inDefault]));
    expect(first).toHaveLength(1);
    expect(await attrOf(first[0], 'Object Group')).toBe('default');
    expect(await attrOf(first[0], 'Cryptographic Algorithm')).toBe(CryptographicAlgorithm.AES);
    expect(await attrOf(first[0], 'Cryptographic Length')).toBe(256);
    expect(await attrOf(first[0], 'Fresh')).toBe(true);
    // Still fresh: the same member again, nothing new made.
    expect(uidsOf(await run(Operation.Locate, withKeys(true), [fresh, inDefault]))).toEqual(first);
    await run(Operation.Get, env.ctx(1, 1), [T.text(Tag.UniqueIdentifier, first[0])]);
    const second = uidsOf(await run(Operation.Locate, withKeys(true), [fresh, inDefault]));
    expect(second).toHaveLength(1);
    expect(second[0]).not.toBe(first[0]);
  });

  test('nothing is generated when the option is off, for another group, or for a caller that may not Create', async () => {
    expect(uidsOf(await run(Operation.Locate, withKeys(false), [fresh, inDefault]))).toEqual([]);
    expect(uidsOf(await run(Operation.Locate, withKeys(true), [fresh, attr1('Object Group', T.text(0, 'pool'))]))).toEqual([]);
    const noCreate = {
      authorize: {
        operation: (op: number) => (op === Operation.Create ? { allow: false, message: 'no' } : { allow: true, message: '' }),
        locateScope: () => ({ all: true, owner: 'alice', also: new Set<string>() }),
      },
    };
    expect(uidsOf(await run(Operation.Locate, withKeys(true, noCreate as never), [fresh, inDefault]))).toEqual([]);
    expect(uidsOf(await L(1, 1, [inDefault]))).toEqual([]);
  });
});

test('Unique Identifier filter and other tenants', async () => {
  const a = await key();
  await key();
  expect(uidsOf(await L(1, 4, [attr1('Unique Identifier', T.text(0, a))]))).toEqual([a]);
  expect(uidsOf(await run(Operation.Locate, env.ctx(1, 4, { tenant: 't2' }), []))).toEqual([]);
});

test('Short Unique Identifier (2.x): SHA-256 of the uid, derived when read (no row stored); Locate finds the object by it', async () => {
  const a = await key();
  const b = await key();
  const sha = (u: string) => createHash('sha256').update(u).digest();
  expect(env.store.get(a)!.attributes.some((x) => x.name === 'Short Unique Identifier')).toBe(false);
  const got = await run(Operation.GetAttributes, env.ctx(2, 1), [T.text(Tag.UniqueIdentifier, a), T.enum(Tag.AttributeReference, Tag.ShortUniqueIdentifier)]);
  expect(child(got.payload[1], Tag.ShortUniqueIdentifier)?.value).toEqual(sha(a));
  const bySuid = (...v: Buffer[]) => L(2, 1, [T.struct(Tag.Attributes, v.map((x) => T.bytes(Tag.ShortUniqueIdentifier, x)))]);
  expect(uidsOf(await bySuid(sha(b)))).toEqual([b]);
  expect(uidsOf(await bySuid(sha(a), sha(a)))).toEqual([a]);
  // Two different values of a single-valued attribute match nothing; nor does a value no object has.
  expect(uidsOf(await bySuid(sha(a), sha(b)))).toEqual([]);
  expect(uidsOf(await bySuid(sha('absent')))).toEqual([]);
  // A value of another item type is refused as the request's error, before any lookup.
  expect(await reasonOf(L(2, 1, [T.struct(Tag.Attributes, [T.text(Tag.ShortUniqueIdentifier, a)])]))).toBe(ResultReason.InvalidField);
  // Beside other filters, all must hold.
  const withType = await L(2, 1, [T.struct(Tag.Attributes, [T.enum(Tag.ObjectType, ObjectType.SecretData), T.bytes(Tag.ShortUniqueIdentifier, sha(a))])]);
  expect(uidsOf(withType)).toEqual([]);
});
