/**
 * Automatic rotation (2.1 Rotate attributes): the due time, the server's Re-key with links and generations,
 * Rotate Offset, what is not rotated, and the audit record (a refused record undoes the rotation).
 */
import { CryptographicAlgorithm, LinkType, NameType, ObjectType, Operation, RecommendedCurve, State, Tag } from '../../../src/kmip';
import { ItemType } from '../../../src/kmip/item-type';
import { CryptographicUsageMask as M } from '../../../src/kmip/masks';
import { T, child, children, type TtlvItem } from '../../../src/ttlv/item';
import { findAttr } from '../../../src/attributes/list';
import { ROTATE_DUE, RETRY_SECONDS, sweepRotation, type RotationDeps } from '../../../src/operations/rotation';
import { reKey } from '../../../src/operations/rekey';
import { reKeyKeyPair } from '../../../src/operations/rekey-key-pair';
import type { AuditEvent } from '../../../src/audit/record';
import { makeEnv, run, uidOf, type Env } from './helpers';

let env: Env;
let events: AuditEvent[];
beforeEach(() => {
  env = makeEnv();
  events = [];
});
afterEach(() => env.close());

const T0 = new Date('2026-01-01T00:00:00Z');
const at = (s: number) => new Date(T0.getTime() + s * 1000);
const sec = (d: Date) => BigInt(Math.floor(d.getTime() / 1000));

function deps(over: Partial<RotationDeps> = {}): RotationDeps {
  return {
    store: env.store,
    crypto: env.crypto,
    options: { activateOnCreate: false, vendorIdentification: 'Tumbler', serverInformation: 'test' },
    audit: (e) => events.push(e),
    reKey: (p, ctx) => reKey.handle(p, ctx),
    ...over,
  };
}

async function createKey(extra: TtlvItem[], name = 'rot-key'): Promise<string> {
  const r = await run(Operation.Create, env.ctx(2, 1), [
    T.enum(Tag.ObjectType, ObjectType.SymmetricKey),
    T.struct(Tag.Attributes, [
      T.enum(Tag.CryptographicAlgorithm, CryptographicAlgorithm.AES),
      T.int(Tag.CryptographicLength, 256),
      T.int(Tag.CryptographicUsageMask, M.Encrypt | M.Decrypt),
      T.struct(Tag.Name, [T.text(Tag.NameValue, name), T.enum(Tag.NameType, NameType.UninterpretedTextString)]),
      ...extra,
    ]),
  ]);
  return uidOf(r);
}

const attrs = (uid: string) => env.store.get(uid)!.attributes;
const value = (uid: string, name: string) => findAttr(attrs(uid), name)?.value.value;
const links = (uid: string) =>
  attrs(uid)
    .filter((a) => a.name === 'Link')
    .map((a) => [child(a.value, Tag.LinkType)!.value, child(a.value, Tag.LinkedObjectIdentifier)!.value]);
const rotating = [T.bool(Tag.RotateAutomatic, true), T.interval(Tag.RotateInterval, 60)];

