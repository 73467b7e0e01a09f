import { createPublicKey, verify } from 'node:crypto';
import { Tag, Operation, CryptographicAlgorithm, LinkType, ObjectType, ResultReason, State } from '../../../src/kmip';
import { T, child, type TtlvItem } from '../../../src/ttlv/item';
import { makeEnv, run, reasonOf, payloadStruct, attr1, nameValue, type Env } from './helpers';

let env: Env;
beforeEach(() => {
  env = makeEnv();
});
afterEach(() => env.close());

const pairOf = (r: { payload: TtlvItem[] }) => ({
  priv: child(payloadStruct(r as never), Tag.PrivateKeyUniqueIdentifier)!.value as string,
  pub: child(payloadStruct(r as never), Tag.PublicKeyUniqueIdentifier)!.value as string,
});
const links = (uid: string) =>
  env.store
    .get(uid)!
    .attributes.filter((a) => a.name === 'Link')
    .sort((a, b) => a.index - b.index)
    .map((a) => [child(a.value, Tag.LinkType)?.value, child(a.value, Tag.LinkedObjectIdentifier)?.value]);
const names = (uid: string) => env.store.get(uid)!.attributes.filter((a) => a.name === 'Name').map((a) => child(a.value, Tag.NameValue)?.value);
const attr = (uid: string, name: string) => env.store.get(uid)!.attributes.find((a) => a.name === name)?.value.value;

async function createRsa(ctx = env.ctx(1, 2)) {
  return pairOf(
    await run(Operation.CreateKeyPair, ctx, [
      T.struct(Tag.CommonTemplateAttribute, [attr1('Cryptographic Algorithm', T.enum(0, CryptographicAlgorithm.RSA)), attr1('Cryptographic Length', T.int(0, 2048))]),
      T.struct(Tag.PrivateKeyTemplateAttribute, [attr1('Name', nameValue('TC-133-privateKey1')), attr1('Cryptographic Usage Mask', T.int(0, 1))]),
      T.struct(Tag.PublicKeyTemplateAttribute, [attr1('Name', nameValue('TC-133-publicKey1')), attr1('Cryptographic Usage Mask', T.int(0, 2))]),
    ]),
  );
}

test('TC-133: a new linked RSA pair; links both ways; Names and usage masks move; ID Placeholder = new private key', async () => {
  const ctx = env.ctx(1, 2);
  const old = await createRsa(ctx);
  const r = await run(Operation.ReKeyKeyPair, ctx, [T.text(Tag.PrivateKeyUniqueIdentifier, old.priv)]);
  const fresh = pairOf(r);
  expect(r.idPlaceholder).toBe(fresh.priv);
  expect(new Set([old.priv, old.pub, fresh.priv, fresh.pub]).size).toBe(4);
  expect(links(fresh.priv)).toEqual([[LinkType.PublicKeyLink, fresh.pub], [LinkType.ReplacedObjectLink, old.priv]]);
  expect(links(fresh.pub)).toEqual([[LinkType.PrivateKeyLink, fresh.priv], [LinkType.ReplacedObjectLink, old.pub]]);
  expect(links(old.priv)).toEqual([[LinkType.PublicKeyLink, old.pub], [LinkType.ReplacementObjectLink, fresh.priv]]);
  expect(links(old.pub)).toEqual([[LinkType.PrivateKeyLink, old.priv], [LinkType.ReplacementObjectLink, fresh.pub]]);
  expect(names(fresh.priv)).toEqual(['TC-133-privateKey1']);
  expect(names(fresh.pub)).toEqual(['TC-133-publicKey1']);
  expect(names(old.priv)).toEqual([]);
  expect([attr(fresh.priv, 'Cryptographic Usage Mask'), attr(fresh.pub, 'Cryptographic Usage Mask')]).toEqual([1, 2]);
  expect([attr(fresh.priv, 'Cryptographic Length'), env.store.get(fresh.priv)!.objectType]).toEqual([2048, ObjectType.PrivateKey]);
  // A new key pair: different public key, and the new private key signs what the new public key verifies.
  const pubDer = async (uid: string) => child(child(child((await run(Operation.Get, ctx, [T.text(Tag.UniqueIdentifier, uid)])).payload[2], Tag.KeyBlock), Tag.KeyValue), Tag.KeyMaterial)!.value as Buffer;
  expect((await pubDer(fresh.pub)).equals(await pubDer(old.pub))).toBe(false);
  await run(Operation.Activate, ctx, [T.text(Tag.UniqueIdentifier, fresh.priv)]);
  const sig = await run(Operation.Sign, env.ctx(1, 2), [
    T.text(Tag.UniqueIdentifier, fresh.priv),
    T.struct(Tag.CryptographicParameters, [T.enum(Tag.DigitalSignatureAlgorithm, 5 /* SHA-256 with RSA */)]),
    T.bytes(Tag.Data, Buffer.from('hello')),
  ]);
  const s = child(payloadStruct(sig), Tag.SignatureData)!.value as Buffer;
  expect(verify('sha256', Buffer.from('hello'), createPublicKey({ key: await pubDer(fresh.pub), format: 'der', type: 'pkcs1' }), s)).toBe(true);
});

