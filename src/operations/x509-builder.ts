/**
 * Just enough DER for Certify: read a PKCS#10 request (subject Name, SubjectPublicKeyInfo, the signed
 * part and its signature, checked with node:crypto) and write an X.509 v3 TBSCertificate / Certificate
 * whose Names and key are copied as DER (so any key type node:crypto knows can be certified). The
 * signature itself is made by the caller (the crypto provider holds the issuing key). Malformed input is
 * an Invalid CSR error, never an out-of-bounds read.
 */
import { createPublicKey, createVerify, randomBytes } from 'node:crypto';
import { ResultReason } from '../kmip';
import { KmipError } from '../message/errors';
import type { ProtocolVersion } from './types';

interface Tlv {
  tag: number;
  /** Whole element. */
  raw: Buffer;
  /** Contents. */
  body: Buffer;
}

export function badCsr(version: ProtocolVersion, why: string): KmipError {
  // Invalid CSR exists from KMIP 2.0; before that the request is an Invalid Field.
  return new KmipError(version.major >= 2 ? ResultReason.InvalidCSR : ResultReason.InvalidField, `certificate request: ${why}`);
}

function readTlv(buf: Buffer, at: number, fail: (w: string) => KmipError): Tlv & { next: number } {
  if (at + 2 > buf.length) throw fail('truncated DER');
  const tag = buf[at];
  let len = buf[at + 1];
  let body = at + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 4 || body + n > buf.length) throw fail('bad DER length');
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + buf[body + i];
    body += n;
  }
  if (body + len > buf.length) throw fail('DER element longer than its container');
  return { tag, raw: buf.subarray(at, body + len), body: buf.subarray(body, body + len), next: body + len };
}

function elements(buf: Buffer, fail: (w: string) => KmipError): Tlv[] {
  const out: Tlv[] = [];
  for (let at = 0; at < buf.length; ) {
    const t = readTlv(buf, at, fail);
    out.push(t);
    at = t.next;
    if (out.length > 64) throw fail('too many DER elements');
  }
  return out;
}

// ---- writing -----------------------------------------------------------------------------------------

