import { Tag, Operation, ObjectType, CryptographicAlgorithm, State, ResultReason, RevocationReasonCode, RNGAlgorithm } from '../../../src/kmip';
import { T, type TtlvItem } from '../../../src/ttlv/item';
import { makeEnv, run, reasonOf, uidOf, attr1, type Env } from './helpers';

let env: Env;
beforeEach(() => {
  env = makeEnv();
});
afterEach(() => env.close());

async function key(major = 1, minor = 4, extra: TtlvItem[] = []): Promise<string> {
  const r = await run(Operation.Create, env.ctx(major, minor), [
    T.enum(Tag.ObjectType, ObjectType.SymmetricKey),
    T.struct(Tag.TemplateAttribute, [
      attr1('Cryptographic Algorithm', T.enum(0, CryptographicAlgorithm.AES)),
      attr1('Cryptographic Length', T.int(0, 128)),
      attr1('Cryptographic Usage Mask', T.int(0, 12)),
      ...extra,
    ]),
  ]);
  return uidOf(r);
}
const u = (s: string) => T.text(Tag.UniqueIdentifier, s);
const attrOf = (uid: string, name: string) => env.store.get(uid)!.attributes.find((a) => a.name === name);
const nowS = () => BigInt(env.clock.now.getTime() / 1000);

test('Activate: Pre-Active -> Active with Activation Date; twice is a lifecycle violation per version', async () => {
  const uid = await key();
  const r = await run(Operation.Activate, env.ctx(1, 0), [u(uid)]);
  expect(r.payload).toEqual([u(uid)]);
  expect(env.store.get(uid)!.state).toBe(State.Active);
  expect(attrOf(uid, 'Activation Date')?.value.value).toBe(nowS());
  expect(await reasonOf(run(Operation.Activate, env.ctx(1, 4), [u(uid)]))).toBe(ResultReason.PermissionDenied);
  expect(await reasonOf(run(Operation.Activate, env.ctx(2, 1), [u(uid)]))).toBe(ResultReason.WrongKeyLifecycleState);
});

test('Revoke Key Compromise sets Compromise Date and Compromise Occurrence Date and keeps the reason', async () => {
  const uid = await key();
  await run(Operation.Activate, env.ctx(1, 4), [u(uid)]);
  const reason = T.struct(Tag.RevocationReason, [T.enum(Tag.RevocationReasonCode, RevocationReasonCode.KeyCompromise)]);
  await run(Operation.Revoke, env.ctx(2, 1), [u(uid), reason, T.date(Tag.CompromiseOccurrenceDate, 6n)]);
  const o = env.store.get(uid)!;
  expect(o.state).toBe(State.Compromised);
  expect(attrOf(uid, 'Compromise Date')?.value.value).toBe(nowS());
  expect(attrOf(uid, 'Compromise Occurrence Date')?.value.value).toBe(6n);
  expect(attrOf(uid, 'Revocation Reason')?.value).toEqual({ ...reason, tag: Tag.AttributeValue });
});

test('Revoke with another reason deactivates; Revoke without a reason is refused', async () => {
  const uid = await key();
  await run(Operation.Activate, env.ctx(1, 4), [u(uid)]);
  await run(Operation.Revoke, env.ctx(1, 4), [u(uid), T.struct(Tag.RevocationReason, [T.enum(Tag.RevocationReasonCode, RevocationReasonCode.Superseded)])]);
  expect(env.store.get(uid)!.state).toBe(State.Deactivated);
  expect(attrOf(uid, 'Deactivation Date')).toBeDefined();
  expect(await reasonOf(run(Operation.Revoke, env.ctx(1, 4), [u(uid)]))).toBe(ResultReason.InvalidField);
});

test('Destroy of an Active object is refused with the version-correct reason', async () => {
  const uid = await key();
  await run(Operation.Activate, env.ctx(1, 4), [u(uid)]);
  expect(await reasonOf(run(Operation.Destroy, env.ctx(1, 4), [u(uid)]))).toBe(ResultReason.PermissionDenied);
  expect(await reasonOf(run(Operation.Destroy, env.ctx(2, 0), [u(uid)]))).toBe(ResultReason.WrongKeyLifecycleState);
  expect(env.store.get(uid)!.material).not.toBeNull();
});

