/**
 * Requests that wait (for the HSM, its worker thread, a key-pair generation) while another request changes the
 * same object. Whatever they write afterwards must start from the object as stored then: a Destroy answered
 * in the meantime stays (material erased, state Destroyed), and changes such as a new Name are not lost.
 */
import { generateKeyPairSync } from 'node:crypto';
import { Tag, Operation, ObjectType, CryptographicAlgorithm, ResultReason, State, LinkType } from '../../../src/kmip';
import { T, child } from '../../../src/ttlv/item';
import { makeEnv, run, reasonOf, uidOf, attr1, nameValue, payloadStruct, rsaPublicKeyFields, aesKeyObject, type Env } from './helpers';

let env: Env;
beforeEach(() => {
  env = makeEnv();
});
afterEach(() => env.close());

const u = (s: string) => T.text(Tag.UniqueIdentifier, s);

/** Holds the next call of crypto method `name` until release() (the call itself then runs). */
function hold(name: 'generateSymmetricKey' | 'generateKeyPair' | 'exportKey' | 'sign' | 'importKey'): { reached: Promise<void>; release: () => void } {
  const original = (env.crypto[name] as (...a: unknown[]) => Promise<unknown>).bind(env.crypto);
  let release!: () => void;
  let reached!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const atGate = new Promise<void>((r) => (reached = r));
  let first = true;
  (env.crypto as unknown as Record<string, unknown>)[name] = async (...args: unknown[]) => {
    if (first) {
      first = false;
      reached();
      await gate;
    }
    return original(...args);
  };
  return { reached: atGate, release };
}

async function aesKey(name?: string): Promise<string> {
  const r = await run(Operation.Create, env.ctx(1, 4), [
    T.enum(Tag.ObjectType, ObjectType.SymmetricKey),
    T.struct(Tag.TemplateAttribute, [
      attr1('Cryptographic Algorithm', T.enum(0, CryptographicAlgorithm.AES)),
      attr1('Cryptographic Length', T.int(0, 256)),
      attr1('Cryptographic Usage Mask', T.int(0, 12)),
      ...(name ? [attr1('Name', nameValue(name))] : []),
    ]),
  ]);
  return uidOf(r);
}

const names = (uid: string) => env.store.get(uid)!.attributes.filter((a) => a.name === 'Name').map((a) => child(a.value, Tag.NameValue)?.value);

test('Re-key waiting for its new key while the old one is destroyed: refused, the old key stays erased, no new key', async () => {
  const uid = await aesKey('k1');
  const before = env.store.count({ filters: [] });
  const h = hold('generateSymmetricKey');
  const rekey = reasonOf(run(Operation.ReKey, env.ctx(1, 4), [u(uid)]));
  await h.reached;
  await run(Operation.Destroy, env.ctx(1, 4), [u(uid)]);
  h.release();
  expect(await rekey).toBe(ResultReason.KeyValueNotPresent);
  const after = env.store.get(uid)!;
  expect(after.state).toBe(State.Destroyed);
  expect(after.material).toBeNull();
  expect(env.store.count({ filters: [] })).toBe(before);
});

test('Re-key waiting for its new key while a Name is added to the old one: the replacement takes that Name too', async () => {
  const uid = await aesKey('k1');
  const h = hold('generateSymmetricKey');
  const rekey = run(Operation.ReKey, env.ctx(1, 4), [u(uid)]);
  await h.reached;
  await run(Operation.AddAttribute, env.ctx(1, 4), [u(uid), attr1('Name', nameValue('k1-alias'))]);
  h.release();
  const fresh = uidOf(await rekey);
  expect(names(fresh).sort()).toEqual(['k1', 'k1-alias']);
  expect(names(uid)).toEqual([]);
  const link = env.store.get(uid)!.attributes.find((a) => a.name === 'Link');
  expect([child(link!.value, Tag.LinkType)?.value, child(link!.value, Tag.LinkedObjectIdentifier)?.value]).toEqual([LinkType.ReplacementObjectLink, fresh]);
});

test('Get waiting for the HSM while the key is destroyed: the Get answers (it was sent first), the key stays erased', async () => {
  const uid = await aesKey();
  expect(env.store.get(uid)!.attributes.find((a) => a.name === 'Fresh')?.value.value).toBe(true);
  const h = hold('exportKey');
  const get = run(Operation.Get, env.ctx(1, 4), [u(uid)]);
  await h.reached;
  await run(Operation.Destroy, env.ctx(1, 4), [u(uid)]);
  h.release();
  const r = await get;
  expect(child(payloadStruct(r), Tag.UniqueIdentifier)?.value).toBe(uid);
  const after = env.store.get(uid)!;
  expect(after.state).toBe(State.Destroyed);
  expect(after.material).toBeNull();
  expect(await reasonOf(run(Operation.Get, env.ctx(1, 4), [u(uid)]))).not.toBe(ResultReason.GeneralFailure);
});

