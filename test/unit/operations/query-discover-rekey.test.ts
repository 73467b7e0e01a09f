import { Tag, Operation, ObjectType, CryptographicAlgorithm, QueryFunction, State, LinkType, ResultReason, ProfileName, RNGAlgorithm, ClientRegistrationMethod } from '../../../src/kmip';
import { T, child, children, type TtlvItem } from '../../../src/ttlv/item';
import { MANAGEMENT_OPERATIONS, OPERATIONS } from '../../../src/operations';
import { CRYPTO_OPERATIONS } from '../../../src/operations/crypto';
import { EXTENSION_PROVIDER_TAG } from '../../../src/operations/query';
import { makeEnv, run, reasonOf, uidOf, uidsOf, payloadStruct, attr1, nameValue, type Env } from './helpers';

let env: Env;
beforeEach(() => {
  env = makeEnv();
});
afterEach(() => env.close());

const q = (major: number, minor: number, ...fns: number[]) => run(Operation.Query, env.ctx(major, minor), fns.map((f) => T.enum(Tag.QueryFunction, f)));

describe('dispatch table', () => {
  test('one handler per operation, crypto operations included', () => {
    const all = [...MANAGEMENT_OPERATIONS, ...CRYPTO_OPERATIONS].map((h) => h.operation);
    expect(new Set(all).size).toBe(all.length);
    for (const h of CRYPTO_OPERATIONS) expect(OPERATIONS.get(h.operation)).toBe(h);
    for (const op of [Operation.Create, Operation.Register, Operation.Get, Operation.Locate, Operation.Query, Operation.DiscoverVersions, Operation.ReKey, Operation.SetAttribute]) {
      expect(OPERATIONS.get(op)?.operation).toBe(op);
    }
  });
});