test('Offset: Activation = now + Offset, Deactivation keeps its distance; without Offset dates are copied', async () => {
  const ctx = env.ctx(1, 4);
  const old = await createRsa(ctx);
  const now = BigInt(env.clock.now.getTime() / 1000);
  for (const uid of [old.priv, old.pub]) {
    await run(Operation.AddAttribute, ctx, [T.text(Tag.UniqueIdentifier, uid), attr1('Activation Date', T.date(0, now + 100n))]);
    await run(Operation.AddAttribute, ctx, [T.text(Tag.UniqueIdentifier, uid), attr1('Deactivation Date', T.date(0, now + 1000n))]);
  }
  const shifted = pairOf(await run(Operation.ReKeyKeyPair, ctx, [T.text(Tag.PrivateKeyUniqueIdentifier, old.priv), T.interval(Tag.Offset, 50)]));
  expect([attr(shifted.priv, 'Activation Date'), attr(shifted.priv, 'Deactivation Date')]).toEqual([now + 50n, now + 950n]);
  expect([attr(shifted.pub, 'Activation Date'), attr(shifted.pub, 'Deactivation Date')]).toEqual([now + 50n, now + 950n]);
  const other = await createRsa(ctx);
  await run(Operation.AddAttribute, ctx, [T.text(Tag.UniqueIdentifier, other.priv), attr1('Activation Date', T.date(0, now - 10n))]);
  const copied = pairOf(await run(Operation.ReKeyKeyPair, ctx, [T.text(Tag.PrivateKeyUniqueIdentifier, other.priv)]));
  expect(attr(copied.priv, 'Activation Date')).toBe(now - 10n);
  expect(env.store.get(copied.priv)!.state).toBe(State.Active);
});

test('refusals: not a private key, no Public Key Link, unknown key, no identifier', async () => {
  const ctx = env.ctx(2, 1);
  const old = await createRsa(env.ctx(2, 1));
  expect(await reasonOf(run(Operation.ReKeyKeyPair, ctx, [T.text(Tag.PrivateKeyUniqueIdentifier, old.pub)]))).toBe(ResultReason.InvalidObjectType);
  expect(await reasonOf(run(Operation.ReKeyKeyPair, ctx, [T.text(Tag.PrivateKeyUniqueIdentifier, 'nope')]))).toBe(ResultReason.ObjectNotFound);
  expect(await reasonOf(run(Operation.ReKeyKeyPair, ctx, []))).toBe(ResultReason.InvalidField);
  await run(Operation.DeleteAttribute, ctx, [T.text(Tag.UniqueIdentifier, old.priv), T.enum(Tag.AttributeReference, Tag.Link)]);
  expect(await reasonOf(run(Operation.ReKeyKeyPair, ctx, [T.text(Tag.PrivateKeyUniqueIdentifier, old.priv)]))).toBe(ResultReason.InvalidField);
});
