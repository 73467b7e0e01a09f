import forge from 'node-forge';
import { X509Certificate } from 'node:crypto';
import { Tag, Operation, ObjectType, CryptographicAlgorithm, CertificateType, DigitalSignatureAlgorithm } from '../../../src/kmip';
import { T, child, children } from '../../../src/ttlv/item';
import { certificateAttributes, certificateNames } from '../../../src/operations/certificate-attributes';
import { makeEnv, run, uidOf, payloadStruct, type Env } from './helpers';

function selfSigned(): Buffer {
  const keys = forge.pki.rsa.generateKeyPair({ bits: 1024, e: 0x10001 });
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = '3132333435363738';
  cert.validity.notBefore = new Date('2020-01-01T00:00:00Z');
  cert.validity.notAfter = new Date('2030-01-01T00:00:00Z');
  const subject = [
    { shortName: 'C', value: 'AU' },
    { shortName: 'O', value: 'Kmip Test' },
    { shortName: 'CN', value: 'EE' },
  ];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.sign(keys.privateKey, forge.md.sha256.create());
  return Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes(), 'binary');
}

let der: Buffer;
let env: Env;
beforeAll(() => {
  der = selfSigned();
});
beforeEach(() => {
  env = makeEnv();
});
afterEach(() => env.close());

test('DER names are cut out of the certificate exactly', () => {
  const names = certificateNames(der)!;
  const x = new X509Certificate(der);
  // DER INTEGER: tag 02, short length, then the serial (a leading 00 when its top bit is set).
  expect(names.serial[0]).toBe(0x02);
  expect(names.serial[1]).toBe(names.serial.length - 2);
  expect(BigInt('0x' + names.serial.subarray(2).toString('hex'))).toBe(BigInt('0x' + x.serialNumber));
  expect(der.includes(names.issuer)).toBe(true);
  expect(names.subject[0]).toBe(0x30);
  expect(certificateNames(der.subarray(0, 40))).toBeUndefined();
  expect(certificateNames(Buffer.from([0x30, 0x84, 0xff, 0xff, 0xff, 0xff]))).toBeUndefined();
});

test('Register of an X.509 certificate sets algorithm, length and identifiers; 1.4 and 2.1 see their own set', async () => {
  expect(certificateAttributes(Buffer.from('not a cert'))).toEqual([]);
  const r = await run(Operation.Register, env.ctx(1, 4), [
    T.enum(Tag.ObjectType, ObjectType.Certificate),
    T.struct(Tag.TemplateAttribute, []),
    T.struct(Tag.Certificate, [T.enum(Tag.CertificateType, CertificateType.X_509), T.bytes(Tag.CertificateValue, der)]),
  ]);
  const uid = uidOf(r);
  const ga14 = await run(Operation.GetAttributes, env.ctx(1, 4), [T.text(Tag.UniqueIdentifier, uid)]);
  const byName = new Map(children(payloadStruct(ga14), Tag.Attribute).map((a) => [child(a, Tag.AttributeName)!.value, child(a, Tag.AttributeValue)!]));
  expect(byName.get('Cryptographic Algorithm')?.value).toBe(CryptographicAlgorithm.RSA);
  expect(byName.get('Cryptographic Length')?.value).toBe(1024);
  expect(byName.get('Certificate Length')?.value).toBe(der.length);
  expect(child(byName.get('Certificate Subject'), Tag.CertificateSubjectDistinguishedName)?.value).toBe('CN=EE,O=Kmip Test,C=AU');
  expect(child(byName.get('Certificate Identifier'), Tag.SerialNumber)?.value).toBe('3132333435363738');
  expect(child(byName.get('X.509 Certificate Identifier'), Tag.CertificateSerialNumber)?.value).toEqual(Buffer.from('02083132333435363738', 'hex'));
  // Signed with SHA-256 and RSA; per-item names (1.4 tags, TC-CERTATTR-1-14).
  expect(byName.get('Digital Signature Algorithm')?.value).toBe(DigitalSignatureAlgorithm.SHA_256WithRSAEncryption);
  expect(byName.get('Certificate Subject CN')?.value).toBe('EE');
  expect(byName.get('Certificate Subject O')?.value).toBe('Kmip Test');
  expect(byName.get('Certificate Issuer C')?.value).toBe('AU');
  const ga21 = await run(Operation.GetAttributes, env.ctx(2, 1), [T.text(Tag.UniqueIdentifier, uid)]);
  const s = ga21.payload[1];
  expect(child(s, Tag.X_509CertificateSubject)).toBeDefined();
  expect(child(s, Tag.CertificateSubject)).toBeUndefined(); // the 1.x text form is not defined in 2.x
  expect(child(s, Tag.CertificateSubjectCN)?.value).toBe('EE');
  // 2.x Attribute Reference by the item's own tag (BL-M-10-21).
  const byRef = await run(Operation.GetAttributes, env.ctx(2, 1), [T.text(Tag.UniqueIdentifier, uid), T.enum(Tag.AttributeReference, Tag.CertificateIssuerO)]);
  expect(child(byRef.payload[1], Tag.CertificateIssuerO)?.value).toBe('Kmip Test');
  // KMIP 1.2 does not define them.
  const ga12 = await run(Operation.GetAttributes, env.ctx(1, 2), [T.text(Tag.UniqueIdentifier, uid)]);
  expect(children(payloadStruct(ga12), Tag.Attribute).map((a) => child(a, Tag.AttributeName)!.value)).not.toContain('Certificate Subject CN');
});