test('a key is re-keyed once Initial Date + Rotate Interval is reached, then its replacement in turn', async () => {
  env.clock.now = T0;
  const k0 = await createKey(rotating);
  expect(value(k0, 'Rotate Generation')).toBe(0);
  expect(value(k0, 'Rotate Latest')).toBe(true);
  expect(value(k0, ROTATE_DUE)).toBe(sec(at(60)));
  // Internal: not an attribute a client sees.
  const got = await run(Operation.GetAttributes, env.ctx(2, 1), [T.text(Tag.UniqueIdentifier, k0)]);
  expect(JSON.stringify(got.payload, (_k, v) => (typeof v === 'bigint' ? String(v) : v))).not.toContain('_rotate');

  expect((await sweepRotation(deps(), at(59))).rotated).toEqual([]);
  env.clock.now = at(60);
  const r1 = await sweepRotation(deps(), at(60));
  expect(r1.failed).toEqual([]);
  expect(r1.rotated).toHaveLength(1);
  const k1 = r1.rotated[0].to;
  expect(r1.rotated[0].from).toBe(k0);
  expect(links(k1)).toEqual([[LinkType.ReplacedObjectLink, k0]]);
  expect(links(k0)).toEqual([[LinkType.ReplacementObjectLink, k1]]);
  expect(value(k1, 'Rotate Generation')).toBe(1);
  expect(value(k1, 'Rotate Latest')).toBe(true);
  expect(value(k0, 'Rotate Latest')).toBe(false);
  expect(value(k0, 'Rotate Date')).toBe(sec(at(60)));
  expect(findAttr(attrs(k0), ROTATE_DUE)).toBeUndefined();
  expect(value(k1, ROTATE_DUE)).toBe(sec(at(120)));
  // The Name moved to the replacement, as with a client's Re-key; the owner is the old key's.
  expect(findAttr(attrs(k0), 'Name')).toBeUndefined();
  expect(child(findAttr(attrs(k1), 'Name')!.value, Tag.NameValue)!.value).toBe('rot-key');
  expect(env.store.get(k1)!.owner).toBe('alice');
  expect(events.map((e) => [e.source, e.operation, e.objects, e.status, e.principal])).toEqual([['server', 'ReKey', [k0, k1], 'Success', 'alice']]);

  expect((await sweepRotation(deps(), at(61))).rotated).toEqual([]);
  env.clock.now = at(120);
  const r2 = await sweepRotation(deps(), at(120));
  expect(r2.rotated.map((x) => x.from)).toEqual([k1]);
  expect(value(r2.rotated[0].to, 'Rotate Generation')).toBe(2);
});

test('Rotate Offset: the replacement activates that much after the rotation (key without an Activation Date)', async () => {
  env.clock.now = T0;
  const k0 = await createKey([...rotating, T.interval(Tag.RotateOffset, 30)]);
  env.clock.now = at(60);
  const res = await sweepRotation(deps(), at(60));
  expect(res.failed).toEqual([]);
  const [{ to }] = res.rotated;
  expect(value(to, 'Activation Date')).toBe(sec(at(90)));
  expect(env.store.get(to)!.state).toBe(State.PreActive);
  expect(env.store.get(k0)).toBeDefined();
});

test('keys without Rotate Automatic, with it False, or destroyed are not rotated', async () => {
  env.clock.now = T0;
  await createKey([T.interval(Tag.RotateInterval, 60)], 'a');
  await createKey([T.bool(Tag.RotateAutomatic, false), T.interval(Tag.RotateInterval, 60)], 'b');
  const c = await createKey(rotating, 'c');
  await run(Operation.Destroy, env.ctx(2, 1), [T.text(Tag.UniqueIdentifier, c)]);
  expect(await sweepRotation(deps(), at(3600))).toEqual({ rotated: [], failed: [] });
});

test('a record the audit trail refuses undoes the rotation; a failed rotation waits an hour', async () => {
  env.clock.now = T0;
  const k0 = await createKey(rotating);
  const before = env.store.locate({ filters: [] }).length;
  env.clock.now = at(60);
  const r = await sweepRotation(
    deps({
      audit: (e) => {
        if (e.status === 'Success') throw new Error('audit trail unavailable');
      },
    }),
    at(60),
  );
  expect(r.rotated).toEqual([]);
  expect(r.failed).toEqual([{ uid: k0, error: 'audit trail unavailable' }]);
  expect(env.store.locate({ filters: [] }).length).toBe(before);
  expect(links(k0)).toEqual([]);
  expect(value(k0, 'Rotate Latest')).toBe(true);
  expect(value(k0, ROTATE_DUE)).toBe(sec(at(60)) + RETRY_SECONDS);
  expect((await sweepRotation(deps(), at(61))).rotated).toEqual([]);
  expect((await sweepRotation(deps(), at(60 + Number(RETRY_SECONDS)))).rotated.map((x) => x.from)).toEqual([k0]);
});

