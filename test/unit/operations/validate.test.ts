import { X509Certificate } from 'node:crypto';
import { Tag, Operation, CertificateType, CryptographicAlgorithm, KeyFormatType, ObjectType, ResultReason, ValidityIndicator } from '../../../src/kmip';
import { T, child, type TtlvItem } from '../../../src/ttlv/item';
import { caCertificate } from '../../../src/operations/certify-ca';
import { createCa, issueCert } from '../../../src/certs/dev-ca';
import { makeEnv, run, reasonOf, uidOf, payloadStruct, type Env } from './helpers';

let env: Env;
beforeEach(() => {
  env = makeEnv();
});
afterEach(() => env.close());

const certItem = (der: Buffer) => T.struct(Tag.Certificate, [T.enum(Tag.CertificateType, CertificateType.X_509), T.bytes(Tag.CertificateValue, der)]);
const validity = async (fields: TtlvItem[]) => child(payloadStruct(await run(Operation.Validate, env.ctx(2, 1), fields)), Tag.ValidityIndicator)?.value;

async function certifiedCertificate(): Promise<{ uid: string; der: Buffer }> {
  const { generateKeyPairSync } = await import('node:crypto');
  const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const spki = publicKey.export({ format: 'der', type: 'spki' }) as Buffer;
  const pub = uidOf(
    await run(Operation.Register, env.ctx(2, 1), [
      T.enum(Tag.ObjectType, ObjectType.PublicKey),
      T.struct(Tag.Attributes, []),
      T.struct(Tag.PublicKey, [
        T.struct(Tag.KeyBlock, [
          T.enum(Tag.KeyFormatType, KeyFormatType.X_509),
          T.struct(Tag.KeyValue, [T.bytes(Tag.KeyMaterial, spki)]),
          T.enum(Tag.CryptographicAlgorithm, CryptographicAlgorithm.EC),
          T.int(Tag.CryptographicLength, 256),
        ]),
      ]),
    ]),
  );
  const uid = uidOf(await run(Operation.Certify, env.ctx(2, 1), [T.text(Tag.UniqueIdentifier, pub)]));
  const g = await run(Operation.Get, env.ctx(2, 1), [T.text(Tag.UniqueIdentifier, uid)]);
  return { uid, der: child(g.payload[2], Tag.CertificateValue)!.value as Buffer };
}

test('a certificate issued by Certify is Valid (by identifier, by value, with the CA in the chain); the EC key certifies too', async () => {
  const { uid, der } = await certifiedCertificate();
  expect(new X509Certificate(der).publicKey.asymmetricKeyType).toBe('ec');
  expect(await validity([T.text(Tag.UniqueIdentifier, uid)])).toBe(ValidityIndicator.Valid);
  expect(await validity([certItem(der)])).toBe(ValidityIndicator.Valid);
  expect(await validity([certItem(await caCertificate(env.ctx(2, 1))), certItem(der)])).toBe(ValidityIndicator.Valid);
});

test('outside the validity window, a bad signature or a broken chain is Invalid', async () => {
  const { der } = await certifiedCertificate();
  const later = BigInt(Math.floor(Date.parse(new X509Certificate(der).validTo) / 1000)) + 86_400n;
  expect(await validity([certItem(der), T.date(Tag.ValidityDate, later)])).toBe(ValidityIndicator.Invalid);
  const tampered = Buffer.from(der);
  tampered[tampered.length - 3] ^= 1;
  expect(await validity([certItem(tampered)])).toBe(ValidityIndicator.Invalid);
  const stranger = new X509Certificate(issueCert(null, { subject: { CN: 'stranger' }, keyBits: 1024 }).certPem).raw;
  expect(await validity([certItem(der), certItem(stranger)])).toBe(ValidityIndicator.Invalid);
});

test('an intact chain to a root the server does not know is Unknown', async () => {
  const ca = createCa('Foreign CA');
  const leaf = issueCert(ca, { subject: { CN: 'leaf' }, keyBits: 1024 });
  const chain = [new X509Certificate(leaf.certPem).raw, new X509Certificate(ca.certPem).raw];
  // These were issued now (real time); the test clock is elsewhere, so ask about now.
  const now = T.date(Tag.ValidityDate, BigInt(Math.floor(Date.now() / 1000)));
  expect(await validity([...chain.map(certItem), now])).toBe(ValidityIndicator.Unknown);
  expect(await validity([certItem(chain[0]), now])).toBe(ValidityIndicator.Unknown);
  // The same chain checked at the test clock's date (before it was issued) is Invalid.
  expect(await validity(chain.map(certItem))).toBe(ValidityIndicator.Invalid);
});

test('refusals: nothing to validate, not a certificate, garbage, PGP', async () => {
  const ctx = env.ctx(2, 1);
  expect(await reasonOf(run(Operation.Validate, ctx, []))).toBe(ResultReason.InvalidField);
  const sym = uidOf(
    await run(Operation.Create, ctx, [T.enum(Tag.ObjectType, ObjectType.SymmetricKey), T.struct(Tag.Attributes, [T.enum(Tag.CryptographicAlgorithm, CryptographicAlgorithm.AES), T.int(Tag.CryptographicLength, 128)])]),
  );
  expect(await reasonOf(run(Operation.Validate, ctx, [T.text(Tag.UniqueIdentifier, sym)]))).toBe(ResultReason.InvalidObjectType);
  expect(await reasonOf(run(Operation.Validate, ctx, [certItem(Buffer.from('nope'))]))).toBe(ResultReason.InvalidField);
  expect(
    await reasonOf(run(Operation.Validate, ctx, [T.struct(Tag.Certificate, [T.enum(Tag.CertificateType, CertificateType.PGP), T.bytes(Tag.CertificateValue, Buffer.alloc(4))])])),
  ).toBe(ResultReason.FeatureNotSupported);
});