describe('Query', () => {
  test('operations are derived from the dispatch table and gated by version', async () => {
    const r21 = await q(2, 1, QueryFunction.QueryOperations);
    const ops21 = children(payloadStruct(r21), Tag.Operation).map((o) => o.value);
    expect(new Set(ops21)).toEqual(new Set([...OPERATIONS.keys()].filter((k) => ops21.includes(k))));
    expect(ops21).toEqual(expect.arrayContaining([Operation.SetAttribute, Operation.AdjustAttribute, Operation.Create]));
    expect(ops21.length).toBe([...OPERATIONS.values()].filter((h) => h.since.major <= 2).length);
    const ops10 = children(payloadStruct(await q(1, 0, QueryFunction.QueryOperations)), Tag.Operation).map((o) => o.value);
    expect(ops10).not.toContain(Operation.SetAttribute);
    expect(ops10).not.toContain(Operation.DiscoverVersions); // 1.1+
    expect(ops10).toContain(Operation.Locate);
  });
  test('objects per version: Template only in 1.x, Certificate Request and PGP Key only where defined', async () => {
    const o14 = children(payloadStruct(await q(1, 4, QueryFunction.QueryObjects)), Tag.ObjectType).map((o) => o.value);
    expect(o14).toContain(ObjectType.Template);
    expect(o14).not.toContain(ObjectType.CertificateRequest);
    const o21 = children(payloadStruct(await q(2, 1, QueryFunction.QueryObjects)), Tag.ObjectType).map((o) => o.value);
    expect(o21).toContain(ObjectType.CertificateRequest);
    expect(o21).not.toContain(ObjectType.Template);
  });
  test('server information: vendor Tumbler and the provider kind only (no paths, no token labels)', async () => {
    const r = payloadStruct(await q(1, 1, QueryFunction.QueryServerInformation));
    expect(child(r, Tag.VendorIdentification)?.value).toBe('Tumbler');
    const info = child(r, Tag.ServerInformation)!;
    expect(child(info, EXTENSION_PROVIDER_TAG)?.value).toBe('software crypto provider');
    // The provider's own description names its KEK directory: never shown to clients.
    expect(JSON.stringify(info, (_k, v) => (typeof v === 'bigint' ? String(v) : v))).not.toContain(env.crypto.info.description);
    expect(child(info, Tag.ServerName)).toBeUndefined(); // 2.0+ field
    const info21 = child(payloadStruct(await q(2, 1, QueryFunction.QueryServerInformation)), Tag.ServerInformation)!;
    expect(child(info21, Tag.ProductName)?.value).toBe('Tumbler');
  });
  test('Synology asks functions 1..6 at 1.2: success, extension map names our tag', async () => {
    const r = payloadStruct(await q(1, 2, 1, 2, 3, 4, 5, 6));
    const ext = children(r, Tag.ExtensionInformation);
    expect(ext).toHaveLength(2);
    expect(child(ext[1], Tag.ExtensionTag)?.value).toBe(EXTENSION_PROVIDER_TAG);
    expect(child(ext[0], Tag.ExtensionTag)).toBeUndefined();
  });
  test('profiles and capabilities per version', async () => {
    const p14 = children(payloadStruct(await q(1, 4, QueryFunction.QueryProfiles)), Tag.ProfileInformation).map((p) => child(p, Tag.ProfileName)?.value);
    expect(p14).toContain(ProfileName.BaselineServerBasicKMIPV1_4);
    const p21 = children(payloadStruct(await q(2, 1, QueryFunction.QueryProfiles)), Tag.ProfileInformation);
    expect(p21.map((p) => child(p, Tag.ProfileName)?.value)).toContain(ProfileName.BaselineServer);
    expect(children(payloadStruct(await q(1, 2, QueryFunction.QueryProfiles)), Tag.ProfileInformation)).toHaveLength(0);
    const cap = child(payloadStruct(await q(1, 4, QueryFunction.QueryCapabilities)), Tag.CapabilityInformation)!;
    expect(child(cap, Tag.BatchUndoCapability)?.value).toBe(true);
    expect(child(cap, Tag.StreamingCapability)?.value).toBe(true);
    // Asynchronous only when the batch runner keeps pending requests (it says so in the options).
    expect(child(cap, Tag.AsynchronousCapability)?.value).toBe(false);
    const opts = { ...env.ctx(1, 4).options, asynchronous: true };
    const asyncCap = child(payloadStruct(await run(Operation.Query, env.ctx(1, 4, { options: opts }), [T.enum(Tag.QueryFunction, QueryFunction.QueryCapabilities)])), Tag.CapabilityInformation)!;
    expect(child(asyncCap, Tag.AsynchronousCapability)?.value).toBe(true);
  });
  test('the HTTPS, XML and JSON server profiles are named only when KMIP over HTTPS is served', async () => {
    const names = async (major: number, minor: number, overHttps: boolean) => {
      const ctx = env.ctx(major, minor, { options: { ...env.ctx(major, minor).options, overHttps } });
      const r = payloadStruct(await run(Operation.Query, ctx, [T.enum(Tag.QueryFunction, QueryFunction.QueryProfiles)]));
      return children(r, Tag.ProfileInformation).map((p) => child(p, Tag.ProfileName)?.value);
    };
    const https14 = [ProfileName.HTTPSServerKMIPV1_4, ProfileName.XMLServerKMIPV1_4, ProfileName.JSONServerKMIPV1_4];
    expect(await names(1, 4, true)).toEqual(expect.arrayContaining([ProfileName.BaselineServerBasicKMIPV1_4, ...https14]));
    expect(await names(1, 4, false)).not.toEqual(expect.arrayContaining([ProfileName.HTTPSServerKMIPV1_4]));
    expect(await names(1, 3, true)).toEqual(expect.arrayContaining([ProfileName.HTTPSServerKMIPV1_3, ProfileName.JSONServerKMIPV1_3]));
    expect(await names(2, 1, true)).toEqual(expect.arrayContaining([ProfileName.HTTPSServer, ProfileName.XMLServer, ProfileName.JSONServer]));
    // 1.2 has no Query Profiles at all.
    expect(await names(1, 2, true)).toHaveLength(0);
  });
  test('RNGs: the software provider is OpenSSL\'s DRBG over AES-256', async () => {
    const rng = child(payloadStruct(await q(1, 4, QueryFunction.QueryRNGs)), Tag.RNGParameters)!;
    expect(rng.value).toEqual([
      T.enum(Tag.RNGAlgorithm, RNGAlgorithm.DRBG),
      T.enum(Tag.CryptographicAlgorithm, CryptographicAlgorithm.AES),
      T.int(Tag.CryptographicLength, 256),
    ]);
    // RNG Parameters exist from 1.3 only.
    expect(child(payloadStruct(await q(1, 2, QueryFunction.QueryRNGs)), Tag.RNGParameters)).toBeUndefined();
  });
  test('client registration methods: the two the CLI provides, from 1.3 on, after the capabilities', async () => {
    const r = payloadStruct(await q(1, 4, QueryFunction.QueryClientRegistrationMethods, QueryFunction.QueryCapabilities));
    expect(children(r, Tag.ClientRegistrationMethod).map((m) => m.value)).toEqual([
      ClientRegistrationMethod.ServerPreGenerated,
      ClientRegistrationMethod.ClientGenerated,
    ]);
    expect((r.value as TtlvItem[]).map((x) => x.tag)).toEqual([Tag.CapabilityInformation, Tag.ClientRegistrationMethod, Tag.ClientRegistrationMethod]);
    expect(children(payloadStruct(await q(2, 1, QueryFunction.QueryClientRegistrationMethods)), Tag.ClientRegistrationMethod)).toHaveLength(2);
    expect(children(payloadStruct(await q(1, 2, QueryFunction.QueryClientRegistrationMethods)), Tag.ClientRegistrationMethod)).toHaveLength(0);
  });
  test('bad Query Function type is refused', async () => {
    expect(await reasonOf(run(Operation.Query, env.ctx(1, 4), [T.int(Tag.QueryFunction, 1)]))).toBe(ResultReason.InvalidField);
  });
});