test('Destroy erases the material, keeps the metadata; Get then fails per version', async () => {
  const uid = await key();
  const r = await run(Operation.Destroy, env.ctx(1, 4), [u(uid)]);
  expect(r.payload).toEqual([u(uid)]);
  const o = env.store.get(uid)!;
  expect(o.state).toBe(State.Destroyed);
  expect(o.material).toBeNull();
  expect(o.kekId).toBeNull();
  expect(attrOf(uid, 'Destroy Date')).toBeDefined();
  expect(attrOf(uid, 'Cryptographic Algorithm')).toBeDefined();
  expect(await reasonOf(run(Operation.Get, env.ctx(2, 1), [u(uid)]))).toBe(ResultReason.ObjectDestroyed);
  expect(await reasonOf(run(Operation.Get, env.ctx(1, 4), [u(uid)]))).toBe(ResultReason.ItemNotFound);
  expect(await reasonOf(run(Operation.Get, env.ctx(1, 2), [u(uid)]))).toBe(ResultReason.ItemNotFound);
  // Get Attributes still answers (BL-M-8-21).
  const ga = await run(Operation.GetAttributes, env.ctx(2, 1), [u(uid), T.enum(Tag.AttributeReference, Tag.State)]);
  expect(ga.payload[1]).toEqual(T.struct(Tag.Attributes, [T.enum(Tag.State, State.Destroyed)]));
});

test('Compromised then Destroy gives Destroyed Compromised', async () => {
  const uid = await key();
  await run(Operation.Revoke, env.ctx(1, 4), [u(uid), T.struct(Tag.RevocationReason, [T.enum(Tag.RevocationReasonCode, RevocationReasonCode.KeyCompromise)])]);
  await run(Operation.Destroy, env.ctx(1, 4), [u(uid)]);
  expect(env.store.get(uid)!.state).toBe(State.DestroyedCompromised);
});

test('an Activation Date that has passed makes the object Active when read', async () => {
  const future = nowS() + 100n;
  const uid = await key(1, 4, [attr1('Activation Date', T.date(0, future))]);
  const st = async () =>
    (await run(Operation.GetAttributes, env.ctx(1, 4), [u(uid), T.text(Tag.AttributeName, 'State')])).payload[1];
  expect(await st()).toEqual(attr1('State', T.enum(0, State.PreActive)));
  env.clock.now = new Date(env.clock.now.getTime() + 200_000);
  expect(await st()).toEqual(attr1('State', T.enum(0, State.Active)));
});

test('Archive / Recover: Get of an archived object is Object Archived; Get Attributes still works', async () => {
  const uid = await key();
  await run(Operation.Archive, env.ctx(1, 4), [u(uid)]);
  expect(attrOf(uid, 'Archive Date')).toBeDefined();
  expect(await reasonOf(run(Operation.Get, env.ctx(1, 4), [u(uid)]))).toBe(ResultReason.ObjectArchived);
  await run(Operation.GetAttributes, env.ctx(1, 4), [u(uid)]);
  const ga = await run(Operation.GetAttributes, env.ctx(1, 4), [u(uid)]);
  expect(JSON.stringify(ga.payload, (_k, v) => (typeof v === 'bigint' ? String(v) : v))).not.toContain('_storage');
  await run(Operation.Recover, env.ctx(1, 4), [u(uid)]);
  const g = await run(Operation.Get, env.ctx(1, 4), [u(uid)]);
  expect(g.payload[1]).toEqual(u(uid));
});

test('Check: usage mask bits, version-correct refusal', async () => {
  const uid = await key();
  expect((await run(Operation.Check, env.ctx(1, 4), [u(uid), T.int(Tag.CryptographicUsageMask, 4)])).payload).toEqual([u(uid)]);
  expect(await reasonOf(run(Operation.Check, env.ctx(2, 1), [u(uid), T.int(Tag.CryptographicUsageMask, 1)]))).toBe(ResultReason.IncompatibleCryptographicUsageMask);
  expect(await reasonOf(run(Operation.Check, env.ctx(1, 4), [u(uid), T.int(Tag.CryptographicUsageMask, 1)]))).toBe(ResultReason.PermissionDenied);
});

test('Obtain Lease: Lease Time and Last Change Date for Pre-Active and Active objects; never a zero lease', async () => {
  const uid = await key();
  const idle = await run(Operation.ObtainLease, env.ctx(2, 1), [u(uid)]);
  expect(idle.payload[1]).toEqual(T.interval(Tag.LeaseTime, 3600));
  await run(Operation.Activate, env.ctx(1, 4), [u(uid)]);
  const r = await run(Operation.ObtainLease, env.ctx(1, 4), [u(uid)]);
  expect(r.payload[0]).toEqual(u(uid));
  expect(r.payload[1]).toEqual(T.interval(Tag.LeaseTime, 3600));
  expect(r.payload[2].tag).toBe(Tag.LastChangeDate);
});

