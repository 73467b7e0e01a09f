/**
 * PKCS#12 (src/operations/pkcs12.ts): Register of a Private Key in a PKCS#12 container opened with the linked
 * Password, the chain registered as linked Certificates; the container built back for Get (pkcs12Object).
 * Containers are made here with node-forge (a key of node:crypto, a self-signed certificate).
 */
import * as nodeCrypto from 'node:crypto';
import * as forge from 'node-forge';
import { Tag, Operation, ObjectType, KeyFormatType, LinkType, ResultReason, SecretDataType, CryptographicAlgorithm } from '../../../src/kmip';
import { CryptographicUsageMask as M } from '../../../src/kmip/masks';
import { T, child, type TtlvItem } from '../../../src/ttlv/item';
import { MAX_PKCS12_ITERATIONS, pkcs12Object } from '../../../src/operations/pkcs12';
import { makeEnv, run, reasonOf, uidOf, attr1, type Env } from './helpers';

let env: Env;
beforeEach(() => {
  env = makeEnv();
});
afterEach(() => env.close());

const { privateKey } = nodeCrypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
const PKCS8 = privateKey.export({ format: 'der', type: 'pkcs8' }) as Buffer;
const fromDer = (b: Buffer) => forge.asn1.fromDer(forge.util.createBuffer(b.toString('binary')));
const FORGE_KEY = forge.pki.privateKeyFromAsn1(fromDer(PKCS8)) as forge.pki.rsa.PrivateKey;
const CERT = (() => {
  const c = forge.pki.createCertificate();
  c.publicKey = forge.pki.setRsaPublicKey(FORGE_KEY.n, FORGE_KEY.e);
  c.serialNumber = '01';
  c.validity.notBefore = new Date('2025-01-01T00:00:00Z');
  c.validity.notAfter = new Date('2030-01-01T00:00:00Z');
  c.setSubject([{ name: 'commonName', value: 'pkcs12 test' }]);
  c.setIssuer([{ name: 'commonName', value: 'pkcs12 test' }]);
  c.sign(FORGE_KEY, forge.md.sha256.create());
  return c;
})();
const CERT_DER = Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(CERT)).getBytes(), 'binary');

function container(password: string): Buffer {
  const asn1 = forge.pkcs12.toPkcs12Asn1(FORGE_KEY, [CERT], password, { algorithm: 'aes256', friendlyName: 'mykey' });
  return Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary');
}

const activeSince = () => attr1('Activation Date', T.date(0, BigInt(Math.floor(env.clock.now.getTime() / 1000) - 60)));

async function registerSecret(value: string, type: number = SecretDataType.Password, active = true): Promise<string> {
  const r = await run(Operation.Register, env.ctx(1, 4), [
    T.enum(Tag.ObjectType, ObjectType.SecretData),
    T.struct(Tag.TemplateAttribute, [attr1('Cryptographic Usage Mask', T.int(0, M.DeriveKey)), ...(active ? [activeSince()] : [])]),
    T.struct(Tag.SecretData, [
      T.enum(Tag.SecretDataType, type),
      T.struct(Tag.KeyBlock, [T.enum(Tag.KeyFormatType, KeyFormatType.Opaque), T.struct(Tag.KeyValue, [T.bytes(Tag.KeyMaterial, Buffer.from(value))])]),
    ]),
  ]);
  return uidOf(r);
}

function registerP12(p12: Buffer, passwordUid?: string): Promise<{ payload: TtlvItem[] }> {
  const attrs = [attr1('Cryptographic Usage Mask', T.int(0, M.Sign))];
  if (passwordUid) attrs.push(attr1('Link', T.struct(0, [T.enum(Tag.LinkType, LinkType.PKCS_12PasswordLink), T.text(Tag.LinkedObjectIdentifier, passwordUid)])));
  return run(Operation.Register, env.ctx(1, 4), [
    T.enum(Tag.ObjectType, ObjectType.PrivateKey),
    T.struct(Tag.TemplateAttribute, attrs),
    T.struct(Tag.PrivateKey, [T.struct(Tag.KeyBlock, [T.enum(Tag.KeyFormatType, KeyFormatType.PKCS_12), T.bytes(Tag.KeyValue, p12)])]),
  ]);
}

const attrValue = (uid: string, name: string) => env.store.get(uid)!.attributes.find((a) => a.name === name)?.value;
const linksOf = (uid: string, type: number) =>
  env.store.get(uid)!.attributes.filter((a) => a.name === 'Link' && child(a.value, Tag.LinkType)?.value === type).map((a) => child(a.value, Tag.LinkedObjectIdentifier)!.value);

test('Register opens the container: the key as PKCS#8 with its attributes, the certificate registered and linked', async () => {
  const pw = await registerSecret('s3cret');
  const uid = uidOf(await registerP12(container('s3cret'), pw));
  expect(attrValue(uid, 'Cryptographic Algorithm')?.value).toBe(CryptographicAlgorithm.RSA);
  expect(attrValue(uid, 'Cryptographic Length')?.value).toBe(2048);
  expect(attrValue(uid, 'PKCS#12 Friendly Name')?.value).toBe('mykey');
  const digest = attrValue(uid, 'Digest')!;
  expect(child(digest, Tag.KeyFormatType)?.value).toBe(KeyFormatType.PKCS_8);
  expect(child(digest, Tag.DigestValue)?.value).toEqual(nodeCrypto.createHash('sha256').update(PKCS8).digest());
  const g = await run(Operation.Get, env.ctx(1, 4), [T.text(Tag.UniqueIdentifier, uid)]);
  const kb = child(g.payload[2], Tag.KeyBlock)!;
  expect(child(kb, Tag.KeyFormatType)?.value).toBe(KeyFormatType.PKCS_8);
  expect(child(child(kb, Tag.KeyValue), Tag.KeyMaterial)?.value).toEqual(PKCS8);
  const [certUid] = linksOf(uid, LinkType.PKCS_12CertificateLink);
  const cert = env.store.get(certUid as string)!;
  expect(cert.objectType).toBe(ObjectType.Certificate);
  const gc = await run(Operation.Get, env.ctx(1, 4), [T.text(Tag.UniqueIdentifier, certUid as string)]);
  expect(child(gc.payload[2], Tag.CertificateValue)?.value).toEqual(CERT_DER);
  expect(linksOf(uid, LinkType.PKCS_12PasswordLink)).toEqual([pw]);
});

