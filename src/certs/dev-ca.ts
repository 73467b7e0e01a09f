/**
 * A development certificate authority built with node-forge: enough to run a mutual-TLS KMIP server
 * out of the box (`tumbler init`) and to build the odd certificates the transport tests need
 * (no CN, only serverAuth, self-signed...). RSA 2048 + SHA-256; forge uses Node's native key
 * generation when it is available, so this is fast.
 *
 * Not a production PKI: no revocation, no CRL distribution points. Operators bring their own CA.
 */
import * as crypto from 'node:crypto';
import * as os from 'node:os';
import forge from 'node-forge';

/** A certificate and its private key, both PEM. */
export interface CertAndKey {
  certPem: string;
  keyPem: string;
}

/** A certificate authority able to sign; same shape as any certificate + key. */
export type CaBundle = CertAndKey;

export interface SubjectSpec {
  CN?: string;
  O?: string;
  OU?: string[];
  C?: string;
}

export interface SanSpec {
  dns?: string[];
  ip?: string[];
  email?: string[];
  uri?: string[];
}

export type ExtendedKeyUsage = 'serverAuth' | 'clientAuth';

export interface CertSpec {
  subject: SubjectSpec;
  san?: SanSpec;
  /** Extended key usages; omitted or empty = no EKU extension at all. */
  eku?: ExtendedKeyUsage[];
  /** A CA certificate (basicConstraints cA=true, keyCertSign). */
  isCa?: boolean;
  /** Validity in days from now (default 825 for leaves, 3650 for CAs). */
  days?: number;
  /** Override the validity window explicitly (tests of expired certificates). */
  notBefore?: Date;
  notAfter?: Date;
  keyBits?: number;
}

const DEFAULT_KEY_BITS = 2048;

/** Issue a certificate signed by `issuer`, or self-signed when `issuer` is null. */
export function issueCert(issuer: CaBundle | null, spec: CertSpec): CertAndKey {
  const keys = forge.pki.rsa.generateKeyPair({ bits: spec.keyBits ?? DEFAULT_KEY_BITS, e: 0x10001 });
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = randomSerial();
  const now = new Date();
  cert.validity.notBefore = spec.notBefore ?? new Date(now.getTime() - 5 * 60 * 1000); // tolerate clock skew
  cert.validity.notAfter =
    spec.notAfter ?? new Date(now.getTime() + (spec.days ?? (spec.isCa ? 3650 : 825)) * 24 * 3600 * 1000);
  const subject = subjectAttributes(spec.subject);
  cert.setSubject(subject);

  let signingKey: forge.pki.rsa.PrivateKey = keys.privateKey;
  if (issuer) {
    const issuerCert = forge.pki.certificateFromPem(issuer.certPem);
    cert.setIssuer(issuerCert.subject.attributes);
    signingKey = forge.pki.privateKeyFromPem(issuer.keyPem) as forge.pki.rsa.PrivateKey;
  } else {
    cert.setIssuer(subject);
  }

  const extensions: object[] = [];
  if (spec.isCa) {
    extensions.push({ name: 'basicConstraints', cA: true, critical: true });
    extensions.push({ name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true });
  } else {
    extensions.push({ name: 'basicConstraints', cA: false });
    extensions.push({ name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true });
  }
  if (spec.eku && spec.eku.length > 0) {
    const eku: Record<string, unknown> = { name: 'extKeyUsage' };
    for (const u of spec.eku) eku[u] = true;
    extensions.push(eku);
  }
  const altNames = sanEntries(spec.san);
  if (altNames.length > 0) extensions.push({ name: 'subjectAltName', altNames });
  extensions.push({ name: 'subjectKeyIdentifier' });
  cert.setExtensions(extensions);

  cert.sign(signingKey, forge.md.sha256.create());
  return { certPem: forge.pki.certificateToPem(cert), keyPem: forge.pki.privateKeyToPem(keys.privateKey) };
}

/** A self-signed development CA. */
export function createCa(cn: string): CaBundle {
  return issueCert(null, { subject: { CN: cn, O: 'Tumbler development CA' }, isCa: true });
}

/**
 * A server certificate valid for localhost, 127.0.0.1, ::1 and this machine's host name, plus the
 * extra names given. EKU serverAuth.
 */
export function issueServerCert(ca: CaBundle, hostnames: string[] = [], ips: string[] = []): CertAndKey {
  return issueCert(ca, serverCertSpec(hostnames, ips));
}

/** Subject, names and EKU of a server certificate (shared by the RSA and ECDSA ones). */
export function serverCertSpec(hostnames: string[] = [], ips: string[] = []): CertSpec {
  const dns = unique(['localhost', os.hostname(), ...hostnames].filter((h) => h.length > 0));
  const ipList = unique(['127.0.0.1', '::1', ...ips]);
  return { subject: { CN: hostnames[0] ?? 'localhost', O: 'Tumbler' }, san: { dns, ip: ipList }, eku: ['serverAuth'] };
}

/** A client certificate with CN=name and EKU clientAuth; the server takes `name` as the identity. */
export function issueClientCert(ca: CaBundle, name: string): CertAndKey {
  if (name.length === 0) throw new Error('client certificate name must not be empty');
  return issueCert(ca, { subject: { CN: name, O: 'Tumbler' }, eku: ['clientAuth'] });
}

/** SHA-256 fingerprint of a PEM certificate's DER, lower-case hex without separators. */
export function certFingerprint(certPem: string): string {
  const der = new crypto.X509Certificate(certPem).raw;
  return crypto.createHash('sha256').update(der).digest('hex');
}

export function subjectAttributes(s: SubjectSpec): forge.pki.CertificateField[] {
  const attrs: forge.pki.CertificateField[] = [];
  if (s.C) attrs.push({ shortName: 'C', value: s.C });
  if (s.O) attrs.push({ shortName: 'O', value: s.O });
  for (const ou of s.OU ?? []) attrs.push({ shortName: 'OU', value: ou });
  if (s.CN) attrs.push({ shortName: 'CN', value: s.CN });
  return attrs;
}

export function sanEntries(san: SanSpec | undefined): object[] {
  if (!san) return [];
  const out: object[] = [];
  for (const d of san.dns ?? []) out.push({ type: 2, value: d });
  for (const e of san.email ?? []) out.push({ type: 1, value: e });
  for (const u of san.uri ?? []) out.push({ type: 6, value: u });
  for (const ip of san.ip ?? []) out.push({ type: 7, ip });
  return out;
}

export function randomSerial(): string {
  const b = crypto.randomBytes(16);
  b[0] &= 0x7f; // positive INTEGER
  if (b[0] === 0) b[0] = 1; // no leading zero byte to strip
  return b.toString('hex');
}

function unique(a: string[]): string[] {
  return [...new Set(a)];
}