test('Re-key Key Pair waiting for its pair while the old private key is destroyed: refused, it stays erased', async () => {
  const pair = await run(Operation.CreateKeyPair, env.ctx(1, 4), [
    T.struct(Tag.CommonTemplateAttribute, [attr1('Cryptographic Algorithm', T.enum(0, CryptographicAlgorithm.EC)), attr1('Cryptographic Length', T.int(0, 256))]),
    T.struct(Tag.PrivateKeyTemplateAttribute, [attr1('Cryptographic Usage Mask', T.int(0, 1))]),
    T.struct(Tag.PublicKeyTemplateAttribute, [attr1('Cryptographic Usage Mask', T.int(0, 2))]),
  ]);
  const priv = child(payloadStruct(pair), Tag.PrivateKeyUniqueIdentifier)!.value as string;
  const before = env.store.count({ filters: [] });
  const h = hold('generateKeyPair');
  const rekey = reasonOf(run(Operation.ReKeyKeyPair, env.ctx(1, 4), [T.text(Tag.PrivateKeyUniqueIdentifier, priv)]));
  await h.reached;
  await run(Operation.Destroy, env.ctx(1, 4), [u(priv)]);
  h.release();
  expect(await rekey).toBe(ResultReason.KeyValueNotPresent);
  expect(env.store.get(priv)!.material).toBeNull();
  expect(env.store.get(priv)!.state).toBe(State.Destroyed);
  expect(env.store.count({ filters: [] })).toBe(before);
});

test('Certify waiting for its signature while the public key is destroyed: the key stays Destroyed', async () => {
  const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
  const pub = uidOf(await run(Operation.Register, env.ctx(1, 2), rsaPublicKeyFields(publicKey.export({ format: 'der', type: 'pkcs1' }))));
  const h = hold('sign');
  const certify = run(Operation.Certify, env.ctx(1, 2), [u(pub)]);
  await h.reached;
  await run(Operation.Destroy, env.ctx(1, 2), [u(pub)]);
  h.release();
  const cert = uidOf(await certify);
  const after = env.store.get(pub)!;
  expect(after.state).toBe(State.Destroyed);
  expect(after.material).toBeNull();
  // The link to the new certificate is still recorded on the destroyed key.
  expect(after.attributes.some((a) => a.name === 'Link' && child(a.value, Tag.LinkedObjectIdentifier)?.value === cert)).toBe(true);
});

test('Re-certify waiting for its signature while a Name is added to the old certificate: the new certificate takes it too', async () => {
  const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
  const pub = uidOf(await run(Operation.Register, env.ctx(1, 2), rsaPublicKeyFields(publicKey.export({ format: 'der', type: 'pkcs1' }))));
  const cert = uidOf(await run(Operation.Certify, env.ctx(1, 2), [u(pub), T.struct(Tag.TemplateAttribute, [attr1('Name', nameValue('c1'))])]));
  const h = hold('sign');
  const recertify = run(Operation.ReCertify, env.ctx(1, 2), [u(cert), T.struct(Tag.TemplateAttribute, [attr1('Name', nameValue('c2'))])]);
  await h.reached;
  await run(Operation.AddAttribute, env.ctx(1, 2), [u(cert), attr1('Name', nameValue('c1-alias'))]);
  h.release();
  const fresh = uidOf(await recertify);
  expect(names(fresh).sort()).toEqual(['c1', 'c1-alias', 'c2']);
  expect(names(cert)).toEqual([]);
});

test('Re-certify waiting for its signature while a Name is deleted from the old certificate: the new one does not get it back', async () => {
  const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
  const pub = uidOf(await run(Operation.Register, env.ctx(1, 2), rsaPublicKeyFields(publicKey.export({ format: 'der', type: 'pkcs1' }))));
  const cert = uidOf(await run(Operation.Certify, env.ctx(1, 2), [u(pub), T.struct(Tag.TemplateAttribute, [attr1('Name', nameValue('c1')), attr1('Name', nameValue('c1-old'))])]));
  const h = hold('sign');
  const recertify = run(Operation.ReCertify, env.ctx(1, 2), [u(cert)]);
  await h.reached;
  await run(Operation.DeleteAttribute, env.ctx(1, 2), [u(cert), T.text(Tag.AttributeName, 'Name'), T.int(Tag.AttributeIndex, 1)]);
  h.release();
  const fresh = uidOf(await recertify);
  expect(names(fresh)).toEqual(['c1']);
  expect(names(cert)).toEqual([]);
});

test('two Imports of one identifier at once: the one that waited longer is refused as Object Already Exists, not a store error', async () => {
  const ctx = env.ctx(2, 1);
  const req = (bytes: Buffer) => [
    T.text(Tag.UniqueIdentifier, 'imported-1'),
    T.enum(Tag.ObjectType, ObjectType.SymmetricKey),
    T.struct(Tag.Attributes, [T.enum(Tag.CryptographicAlgorithm, CryptographicAlgorithm.AES), T.int(Tag.CryptographicLength, 128)]),
    aesKeyObject(bytes),
  ];
  const h = hold('importKey');
  const first = reasonOf(run(Operation.Import, ctx, req(Buffer.alloc(16, 1))));
  await h.reached;
  expect(uidOf(await run(Operation.Import, ctx, req(Buffer.alloc(16, 2))))).toBe('imported-1');
  h.release();
  expect(await first).toBe(ResultReason.ObjectAlreadyExists);
  const got = await run(Operation.Get, ctx, [u('imported-1')]);
  expect(child(child(child(got.payload[2], Tag.KeyBlock), Tag.KeyValue), Tag.KeyMaterial)?.value).toEqual(Buffer.alloc(16, 2));
});