function len(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

export const der = (tag: number, ...parts: Buffer[]): Buffer => {
  const body = Buffer.concat(parts);
  return Buffer.concat([Buffer.from([tag]), len(body.length), body]);
};
const seq = (...p: Buffer[]) => der(0x30, ...p);
const oid = (dotted: string): Buffer => {
  const [a, b, ...rest] = dotted.split('.').map(Number);
  const bytes: number[] = [a * 40 + b];
  for (const v of rest) {
    const chunk: number[] = [v & 0x7f];
    for (let x = Math.floor(v / 128); x > 0; x = Math.floor(x / 128)) chunk.unshift((x & 0x7f) | 0x80);
    bytes.push(...chunk);
  }
  return der(0x06, Buffer.from(bytes));
};
const utf8 = (s: string) => der(0x0c, Buffer.from(s, 'utf8'));
const printable = (s: string) => der(0x13, Buffer.from(s, 'ascii'));

function time(d: Date): Buffer {
  const y = d.getUTCFullYear();
  const p = (n: number) => String(n).padStart(2, '0');
  const body = `${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}Z`;
  // RFC 5280 §4.1.2.5: UTCTime through 2049, GeneralizedTime after.
  return y < 2050 ? der(0x17, Buffer.from(`${p(y % 100)}${body}`)) : der(0x18, Buffer.from(`${y}${body}`));
}

/** sha256WithRSAEncryption AlgorithmIdentifier: the issuing key is RSA (see certify-ca.ts). */
export const SHA256_WITH_RSA = seq(oid('1.2.840.113549.1.1.11'), der(0x05));

/** A Name with CN, O and OU (DER), for the server's own issuing certificate. */
export function simpleName(cn: string, o: string, ou: string, c = 'US'): Buffer {
  const rdn = (type: string, value: Buffer) => der(0x31, seq(oid(type), value));
  return seq(rdn('2.5.4.6', printable(c)), rdn('2.5.4.10', utf8(o)), rdn('2.5.4.11', utf8(ou)), rdn('2.5.4.3', utf8(cn)));
}

export interface TbsSpec {
  issuer: Buffer;
  subject: Buffer;
  spki: Buffer;
  notBefore: Date;
  notAfter: Date;
  isCa: boolean;
}

/** A TBSCertificate (v3) with a random positive 64-bit serial, Basic Constraints and Key Usage. */
export function tbsCertificate(spec: TbsSpec): Buffer {
  const serial = randomBytes(8);
  serial[0] &= 0x7f;
  serial[0] |= 0x01; // positive and without a leading zero byte
  const basic = seq(oid('2.5.29.19'), der(0x01, Buffer.from([0xff])), der(0x04, seq(...(spec.isCa ? [der(0x01, Buffer.from([0xff]))] : []))));
  // keyUsage: CA keyCertSign|cRLSign (bits 5,6), leaf digitalSignature|keyEncipherment (bits 0,2).
  const ku = spec.isCa ? der(0x03, Buffer.from([0x01, 0x06])) : der(0x03, Buffer.from([0x05, 0xa0]));
  const keyUsage = seq(oid('2.5.29.15'), der(0x01, Buffer.from([0xff])), der(0x04, ku));
  return seq(
    der(0xa0, der(0x02, Buffer.from([2]))),
    der(0x02, serial),
    SHA256_WITH_RSA,
    spec.issuer,
    seq(time(spec.notBefore), time(spec.notAfter)),
    spec.subject,
    spec.spki,
    der(0xa3, seq(basic, keyUsage)),
  );
}

export function certificate(tbs: Buffer, signature: Buffer): Buffer {
  return seq(tbs, SHA256_WITH_RSA, der(0x03, Buffer.from([0]), signature));
}

/** The subject Name of a certificate (DER), for issuing under it. */
export function subjectOf(cert: Buffer, fail: (w: string) => KmipError): Buffer {
  const top = elements(cert, fail);
  const tbs = elements(readTlv(top[0].raw, 0, fail).body, fail);
  const i = tbs[0].tag === 0xa0 ? 1 : 0;
  return tbs[i + 4].raw;
}

// ---- PKCS#10 -------------------------------------------------------------------------------------------

const SIG_HASH: Record<string, string> = {
  '2a864886f70d010105': 'sha1', // sha1WithRSAEncryption
  '2a864886f70d01010b': 'sha256',
  '2a864886f70d01010c': 'sha384',
  '2a864886f70d01010d': 'sha512',
  '2a8648ce3d040302': 'sha256', // ecdsa-with-SHA256
  '2a8648ce3d040303': 'sha384',
  '2a8648ce3d040304': 'sha512',
};

export interface CsrContent {
  subject: Buffer;
  spki: Buffer;
}

/** PEM (one CERTIFICATE REQUEST block) to DER. */
export function pemToDer(pem: Buffer, fail: (w: string) => KmipError): Buffer {
  const m = /-----BEGIN (?:NEW )?CERTIFICATE REQUEST-----([\s\S]*?)-----END (?:NEW )?CERTIFICATE REQUEST-----/.exec(pem.toString('latin1'));
  if (!m) throw fail('no PEM CERTIFICATE REQUEST block');
  return Buffer.from(m[1].replace(/\s+/g, ''), 'base64');
}

/** Parse a PKCS#10 request and check its self-signature (proof that the requester holds the key). */
export function parseCsr(csr: Buffer, fail: (w: string) => KmipError): CsrContent {
  const outer = readTlv(csr, 0, fail);
  if (outer.tag !== 0x30 || outer.next !== csr.length) throw fail('not a DER SEQUENCE');
  const [info, alg, sig] = elements(outer.body, fail);
  if (!info || !alg || !sig || info.tag !== 0x30 || alg.tag !== 0x30 || sig.tag !== 0x03) throw fail('not a PKCS#10 CertificationRequest');
  const fields = elements(info.body, fail);
  if (fields.length < 3 || fields[0].tag !== 0x02 || fields[1].tag !== 0x30 || fields[2].tag !== 0x30) throw fail('bad CertificationRequestInfo');
  const algOid = elements(alg.body, fail)[0];
  const hash = algOid?.tag === 0x06 ? SIG_HASH[algOid.body.toString('hex')] : undefined;
  if (!hash) throw fail('unsupported signature algorithm');
  const spki = fields[2].raw;
  let ok = false;
  try {
    const key = createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' });
    ok = createVerify(hash).update(info.raw).verify(key, sig.body.subarray(1));
  } catch {
    ok = false;
  }
  if (!ok) throw fail('its signature does not verify');
  return { subject: Buffer.from(fields[1].raw), spki: Buffer.from(spki) };
}