test('Register refuses: no Password Link, a Password not yet Active, a wrong password, a link to non-Password Secret Data', async () => {
  const p12 = container('right');
  expect(await reasonOf(registerP12(p12))).toBe(ResultReason.InvalidField);
  expect(await reasonOf(registerP12(p12, await registerSecret('right', SecretDataType.Password, false)))).toBe(ResultReason.PermissionDenied);
  expect(await reasonOf(registerP12(p12, await registerSecret('wrong')))).toBe(ResultReason.InvalidField);
  expect(await reasonOf(registerP12(p12, await registerSecret('right', SecretDataType.Seed)))).toBe(ResultReason.InvalidField);
  expect(await reasonOf(registerP12(Buffer.from('not a container'), await registerSecret('right')))).toBe(ResultReason.InvalidField);
});

test('a container asking for more iterations than MAX_PKCS12_ITERATIONS is refused before any is run', async () => {
  const pw = await registerSecret('right');
  // The MacData iteration count (PFX, third field) raised past the limit; nothing else changes.
  const pfx = fromDer(container('right'));
  const macData = (pfx.value as forge.asn1.Asn1[])[2];
  const iterations = (macData.value as forge.asn1.Asn1[])[2];
  expect(iterations.type).toBe(forge.asn1.Type.INTEGER);
  const big = MAX_PKCS12_ITERATIONS + 1;
  iterations.value = Buffer.from(big.toString(16).padStart(8, '0'), 'hex').toString('binary');
  const heavy = Buffer.from(forge.asn1.toDer(pfx).getBytes(), 'binary');
  const r = await registerP12(heavy, pw).catch((e: Error) => e);
  expect(r).toBeInstanceOf(Error);
  expect((r as Error).message).toMatch(/iterations/);
  expect(await reasonOf(registerP12(heavy, pw))).toBe(ResultReason.InvalidField);
  // The container as written (2048 iterations) is accepted.
  expect(uidOf(await registerP12(container('right'), pw))).toBeTruthy();
});

test('pkcs12Object builds a container the password opens, with the key, its certificate and friendly name', async () => {
  const pw = await registerSecret('export-pw');
  const uid = uidOf(await registerP12(container('export-pw'), pw));
  const plain = T.struct(Tag.PrivateKey, [
    T.struct(Tag.KeyBlock, [T.enum(Tag.KeyFormatType, KeyFormatType.PKCS_1), T.struct(Tag.KeyValue, [T.bytes(Tag.KeyMaterial, privateKey.export({ format: 'der', type: 'pkcs1' }) as Buffer)])]),
  ]);
  const obj = await pkcs12Object(env.ctx(1, 4), env.store.get(uid)!, plain);
  const kb = child(obj, Tag.KeyBlock)!;
  expect(child(kb, Tag.KeyFormatType)?.value).toBe(KeyFormatType.PKCS_12);
  const der = child(kb, Tag.KeyValue)!.value as Buffer;
  expect(() => forge.pkcs12.pkcs12FromAsn1(fromDer(der), 'not-it')).toThrow();
  const p12 = forge.pkcs12.pkcs12FromAsn1(fromDer(der), 'export-pw');
  const keyBag = p12.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag })[forge.pki.oids.pkcs8ShroudedKeyBag]![0];
  expect((keyBag.key as forge.pki.rsa.PrivateKey).n.toString(16)).toBe(FORGE_KEY.n.toString(16));
  expect(keyBag.attributes.friendlyName).toEqual(['mykey']);
  const certs = p12.getBags({ bagType: forge.pki.oids.certBag })[forge.pki.oids.certBag]!;
  expect(certs.map((b) => Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(b.cert!)).getBytes(), 'binary'))).toEqual([CERT_DER]);
});

test('pkcs12Object refuses a key without a PKCS#12 Password Link, and a non-RSA key', async () => {
  const ctx = env.ctx(1, 4);
  const plainOf = (der: Buffer) =>
    T.struct(Tag.PrivateKey, [T.struct(Tag.KeyBlock, [T.enum(Tag.KeyFormatType, KeyFormatType.PKCS_8), T.struct(Tag.KeyValue, [T.bytes(Tag.KeyMaterial, der)])])]);
  const bare = { uid: 'bare', objectType: ObjectType.PrivateKey, state: 2, attributes: [], body: null, material: null, kekId: null, owner: 'alice', tenant: '' };
  expect(await reasonOf(pkcs12Object(ctx, bare, plainOf(PKCS8)))).toBe(ResultReason.InvalidField);
  const ec = nodeCrypto.generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'der', type: 'pkcs8' }) as Buffer;
  expect(await reasonOf(pkcs12Object(ctx, bare, plainOf(ec)))).toBe(ResultReason.KeyFormatTypeNotSupported);
});
