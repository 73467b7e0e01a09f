import { X509Certificate, createPublicKey } from 'node:crypto';
import forge from 'node-forge';
import { Tag, Operation, CertificateRequestType, KeyFormatType, LinkType, ObjectType, CryptographicAlgorithm, ResultReason } from '../../../src/kmip';
import { T, child } from '../../../src/ttlv/item';
import { caCertificate } from '../../../src/operations/certify-ca';
import { makeEnv, run, reasonOf, uidOf, attr1, nameValue, rsaPublicKeyFields, type Env } from './helpers';

let env: Env;
beforeEach(() => {
  env = makeEnv();
});
afterEach(() => env.close());

const forgeKeys = forge.pki.rsa.generateKeyPair({ bits: 1024, e: 0x10001 });

function csrDer(cn: string, keys = forgeKeys): Buffer {
  const csr = forge.pki.createCertificationRequest();
  csr.publicKey = keys.publicKey;
  csr.setSubject([
    { name: 'commonName', value: cn },
    { name: 'organizationName', value: 'ACME' },
  ]);
  csr.sign(keys.privateKey, forge.md.sha256.create());
  return Buffer.from(forge.asn1.toDer(forge.pki.certificationRequestToAsn1(csr)).getBytes(), 'binary');
}

async function registerPublicKey(): Promise<string> {
  const pem = forge.pki.publicKeyToPem(forgeKeys.publicKey);
  const pkcs1 = createPublicKey(pem).export({ format: 'der', type: 'pkcs1' }) as Buffer;
  return uidOf(await run(Operation.Register, env.ctx(1, 2), rsaPublicKeyFields(pkcs1)));
}

const linksOf = (uid: string) =>
  env.store
    .get(uid)!
    .attributes.filter((a) => a.name === 'Link')
    .sort((a, b) => a.index - b.index)
    .map((a) => [child(a.value, Tag.LinkType)?.value, child(a.value, Tag.LinkedObjectIdentifier)?.value]);

async function certDer(uid: string): Promise<Buffer> {
  const g = await run(Operation.Get, env.ctx(1, 2), [T.text(Tag.UniqueIdentifier, uid)]);
  expect(g.payload[0].value).toBe(ObjectType.Certificate);
  return child(g.payload[2], Tag.CertificateValue)!.value as Buffer;
}

test('TC-134: Certify a registered public key with its PKCS#10 request: a certificate of that key and subject, signed by the server CA, linked both ways', async () => {
  const ctx = env.ctx(1, 2);
  const pub = await registerPublicKey();
  const r = await run(Operation.Certify, ctx, [
    T.text(Tag.UniqueIdentifier, pub),
    T.enum(Tag.CertificateRequestType, CertificateRequestType.PKCS_10),
    T.bytes(Tag.CertificateRequest, csrDer('Client')),
    T.struct(Tag.TemplateAttribute, [attr1('Name', nameValue('TC-134-certificate1'))]),
  ]);
  const cert = uidOf(r);
  expect(r.idPlaceholder).toBe(cert);
  const x = new X509Certificate(await certDer(cert));
  expect(x.subject).toContain('CN=Client');
  expect(x.publicKey.export({ format: 'der', type: 'spki' })).toEqual(createPublicKey(forge.pki.publicKeyToPem(forgeKeys.publicKey)).export({ format: 'der', type: 'spki' }));
  const ca = new X509Certificate(await caCertificate(ctx));
  expect(x.verify(ca.publicKey)).toBe(true);
  expect(x.issuer).toBe(ca.subject);
  expect(x.ca).toBe(false);
  expect(linksOf(cert)).toEqual([[LinkType.PublicKeyLink, pub]]);
  expect(linksOf(pub)).toEqual([[LinkType.CertificateLink, cert]]);
  const attrs = env.store.get(cert)!.attributes;
  expect(attrs.find((a) => a.name === 'Certificate Length')?.value.value).toBe(x.raw.length);
  expect(child(attrs.find((a) => a.name === 'Certificate Subject')!.value, Tag.CertificateSubjectDistinguishedName)?.value).toBe('O=ACME,CN=Client'); // RFC 4514 order: last RDN first
  expect(attrs.some((a) => a.name === 'Name')).toBe(true);
});

test('Certify without a request uses the public key itself; the CA is created once and reused', async () => {
  const ctx = env.ctx(2, 1);
  const pub = await registerPublicKey();
  const a = new X509Certificate(await certDer(uidOf(await run(Operation.Certify, ctx, [T.text(Tag.UniqueIdentifier, pub)]))));
  const b = new X509Certificate(await certDer(uidOf(await run(Operation.Certify, ctx, [T.text(Tag.UniqueIdentifier, pub)]))));
  expect(a.issuer).toBe(b.issuer);
  expect(a.serialNumber).not.toBe(b.serialNumber);
  const ca = new X509Certificate(await caCertificate(ctx));
  expect(a.verify(ca.publicKey) && b.verify(ca.publicKey)).toBe(true);
  expect(linksOf(pub).map((l) => l[0])).toEqual([LinkType.CertificateLink, LinkType.CertificateLink]);
});