describe('Discover Versions', () => {
  const pv = (a: number, b: number) => T.struct(Tag.ProtocolVersion, [T.int(Tag.ProtocolVersionMajor, a), T.int(Tag.ProtocolVersionMinor, b)]);
  test('empty request: every supported version, highest first (vCenter needs 1.1)', async () => {
    const r = await run(Operation.DiscoverVersions, env.ctx(1, 1), []);
    expect(r.payload[0]).toEqual(pv(2, 1));
    expect(r.payload).toContainEqual(pv(1, 1));
  });
  test('offered versions: the supported subset in the client order (kmip-go)', async () => {
    const r = await run(Operation.DiscoverVersions, env.ctx(1, 4), [pv(3, 0), pv(1, 4), pv(1, 2)]);
    expect(r.payload).toEqual([pv(1, 4), pv(1, 2)]);
  });
});

describe('Re-key', () => {
  async function activeKey(name: string): Promise<string> {
    const ctx = env.ctx(1, 4);
    const r = await run(Operation.Create, ctx, [
      T.enum(Tag.ObjectType, ObjectType.SymmetricKey),
      T.struct(Tag.TemplateAttribute, [
        attr1('Cryptographic Algorithm', T.enum(0, CryptographicAlgorithm.AES)),
        attr1('Cryptographic Length', T.int(0, 256)),
        attr1('Cryptographic Usage Mask', T.int(0, 12)),
        attr1('Operation Policy Name', T.text(0, 'default')),
        attr1('Name', nameValue(name)),
      ]),
    ]);
    await run(Operation.Activate, ctx, [T.text(Tag.UniqueIdentifier, uidOf(r))]);
    return uidOf(r);
  }
  const linksOf = (uid: string) =>
    env.store
      .get(uid)!
      .attributes.filter((a) => a.name === 'Link')
      .map((a) => [child(a.value, Tag.LinkType)?.value, child(a.value, Tag.LinkedObjectIdentifier)?.value]);

  test('VAST: new UID, old stays Active, Locate by Name finds the new key, OPN carried, links both ways', async () => {
    const old = await activeKey('VAST_EKM_KEY');
    const ctx = env.ctx(1, 4);
    const r = await run(Operation.ReKey, ctx, [T.text(Tag.UniqueIdentifier, old)]);
    const fresh = uidOf(r);
    expect(fresh).not.toBe(old);
    expect(r.idPlaceholder).toBe(fresh);
    expect(env.store.get(old)!.state).toBe(State.Active);
    expect(env.store.get(fresh)!.state).toBe(State.Active);
    const loc = await run(Operation.Locate, ctx, [T.int(Tag.MaximumItems, 1), T.struct(Tag.TemplateAttribute, [attr1('Name', nameValue('VAST_EKM_KEY'))])]);
    expect(uidsOf(loc)).toEqual([fresh]);
    const ga = await run(Operation.GetAttributes, ctx, [T.text(Tag.UniqueIdentifier, fresh), T.text(Tag.AttributeName, 'Operation Policy Name')]);
    expect(ga.payload[1]).toEqual(attr1('Operation Policy Name', T.text(0, 'default')));
    expect(linksOf(old)).toEqual([[LinkType.ReplacementObjectLink, fresh]]);
    expect(linksOf(fresh)).toEqual([[LinkType.ReplacedObjectLink, old]]);
    // Different material.
    const a = await run(Operation.Get, ctx, [T.text(Tag.UniqueIdentifier, old)]);
    const b = await run(Operation.Get, ctx, [T.text(Tag.UniqueIdentifier, fresh)]);
    const km = (p: TtlvItem[]) => child(child(child(p[2], Tag.KeyBlock), Tag.KeyValue), Tag.KeyMaterial)!.value as Buffer;
    expect(km(a.payload).equals(km(b.payload))).toBe(false);
    expect(km(b.payload).length).toBe(32);
    // Old key can then be revoked and destroyed (VAST 14-15).
    await run(Operation.Revoke, ctx, [T.text(Tag.UniqueIdentifier, old), T.struct(Tag.RevocationReason, [T.enum(Tag.RevocationReasonCode, 6)])]);
    await run(Operation.Destroy, ctx, [T.text(Tag.UniqueIdentifier, old)]);
  });
  test('Offset sets the new Activation Date and shifts the Deactivation Date', async () => {
    const old = await activeKey('k');
    const ctx = env.ctx(1, 4);
    const oldAct = env.store.get(old)!.attributes.find((a) => a.name === 'Activation Date')!.value.value as bigint;
    await run(Operation.AddAttribute, ctx, [T.text(Tag.UniqueIdentifier, old), attr1('Deactivation Date', T.date(0, oldAct + 1000n))]);
    const r = await run(Operation.ReKey, ctx, [T.text(Tag.UniqueIdentifier, old), T.interval(Tag.Offset, 500)]);
    const n = env.store.get(uidOf(r))!;
    const now = BigInt(env.clock.now.getTime() / 1000);
    expect(n.attributes.find((a) => a.name === 'Activation Date')!.value.value).toBe(now + 500n);
    expect(n.attributes.find((a) => a.name === 'Deactivation Date')!.value.value).toBe(now + 1500n);
    expect(n.state).toBe(State.PreActive);
  });
  test('without Offset the lifecycle dates are copied unchanged (spec), so an expired key is replaced by an expired key', async () => {
    const old = await activeKey('k');
    const ctx = env.ctx(1, 4);
    const now = BigInt(env.clock.now.getTime() / 1000);
    const oldAct = env.store.get(old)!.attributes.find((a) => a.name === 'Activation Date')!.value.value as bigint;
    await run(Operation.AddAttribute, ctx, [T.text(Tag.UniqueIdentifier, old), attr1('Process Start Date', T.date(0, oldAct + 10n))]);
    await run(Operation.AddAttribute, ctx, [T.text(Tag.UniqueIdentifier, old), attr1('Deactivation Date', T.date(0, now + 100n))]);
    env.clock.now = new Date(env.clock.now.getTime() + 200_000);
    const r = await run(Operation.ReKey, env.ctx(1, 4), [T.text(Tag.UniqueIdentifier, old)]);
    const n = env.store.get(uidOf(r))!;
    const date = (name: string) => n.attributes.find((a) => a.name === name)?.value.value;
    expect(date('Activation Date')).toBe(oldAct);
    expect(date('Process Start Date')).toBe(oldAct + 10n);
    expect(date('Deactivation Date')).toBe(now + 100n);
    const st = await run(Operation.GetAttributes, env.ctx(1, 4), [T.text(Tag.UniqueIdentifier, uidOf(r)), T.text(Tag.AttributeName, 'State')]);
    expect(st.payload[1]).toEqual(attr1('State', T.enum(0, State.Deactivated)));
  });
  test('Offset errors: with date attributes in the request (Invalid Message), without an old Activation Date (Illegal Operation)', async () => {
    const old = await activeKey('k');
    const ctx = env.ctx(1, 4);
    const withDate = run(Operation.ReKey, ctx, [
      T.text(Tag.UniqueIdentifier, old),
      T.interval(Tag.Offset, 0),
      T.struct(Tag.TemplateAttribute, [attr1('Deactivation Date', T.date(0, 5n))]),
    ]);
    expect(await reasonOf(withDate)).toBe(ResultReason.InvalidMessage);
    const pre = await run(Operation.Create, ctx, [
      T.enum(Tag.ObjectType, ObjectType.SymmetricKey),
      T.struct(Tag.TemplateAttribute, [
        attr1('Cryptographic Algorithm', T.enum(0, CryptographicAlgorithm.AES)),
        attr1('Cryptographic Length', T.int(0, 128)),
        attr1('Cryptographic Usage Mask', T.int(0, 12)),
      ]),
    ]);
    expect(await reasonOf(run(Operation.ReKey, ctx, [T.text(Tag.UniqueIdentifier, uidOf(pre)), T.interval(Tag.Offset, 0)]))).toBe(ResultReason.IllegalOperation);
  });
  test('Names in the request are added to the carried ones (TC-REKEY-1-14)', async () => {
    const old = await activeKey('original');
    const r = await run(Operation.ReKey, env.ctx(1, 4), [
      T.text(Tag.UniqueIdentifier, old),
      T.struct(Tag.TemplateAttribute, [attr1('Name', nameValue('first-rekey'))]),
    ]);
    const ga = await run(Operation.GetAttributes, env.ctx(1, 4), [T.text(Tag.UniqueIdentifier, uidOf(r)), T.text(Tag.AttributeName, 'Name')]);
    expect(ga.payload.slice(1)).toEqual([attr1('Name', nameValue('original')), attr1('Name', nameValue('first-rekey'), 1)]);
  });
  test('refusals: not a symmetric key, unknown object', async () => {
    expect(await reasonOf(run(Operation.ReKey, env.ctx(1, 4), [T.text(Tag.UniqueIdentifier, 'nope')]))).toBe(ResultReason.ItemNotFound);
    const r = await run(Operation.Register, env.ctx(1, 4), [
      T.enum(Tag.ObjectType, ObjectType.OpaqueObject),
      T.struct(Tag.TemplateAttribute, []),
      T.struct(Tag.OpaqueObject, [T.enum(Tag.OpaqueDataType, 0x80000001), T.bytes(Tag.OpaqueDataValue, Buffer.from('x'))]),
    ]);
    expect(await reasonOf(run(Operation.ReKey, env.ctx(1, 4), [T.text(Tag.UniqueIdentifier, uidOf(r))]))).toBe(ResultReason.InvalidField);
  });
});