test('Obtain Lease: a compromised or destroyed object gets no lease (Permission Denied in 1.x and 2.x)', async () => {
  const uid = await key();
  await run(Operation.Activate, env.ctx(1, 2), [u(uid)]);
  const compromise = T.struct(Tag.RevocationReason, [T.enum(Tag.RevocationReasonCode, RevocationReasonCode.KeyCompromise)]);
  await run(Operation.Revoke, env.ctx(1, 2), [u(uid), compromise]);
  expect(await reasonOf(run(Operation.ObtainLease, env.ctx(1, 2), [u(uid)]))).toBe(ResultReason.PermissionDenied);
  expect(await reasonOf(run(Operation.ObtainLease, env.ctx(2, 1), [u(uid)]))).toBe(ResultReason.PermissionDenied);
  // A Deactivated key may still process protected data: it keeps getting leases.
  const other = await key();
  await run(Operation.Activate, env.ctx(1, 2), [u(other)]);
  const superseded = T.struct(Tag.RevocationReason, [T.enum(Tag.RevocationReasonCode, RevocationReasonCode.Superseded)]);
  await run(Operation.Revoke, env.ctx(1, 2), [u(other), superseded]);
  expect((await run(Operation.ObtainLease, env.ctx(1, 2), [u(other)])).payload[1]).toEqual(T.interval(Tag.LeaseTime, 3600));
  await run(Operation.Destroy, env.ctx(1, 2), [u(other)]);
  expect(await reasonOf(run(Operation.ObtainLease, env.ctx(1, 2), [u(other)]))).toBe(ResultReason.PermissionDenied);
});

test('Get Usage Allocation decrements the Usage Limits Count and refuses over-use', async () => {
  const limits = T.struct(0, [T.long(Tag.UsageLimitsTotal, 10n), T.enum(Tag.UsageLimitsUnit, 2)]);
  const uid = await key(1, 4, [attr1('Usage Limits', limits)]);
  // The server sets the Count to the Total (TC-51).
  const set = attrOf(uid, 'Usage Limits')!.value;
  expect((set.value as TtlvItem[]).find((c) => c.tag === Tag.UsageLimitsCount)?.value).toBe(10n);
  await run(Operation.GetUsageAllocation, env.ctx(1, 4), [u(uid), T.long(Tag.UsageLimitsCount, 4n)]);
  const ul = attrOf(uid, 'Usage Limits')!.value;
  expect((ul.value as TtlvItem[]).find((c) => c.tag === Tag.UsageLimitsCount)?.value).toBe(6n);
  expect(await reasonOf(run(Operation.GetUsageAllocation, env.ctx(2, 1), [u(uid), T.long(Tag.UsageLimitsCount, 7n)]))).toBe(ResultReason.UsageLimitExceeded);
  expect(await reasonOf(run(Operation.Check, env.ctx(2, 1), [u(uid), T.long(Tag.UsageLimitsCount, 7n)]))).toBe(ResultReason.UsageLimitExceeded);
  const other = await key();
  expect(await reasonOf(run(Operation.GetUsageAllocation, env.ctx(2, 1), [u(other), T.long(Tag.UsageLimitsCount, 1n)]))).toBe(ResultReason.AttributeNotFound);
});

test('Get refuses Sensitive (TC/BL-M-12) and non-extractable (TC-EXTRACTABLE) objects; Never Extractable follows', async () => {
  const s = await key(1, 4, [attr1('Sensitive', T.bool(0, true))]);
  expect(await reasonOf(run(Operation.Get, env.ctx(2, 1), [u(s)]))).toBe(ResultReason.Sensitive);
  const n = await key(1, 4, [attr1('Extractable', T.bool(0, false))]);
  expect(attrOf(n, 'Never Extractable')?.value.value).toBe(true);
  expect(attrOf(n, 'Always Sensitive')?.value.value).toBe(false);
  expect(await reasonOf(run(Operation.Get, env.ctx(1, 4), [u(n)]))).toBe(ResultReason.NotExtractable);
  // 1.3 has neither reason: Permission Denied.
  expect(await reasonOf(run(Operation.Get, env.ctx(1, 3), [u(n)]))).toBe(ResultReason.PermissionDenied);
});

test('new objects get Lease Time and, when generated, Random Number Generator', async () => {
  const uid = await key();
  expect(attrOf(uid, 'Lease Time')?.value).toEqual(T.interval(Tag.AttributeValue, 3600));
  const rng = attrOf(uid, 'Random Number Generator')!.value;
  expect((rng.value as TtlvItem[]).find((c) => c.tag === Tag.RNGAlgorithm)?.value).toBe(RNGAlgorithm.DRBG);
});