test('Re-certify (TC-134): a new certificate for the same key; Names move; Replacement/Replaced links; the public key follows', async () => {
  const ctx = env.ctx(1, 2);
  const pub = await registerPublicKey();
  const first = uidOf(
    await run(Operation.Certify, ctx, [
      T.text(Tag.UniqueIdentifier, pub),
      T.enum(Tag.CertificateRequestType, CertificateRequestType.PKCS_10),
      T.bytes(Tag.CertificateRequest, csrDer('Client')),
      T.struct(Tag.TemplateAttribute, [attr1('Name', nameValue('certificate1'))]),
    ]),
  );
  const r = await run(Operation.ReCertify, ctx, [
    T.text(Tag.UniqueIdentifier, first),
    T.enum(Tag.CertificateRequestType, CertificateRequestType.PKCS_10),
    T.bytes(Tag.CertificateRequest, csrDer('Client')),
    T.struct(Tag.TemplateAttribute, [attr1('Name', nameValue('certificate2'))]),
  ]);
  const second = uidOf(r);
  expect(r.idPlaceholder).toBe(second);
  expect(linksOf(first)).toEqual([[LinkType.PublicKeyLink, pub], [LinkType.ReplacementObjectLink, second]]);
  expect(linksOf(second)).toEqual([[LinkType.PublicKeyLink, pub], [LinkType.ReplacedObjectLink, first]]);
  expect(linksOf(pub)).toEqual([[LinkType.CertificateLink, second]]);
  const names = (uid: string) => env.store.get(uid)!.attributes.filter((a) => a.name === 'Name').map((a) => child(a.value, Tag.NameValue)?.value);
  expect(names(second)).toEqual(['certificate2', 'certificate1']);
  expect(names(first)).toEqual([]);
  const [x1, x2] = [new X509Certificate(await certDer(first)), new X509Certificate(await certDer(second))];
  expect(x2.serialNumber).not.toBe(x1.serialNumber);
  expect(x2.publicKey.export({ format: 'der', type: 'spki' })).toEqual(x1.publicKey.export({ format: 'der', type: 'spki' }));
  // Without a request: the old certificate's key and subject.
  const third = uidOf(await run(Operation.ReCertify, ctx, [T.text(Tag.UniqueIdentifier, second)]));
  expect(new X509Certificate(await certDer(third)).subject).toBe(x2.subject);
});

test('refusals: bad CSR signature, garbage CSR, CSR for another key, CRMF, wrong object type, nothing to certify', async () => {
  const ctx = env.ctx(2, 1);
  const pub = await registerPublicKey();
  const req = (der: Buffer, type: number = CertificateRequestType.PKCS_10, uid?: string) => [
    ...(uid ? [T.text(Tag.UniqueIdentifier, uid)] : []),
    T.enum(Tag.CertificateRequestType, type),
    T.bytes(Tag.CertificateRequestValue, der),
  ];
  const good = csrDer('x');
  const tampered = Buffer.from(good);
  tampered[tampered.length - 5] ^= 1;
  expect(await reasonOf(run(Operation.Certify, ctx, req(tampered)))).toBe(ResultReason.InvalidCSR);
  expect(await reasonOf(run(Operation.Certify, ctx, req(Buffer.from([0x30, 0x82, 0xff, 0xff, 0x01]))))).toBe(ResultReason.InvalidCSR);
  expect(await reasonOf(run(Operation.Certify, env.ctx(1, 4), req(Buffer.alloc(3))))).toBe(ResultReason.InvalidField);
  const otherKeys = forge.pki.rsa.generateKeyPair({ bits: 1024, e: 0x10001 });
  expect(await reasonOf(run(Operation.Certify, ctx, req(csrDer('y', otherKeys), CertificateRequestType.PKCS_10, pub)))).toBe(ResultReason.InvalidCSR);
  expect(await reasonOf(run(Operation.Certify, ctx, req(good, CertificateRequestType.CRMF)))).toBe(ResultReason.FeatureNotSupported);
  const sym = uidOf(
    await run(Operation.Create, ctx, [T.enum(Tag.ObjectType, ObjectType.SymmetricKey), T.struct(Tag.Attributes, [T.enum(Tag.CryptographicAlgorithm, CryptographicAlgorithm.AES), T.int(Tag.CryptographicLength, 128)])]),
  );
  expect(await reasonOf(run(Operation.Certify, ctx, [T.text(Tag.UniqueIdentifier, sym)]))).toBe(ResultReason.InvalidObjectType);
  expect(await reasonOf(run(Operation.Certify, ctx, []))).toBe(ResultReason.InvalidField);
  // The same request as PEM is accepted.
  const pem = `-----BEGIN CERTIFICATE REQUEST-----\n${good.toString('base64')}\n-----END CERTIFICATE REQUEST-----\n`;
  expect(uidOf(await run(Operation.Certify, ctx, req(Buffer.from(pem), CertificateRequestType.PEM)))).toBeTruthy();
});