test('several values of one name item (two OUs) are kept as instances', () => {
  const keys = forge.pki.rsa.generateKeyPair({ bits: 512, e: 0x10001 });
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = '01';
  const name = [
    { shortName: 'OU', value: 'one' },
    { shortName: 'OU', value: 'two' },
    { shortName: 'CN', value: 'x' },
  ];
  cert.setSubject(name);
  cert.setIssuer(name);
  cert.sign(keys.privateKey, forge.md.sha256.create());
  const d = Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes(), 'binary');
  const ou = certificateAttributes(d).filter((a) => a.name === 'Certificate Subject OU');
  expect(ou.map((a) => [a.index, a.value.value])).toEqual([
    [0, 'one'],
    [1, 'two'],
  ]);
});

/** A self-signed Ed25519 certificate (RFC 8410): forge builds the TBSCertificate, node:crypto signs it. */
function ed25519Certificate(): { der: Buffer; spki: Buffer } {
  const { publicKey, privateKey } = require('node:crypto').generateKeyPairSync('ed25519') as import('node:crypto').KeyPairKeyObjectResult;
  const spki = publicKey.export({ format: 'der', type: 'spki' }) as Buffer;
  const rsa = forge.pki.rsa.generateKeyPair({ bits: 512, e: 0x10001 });
  const cert = forge.pki.createCertificate();
  cert.publicKey = rsa.publicKey;
  cert.serialNumber = '01';
  cert.validity.notBefore = new Date('2020-01-01T00:00:00Z');
  cert.validity.notAfter = new Date('2030-01-01T00:00:00Z');
  cert.setSubject([{ shortName: 'CN', value: 'ed25519' }]);
  cert.setIssuer([{ shortName: 'CN', value: 'ed25519' }]);
  // getTBSCertificate encodes the signature algorithm it is told; it is replaced by Ed25519's below.
  cert.siginfo.algorithmOid = forge.pki.oids.sha256WithRSAEncryption;
  const A = forge.asn1;
  const edAlg = A.create(A.Class.UNIVERSAL, A.Type.SEQUENCE, true, [A.create(A.Class.UNIVERSAL, A.Type.OID, false, A.oidToDer('1.3.101.112').getBytes())]);
  const tbs = (forge.pki as unknown as { getTBSCertificate(c: forge.pki.Certificate): forge.asn1.Asn1 }).getTBSCertificate(cert);
  const fields = tbs.value as forge.asn1.Asn1[];
  // version [0], serial, signature algorithm, issuer, validity, subject, subjectPublicKeyInfo
  fields[2] = edAlg;
  fields[6] = A.fromDer(forge.util.createBuffer(spki.toString('binary')));
  const tbsDer = Buffer.from(A.toDer(tbs).getBytes(), 'binary');
  const sig = require('node:crypto').sign(null, tbsDer, privateKey) as Buffer;
  const full = A.create(A.Class.UNIVERSAL, A.Type.SEQUENCE, true, [
    tbs,
    A.create(A.Class.UNIVERSAL, A.Type.SEQUENCE, true, [A.create(A.Class.UNIVERSAL, A.Type.OID, false, A.oidToDer('1.3.101.112').getBytes())]),
    A.create(A.Class.UNIVERSAL, A.Type.BITSTRING, false, '\u0000' + sig.toString('binary')),
  ]);
  return { der: Buffer.from(A.toDer(full).getBytes(), 'binary'), spki };
}

test('an Ed25519 certificate: Cryptographic Algorithm Ed25519, length 256', () => {
  const { der: edDer, spki } = ed25519Certificate();
  const x = new X509Certificate(edDer);
  expect(x.publicKey.export({ format: 'der', type: 'spki' })).toEqual(spki);
  expect(x.verify(x.publicKey)).toBe(true);
  const attrs = certificateAttributes(edDer);
  expect(attrs.find((a) => a.name === 'Cryptographic Algorithm')?.value.value).toBe(CryptographicAlgorithm.Ed25519);
  expect(attrs.find((a) => a.name === 'Cryptographic Length')?.value.value).toBe(256);
});
