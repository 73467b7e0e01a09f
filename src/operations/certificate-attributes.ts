/**
 * Attributes a server sets from a registered X.509 certificate (KMIP 1.4 §3.9-3.15, 2.1 §4.x): Cryptographic
 * Algorithm and Length of its public key; the Digital Signature Algorithm it is signed with (1.1+); X.509 Certificate Identifier / Subject / Issuer (DER names, 1.1+);
 * the 1.x Certificate Identifier / Subject / Issuer (text names, until 1.4); and the per-item Certificate
 * Attributes (Certificate Subject CN, Certificate Issuer C, ...: 1.4 tags, 2.x §4.6). Emission per version is
 * left to the attribute encoder. A certificate we cannot parse simply gets none of these.
 */
import { X509Certificate } from 'node:crypto';
import { CryptographicAlgorithm, DigitalSignatureAlgorithm, Tag } from '../kmip';
import { T, type TtlvItem } from '../ttlv/item';
import type { Attribute } from '../attributes/model';

interface Tlv {
  /** Offset of the tag byte. */
  start: number;
  /** Offset of the contents. */
  body: number;
  /** Offset just after the element. */
  end: number;
  tag: number;
}

/** One DER element at `at` within [0, limit); undefined when malformed (never reads out of bounds). */
function readTlv(der: Buffer, at: number, limit: number): Tlv | undefined {
  if (at + 2 > limit) return undefined;
  const tag = der[at];
  let len = der[at + 1];
  let body = at + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 4 || body + n > limit) return undefined;
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + der[body + i];
    body += n;
  }
  const end = body + len;
  return end > limit ? undefined : { start: at, body, end, tag };
}

/** The DER of the issuer and subject Names and of the serial number (INTEGER) of a certificate. */
export function certificateNames(der: Buffer): { issuer: Buffer; subject: Buffer; serial: Buffer } | undefined {
  const cert = readTlv(der, 0, der.length);
  if (!cert || cert.tag !== 0x30) return undefined;
  const tbs = readTlv(der, cert.body, cert.end);
  if (!tbs || tbs.tag !== 0x30) return undefined;
  const fields: Tlv[] = [];
  for (let at = tbs.body; at < tbs.end && fields.length < 7; ) {
    const f = readTlv(der, at, tbs.end);
    if (!f) return undefined;
    fields.push(f);
    at = f.end;
  }
  const i = fields[0]?.tag === 0xa0 ? 1 : 0; // optional [0] version
  const [serial, , issuer, , subject] = fields.slice(i, i + 5);
  if (!serial || !issuer || !subject || serial.tag !== 0x02 || issuer.tag !== 0x30 || subject.tag !== 0x30) return undefined;
  return {
    // The DER INTEGER whole (tag, length, value), like the DER Names beside it: what the OASIS vectors carry
    // (TC-ECC-3, TC-CERTATTR-1, TC-134: "0209 00ec0b74...").
    serial: Buffer.from(der.subarray(serial.start, serial.end)),
    issuer: Buffer.from(der.subarray(issuer.start, issuer.end)),
    subject: Buffer.from(der.subarray(subject.start, subject.end)),
  };
}

/** DER OID contents (hex) of certificate signature algorithms -> Digital Signature Algorithm (RFC 3279/4055/5758). */
const SIGNATURE_OIDS: Readonly<Record<string, number>> = {
  '2a864886f70d010102': DigitalSignatureAlgorithm.MD2WithRSAEncryption,
  '2a864886f70d010104': DigitalSignatureAlgorithm.MD5WithRSAEncryption,
  '2a864886f70d010105': DigitalSignatureAlgorithm.SHA_1WithRSAEncryption,
  '2a864886f70d01010e': DigitalSignatureAlgorithm.SHA_224WithRSAEncryption,
  '2a864886f70d01010b': DigitalSignatureAlgorithm.SHA_256WithRSAEncryption,
  '2a864886f70d01010c': DigitalSignatureAlgorithm.SHA_384WithRSAEncryption,
  '2a864886f70d01010d': DigitalSignatureAlgorithm.SHA_512WithRSAEncryption,
  '2a864886f70d01010a': DigitalSignatureAlgorithm.RSASSA_PSS,
  '2a8648ce380403': DigitalSignatureAlgorithm.DSAWithSHA_1,
  '608648016503040301': DigitalSignatureAlgorithm.DSAWithSHA224,
  '608648016503040302': DigitalSignatureAlgorithm.DSAWithSHA256,
  '2a8648ce3d0401': DigitalSignatureAlgorithm.ECDSAWithSHA_1,
  '2a8648ce3d040301': DigitalSignatureAlgorithm.ECDSAWithSHA224,
  '2a8648ce3d040302': DigitalSignatureAlgorithm.ECDSAWithSHA256,
  '2a8648ce3d040303': DigitalSignatureAlgorithm.ECDSAWithSHA384,
  '2a8648ce3d040304': DigitalSignatureAlgorithm.ECDSAWithSHA512,
};

/** The Digital Signature Algorithm the certificate is signed with (Certificate.signatureAlgorithm), if known. */
export function certificateSignatureAlgorithm(der: Buffer): number | undefined {
  const cert = readTlv(der, 0, der.length);
  if (!cert || cert.tag !== 0x30) return undefined;
  const tbs = readTlv(der, cert.body, cert.end);
  const alg = tbs && readTlv(der, tbs.end, cert.end);
  if (!alg || alg.tag !== 0x30) return undefined;
  const oid = readTlv(der, alg.body, alg.end);
  if (!oid || oid.tag !== 0x06) return undefined;
  return SIGNATURE_OIDS[der.subarray(oid.body, oid.end).toString('hex')];
}