test('a Re-key by a client moves the generation too', async () => {
  env.clock.now = T0;
  const k0 = await createKey(rotating);
  const k1 = uidOf(await run(Operation.ReKey, env.ctx(2, 1), [T.text(Tag.UniqueIdentifier, k0)]));
  expect([value(k0, 'Rotate Latest'), value(k1, 'Rotate Latest'), value(k1, 'Rotate Generation')]).toEqual([false, true, 1]);
  expect(children(T.struct(Tag.Attributes, attrs(k1).map((a) => a.value)), Tag.AttributeValue).some((v) => v.type === ItemType.Boolean)).toBe(true);
});

test('Rotate Offset of an active key is the Re-key Offset: the other dates keep their distance to the activation', async () => {
  env.clock.now = T0;
  const k0 = await createKey([...rotating, T.interval(Tag.RotateOffset, 30), T.date(Tag.DeactivationDate, sec(at(1000)))]);
  await run(Operation.Activate, env.ctx(2, 1), [T.text(Tag.UniqueIdentifier, k0)]);
  env.clock.now = at(60);
  const res = await sweepRotation(deps(), at(60));
  expect(res.failed).toEqual([]);
  const to = res.rotated[0].to;
  expect(value(to, 'Activation Date')).toBe(sec(at(90)));
  expect(value(to, 'Deactivation Date')).toBe(sec(at(1090)));
  expect(env.store.get(k0)!.state).toBe(State.Active);
});

test('a key pair rotates by its Private Key: a new linked pair, both the next generation; public keys are not swept alone', async () => {
  env.clock.now = T0;
  const r = await run(Operation.CreateKeyPair, env.ctx(2, 1), [
    T.struct(Tag.CommonAttributes, [
      T.enum(Tag.CryptographicAlgorithm, CryptographicAlgorithm.EC),
      T.struct(Tag.CryptographicDomainParameters, [T.enum(Tag.RecommendedCurve, RecommendedCurve.P_256)]),
      ...rotating,
    ]),
    T.struct(Tag.PrivateKeyAttributes, [T.int(Tag.CryptographicUsageMask, M.Sign)]),
    T.struct(Tag.PublicKeyAttributes, [T.int(Tag.CryptographicUsageMask, M.Verify)]),
  ]);
  const priv = child(T.struct(Tag.ResponsePayload, r.payload), Tag.PrivateKeyUniqueIdentifier)!.value as string;
  const pub = child(T.struct(Tag.ResponsePayload, r.payload), Tag.PublicKeyUniqueIdentifier)!.value as string;
  expect([value(priv, ROTATE_DUE), value(pub, ROTATE_DUE)]).toEqual([sec(at(60)), sec(at(60))]);
  env.clock.now = at(60);
  const res = await sweepRotation(deps({ reKeyKeyPair: (p, ctx) => reKeyKeyPair.handle(p, ctx) }), at(60));
  expect(res.failed).toEqual([]);
  expect(res.rotated).toHaveLength(1);
  const newPriv = res.rotated[0].to;
  const newPub = links(newPriv).find(([t]) => t === LinkType.PublicKeyLink)![1] as string;
  expect(links(newPriv)).toContainEqual([LinkType.ReplacedObjectLink, priv]);
  expect(links(newPub)).toContainEqual([LinkType.ReplacedObjectLink, pub]);
  for (const u of [newPriv, newPub]) expect([value(u, 'Rotate Generation'), value(u, 'Rotate Latest')]).toEqual([1, true]);
  for (const u of [priv, pub]) expect([value(u, 'Rotate Latest'), findAttr(attrs(u), ROTATE_DUE)]).toEqual([false, undefined]);
  expect(events.map((e) => [e.operation, e.objects])).toEqual([['ReKeyKeyPair', [priv, newPriv]]]);
  // Nothing else is due: the old public key is no longer the latest, the new pair is due at +120.
  expect((await sweepRotation(deps({ reKeyKeyPair: (p, ctx) => reKeyKeyPair.handle(p, ctx) }), at(61))).rotated).toEqual([]);
});
