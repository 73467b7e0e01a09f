import { createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';
import { Tag, Operation, ObjectType, CryptographicAlgorithm, KeyFormatType, LinkType, RecommendedCurve, ResultReason, State } from '../../../src/kmip';
import { T, child, type TtlvItem } from '../../../src/ttlv/item';
import { makeEnv, run, reasonOf, payloadStruct, attr1, nameValue, type Env } from './helpers';

let env: Env;
beforeEach(() => {
  env = makeEnv();
});
afterEach(() => env.close());

const uids = (r: { payload: TtlvItem[] }) => ({
  priv: child(payloadStruct(r as never), Tag.PrivateKeyUniqueIdentifier)!.value as string,
  pub: child(payloadStruct(r as never), Tag.PublicKeyUniqueIdentifier)!.value as string,
});
const material = (g: { payload: TtlvItem[] }) => child(child(child(g.payload[2], Tag.KeyBlock), Tag.KeyValue), Tag.KeyMaterial)!.value as Buffer;
const format = (g: { payload: TtlvItem[] }) => child(child(g.payload[2], Tag.KeyBlock), Tag.KeyFormatType)!.value;

test('1.4 RSA-2048 (AKLC-M-1-14): two linked objects, per-key attributes, usable PKCS#1 keys', async () => {
  const ctx = env.ctx(1, 4);
  const r = await run(Operation.CreateKeyPair, ctx, [
    T.struct(Tag.CommonTemplateAttribute, [attr1('Cryptographic Algorithm', T.enum(0, CryptographicAlgorithm.RSA)), attr1('Cryptographic Length', T.int(0, 2048))]),
    T.struct(Tag.PrivateKeyTemplateAttribute, [attr1('Name', nameValue('AKLC-private')), attr1('Cryptographic Usage Mask', T.int(0, 1))]),
    T.struct(Tag.PublicKeyTemplateAttribute, [attr1('Name', nameValue('AKLC-public')), attr1('Cryptographic Usage Mask', T.int(0, 2))]),
  ]);
  const { priv, pub } = uids(r);
  expect(priv).not.toBe(pub);
  expect(r.idPlaceholder).toBe(priv);
  const p = env.store.get(priv)!;
  const q = env.store.get(pub)!;
  expect([p.objectType, q.objectType]).toEqual([ObjectType.PrivateKey, ObjectType.PublicKey]);
  expect(p.state).toBe(State.PreActive);
  expect(p.attributes.find((a) => a.name === 'Cryptographic Usage Mask')?.value.value).toBe(1);
  expect(q.attributes.find((a) => a.name === 'Cryptographic Usage Mask')?.value.value).toBe(2);
  const link = (uid: string) => env.store.get(uid)!.attributes.filter((a) => a.name === 'Link').map((a) => [child(a.value, Tag.LinkType)?.value, child(a.value, Tag.LinkedObjectIdentifier)?.value]);
  expect(link(priv)).toEqual([[LinkType.PublicKeyLink, pub]]);
  expect(link(pub)).toEqual([[LinkType.PrivateKeyLink, priv]]);
  const gp = await run(Operation.Get, ctx, [T.text(Tag.UniqueIdentifier, priv)]);
  const gq = await run(Operation.Get, ctx, [T.text(Tag.UniqueIdentifier, pub)]);
  expect([format(gp), format(gq)]).toEqual([KeyFormatType.PKCS_1, KeyFormatType.PKCS_1]);
  const sk = createPrivateKey({ key: material(gp), format: 'der', type: 'pkcs1' });
  const pk = createPublicKey({ key: material(gq), format: 'der', type: 'pkcs1' });
  const sig = sign('sha256', Buffer.from('m'), sk);
  expect(verify('sha256', Buffer.from('m'), pk, sig)).toBe(true);
  expect(p.material!.includes(material(gp))).toBe(false);
});

test('2.1 EC P-256 with Common/Private/Public Attributes: PKCS#8 private, X.509 public', async () => {
  const ctx = env.ctx(2, 1);
  const r = await run(Operation.CreateKeyPair, ctx, [
    T.struct(Tag.CommonAttributes, [
      T.enum(Tag.CryptographicAlgorithm, CryptographicAlgorithm.EC),
      T.struct(Tag.CryptographicDomainParameters, [T.enum(Tag.RecommendedCurve, RecommendedCurve.P_256)]),
    ]),
    T.struct(Tag.PrivateKeyAttributes, [T.int(Tag.CryptographicUsageMask, 1)]),
    T.struct(Tag.PublicKeyAttributes, [T.int(Tag.CryptographicUsageMask, 2)]),
  ]);
  const { priv, pub } = uids(r);
  const gp = await run(Operation.Get, ctx, [T.text(Tag.UniqueIdentifier, priv)]);
  const gq = await run(Operation.Get, ctx, [T.text(Tag.UniqueIdentifier, pub)]);
  expect([format(gp), format(gq)]).toEqual([KeyFormatType.PKCS_8, KeyFormatType.X_509]);
  expect(createPublicKey({ key: material(gq), format: 'der', type: 'spki' }).asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
  expect(env.store.get(priv)!.attributes.find((a) => a.name === 'Cryptographic Length')?.value.value).toBe(256);
});

test('refusals: unsupported algorithm, missing RSA length', async () => {
  const ctx = env.ctx(1, 4);
  expect(
    await reasonOf(run(Operation.CreateKeyPair, ctx, [T.struct(Tag.CommonTemplateAttribute, [attr1('Cryptographic Algorithm', T.enum(0, CryptographicAlgorithm.AES))])])),
  ).toBe(ResultReason.InvalidField);
  expect(
    await reasonOf(run(Operation.CreateKeyPair, ctx, [T.struct(Tag.CommonTemplateAttribute, [attr1('Cryptographic Algorithm', T.enum(0, CryptographicAlgorithm.RSA))])])),
  ).toBe(ResultReason.InvalidField);
  expect(env.store.count({ filters: [] })).toBe(0);
});