/** "C=AU\nO=Kmip Test\nCN=EE" (node) -> "CN=EE,O=Kmip Test,C=AU" (RFC 4514 order, as the KMIP vectors show). */
function rfc4514(nodeName: string): string {
  return nodeName.split('\n').filter(Boolean).reverse().join(',');
}

const v = (item: TtlvItem): TtlvItem => ({ ...item, tag: Tag.AttributeValue }) as TtlvItem;
const one = (name: string, value: TtlvItem): Attribute => ({ name, index: 0, value: v(value) });

export function certificateAttributes(der: Buffer): Attribute[] {
  let x509: X509Certificate;
  try {
    x509 = new X509Certificate(der);
  } catch {
    return [];
  }
  const out: Attribute[] = [];
  const key = x509.publicKey;
  const kind = key.asymmetricKeyType;
  const details = key.asymmetricKeyDetails ?? {};
  if (kind === 'rsa' || kind === 'rsa-pss') {
    out.push(one('Cryptographic Algorithm', T.enum(0, CryptographicAlgorithm.RSA)));
    if (details.modulusLength) out.push(one('Cryptographic Length', T.int(0, details.modulusLength)));
  } else if (kind === 'ec') {
    out.push(one('Cryptographic Algorithm', T.enum(0, CryptographicAlgorithm.EC)));
    // Field size of the named curve (SEC 2): the key's Cryptographic Length.
    const bits = EC_CURVE_BITS[details.namedCurve ?? ''];
    if (bits) out.push(one('Cryptographic Length', T.int(0, bits)));
  } else if (kind === 'ed25519') {
    out.push(one('Cryptographic Algorithm', T.enum(0, CryptographicAlgorithm.Ed25519)), one('Cryptographic Length', T.int(0, 256)));
  } else if (kind === 'dsa') {
    out.push(one('Cryptographic Algorithm', T.enum(0, CryptographicAlgorithm.DSA)));
    if (details.modulusLength) out.push(one('Cryptographic Length', T.int(0, details.modulusLength)));
  }
  const signature = certificateSignatureAlgorithm(der);
  if (signature !== undefined) out.push(one('Digital Signature Algorithm', T.enum(0, signature)));
  const names = certificateNames(der);
  if (names) {
    out.push(
      one('X.509 Certificate Identifier', T.struct(0, [T.bytes(Tag.IssuerDistinguishedName, names.issuer), T.bytes(Tag.CertificateSerialNumber, names.serial)])),
      one('X.509 Certificate Subject', T.struct(0, [T.bytes(Tag.SubjectDistinguishedName, names.subject)])),
      one('X.509 Certificate Issuer', T.struct(0, [T.bytes(Tag.IssuerDistinguishedName, names.issuer)])),
    );
  }
  const issuer = rfc4514(x509.issuer);
  const subject = rfc4514(x509.subject);
  out.push(
    one('Certificate Identifier', T.struct(0, [T.text(Tag.Issuer, issuer), T.text(Tag.SerialNumber, x509.serialNumber)])),
    one('Certificate Subject', T.struct(0, [T.text(Tag.CertificateSubjectDistinguishedName, subject)])),
    one('Certificate Issuer', T.struct(0, [T.text(Tag.CertificateIssuerDistinguishedName, issuer)])),
  );
  out.push(...nameItems('Certificate Subject', x509.subject), ...nameItems('Certificate Issuer', x509.issuer));
  return out;
}

const EC_CURVE_BITS: Readonly<Record<string, number>> = {
  prime192v1: 192,
  secp192k1: 192,
  secp224r1: 224,
  secp224k1: 224,
  prime256v1: 256,
  secp256k1: 256,
  secp384r1: 384,
  secp521r1: 521,
};

/** RFC 4514 / OpenSSL short names -> the item names of KMIP 2.1 Table 39 "Certificate Attributes". */
const RDN_ITEMS: Readonly<Record<string, string>> = {
  CN: 'CN',
  O: 'O',
  OU: 'OU',
  emailAddress: 'Email',
  C: 'C',
  ST: 'ST',
  L: 'L',
  UID: 'UID',
  serialNumber: 'Serial Number',
  title: 'Title',
  DC: 'DC',
  dnQualifier: 'DN Qualifier',
};

/**
 * The per-item Certificate Attributes (1.4 tags / 2.x §4.6: "Certificate Subject CN", "Certificate Issuer C",
 * ...) of one name, one instance per value, from node's "KEY=value" lines. Items KMIP does not list are skipped.
 */
function nameItems(prefix: 'Certificate Subject' | 'Certificate Issuer', nodeName: string): Attribute[] {
  const out: Attribute[] = [];
  for (const line of nodeName.split('\n')) {
    // A multi-valued RDN is printed "A=x+B=y".
    for (const part of line.split('+')) {
      const eq = part.indexOf('=');
      const item = eq > 0 ? RDN_ITEMS[part.slice(0, eq)] : undefined;
      if (!item) continue;
      const name = `${prefix} ${item}`;
      const index = out.filter((a) => a.name === name).length;
      out.push({ name, index, value: T.text(Tag.AttributeValue, part.slice(eq + 1)) });
    }
  }
  return out;
}
