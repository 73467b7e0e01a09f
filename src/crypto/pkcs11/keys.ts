/**
 * PKCS#11 templates for the key hierarchy, and conversions between PKCS#11 key objects and the DER
 * forms of the port (PKCS#8 private keys, SubjectPublicKeyInfo public keys). node:crypto only parses
 * and encodes here; it never does a private-key operation.
 */
import * as nodeCrypto from 'node:crypto';
import * as pkcs11js from 'pkcs11js';
import type { KeySpec } from '../port';
import { curveByOid, curveInfo, CURVES } from '../common';
import { curveOfKey } from '../material';
import { invalidField, notSupported } from '../errors';
import { CKK_EC_EDWARDS } from './eddsa';

const P = pkcs11js;
type Template = pkcs11js.Template;

/** length: material bytes, when known (16-byte 3DES material is a two-key CKK_DES2 object). */
export function keyTypeOf(spec: KeySpec, length?: number): number {
  switch (spec.algorithm) {
    case 'AES':
      return P.CKK_AES;
    case 'DES3':
      return length === 16 ? P.CKK_DES2 : P.CKK_DES3;
    case 'RSA':
      return P.CKK_RSA;
    case 'EC':
      return P.CKK_EC;
    case 'ED25519':
      return CKK_EC_EDWARDS;
    default:
      return P.CKK_GENERIC_SECRET;
  }
}

export function classOf(spec: KeySpec): number {
  return spec.keyClass === 'secret' ? P.CKO_SECRET_KEY : spec.keyClass === 'private' ? P.CKO_PRIVATE_KEY : P.CKO_PUBLIC_KEY;
}

/** The KEK: a token object that can only wrap and unwrap, and can never leave the HSM. */
export function kekTemplate(label: string): Template {
  return [
    { type: P.CKA_CLASS, value: P.CKO_SECRET_KEY },
    { type: P.CKA_KEY_TYPE, value: P.CKK_AES },
    { type: P.CKA_VALUE_LEN, value: 32 },
    { type: P.CKA_LABEL, value: label },
    { type: P.CKA_ID, value: Buffer.from(label) },
    { type: P.CKA_TOKEN, value: true },
    { type: P.CKA_PRIVATE, value: true },
    { type: P.CKA_SENSITIVE, value: true },
    { type: P.CKA_EXTRACTABLE, value: false },
    { type: P.CKA_WRAP, value: true },
    { type: P.CKA_UNWRAP, value: true },
    { type: P.CKA_ENCRYPT, value: false },
    { type: P.CKA_DECRYPT, value: false },
    { type: P.CKA_SIGN, value: false },
    { type: P.CKA_VERIFY, value: false },
    { type: P.CKA_DERIVE, value: false },
  ];
}

/**
 * Session-object template for a managed key. purpose:
 *  'wrap'   extractable (so it can be wrapped under the KEK), sensitive, usable for nothing else;
 *  'use'    unwrapped for a cryptographic operation: sensitive, not extractable;
 *  'export' unwrapped for Get: extractable and NOT sensitive, so CKA_VALUE / components can be read;
 *  'unwrap' a client's wrapping key for Register of wrapped material (C_UnwrapKey, unwrap-import.ts):
 *           sensitive, not extractable, CKA_UNWRAP only.
 */
export function sessionKeyTemplate(spec: KeySpec, purpose: 'wrap' | 'use' | 'export' | 'unwrap', length?: number): Template {
  const use = purpose === 'use';
  const t: Template = [
    { type: P.CKA_CLASS, value: classOf(spec) },
    { type: P.CKA_KEY_TYPE, value: keyTypeOf(spec, length) },
    { type: P.CKA_TOKEN, value: false },
    // Session objects are visible to this application only and vanish with its sessions. Not marking them
    // private spares SoftHSM2 decrypting CKA_VALUE with its token key on every use and every read (about
    // 90 us per Get); the wrapped form in the database and the KEK on the token stay what protects the key.
    { type: P.CKA_PRIVATE, value: false },
    { type: P.CKA_SENSITIVE, value: purpose !== 'export' },
    { type: P.CKA_EXTRACTABLE, value: purpose !== 'use' && purpose !== 'unwrap' },
  ];
  if (purpose === 'unwrap') t.push({ type: P.CKA_UNWRAP, value: true });
  if (spec.keyClass === 'secret') {
    t.push(
      { type: P.CKA_ENCRYPT, value: use },
      { type: P.CKA_DECRYPT, value: use },
      { type: P.CKA_SIGN, value: use },
      { type: P.CKA_VERIFY, value: use },
    );
  } else {
    t.push(
      { type: P.CKA_DECRYPT, value: use && spec.algorithm === 'RSA' },
      { type: P.CKA_SIGN, value: use },
      // ECDH (Derive Key, Derivation Method Asymmetric Key) with the unwrapped EC private key.
      { type: P.CKA_DERIVE, value: use && spec.algorithm === 'EC' },
    );
  }
  return t;
}

const b64u = (s: string | undefined): Buffer => Buffer.from(s ?? '', 'base64url');

/** PKCS#8 DER -> attributes of a private key object (for C_CreateObject). */
export function privateKeyAttributes(pkcs8: Buffer): { spec: KeySpec; attrs: Template } {
  const key = nodeCrypto.createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' });
  const jwk = key.export({ format: 'jwk' });
  if (key.asymmetricKeyType === 'rsa') {
    return {
      spec: { keyClass: 'private', algorithm: 'RSA' },
      attrs: [
        { type: P.CKA_MODULUS, value: b64u(jwk.n) },
        { type: P.CKA_PUBLIC_EXPONENT, value: b64u(jwk.e) },
        { type: P.CKA_PRIVATE_EXPONENT, value: b64u(jwk.d) },
        { type: P.CKA_PRIME_1, value: b64u(jwk.p) },
        { type: P.CKA_PRIME_2, value: b64u(jwk.q) },
        { type: P.CKA_EXPONENT_1, value: b64u(jwk.dp) },
        { type: P.CKA_EXPONENT_2, value: b64u(jwk.dq) },
        { type: P.CKA_COEFFICIENT, value: b64u(jwk.qi) },
      ],
    };
  }
  if (key.asymmetricKeyType === 'ec') {
    const curve = curveOfKey(key);
    return {
      spec: { keyClass: 'private', algorithm: 'EC' },
      attrs: [
        { type: P.CKA_EC_PARAMS, value: Buffer.from(curveInfo(curve).oidDer) }, // a copy: the caller zeroes these values
        { type: P.CKA_VALUE, value: b64u(jwk.d) },
      ],
    };
  }
  throw notSupported(`private keys of type ${key.asymmetricKeyType} are not supported`);
}

function attr(mod: pkcs11js.PKCS11, session: pkcs11js.Handle, h: pkcs11js.Handle, types: number[]): Buffer[] {
  return mod.C_GetAttributeValue(session, h, types.map((type) => ({ type }))).map((a) => a.value as Buffer);
}

/** Reads a non-sensitive private key object and returns PKCS#8 DER. Intermediate buffers are zeroed. */
export function readPrivateKeyPkcs8(mod: pkcs11js.PKCS11, session: pkcs11js.Handle, h: pkcs11js.Handle, spec: KeySpec): Buffer {
  if (spec.algorithm === 'RSA') {
    const v = attr(mod, session, h, [
      P.CKA_MODULUS, P.CKA_PUBLIC_EXPONENT, P.CKA_PRIVATE_EXPONENT, P.CKA_PRIME_1, P.CKA_PRIME_2,
      P.CKA_EXPONENT_1, P.CKA_EXPONENT_2, P.CKA_COEFFICIENT,
    ]);
    const [n, e, d, p, q, dp, dq, qi] = v.map((b) => b.toString('base64url'));
    try {
      return nodeCrypto.createPrivateKey({ key: { kty: 'RSA', n, e, d, p, q, dp, dq, qi }, format: 'jwk' }).export({ format: 'der', type: 'pkcs8' });
    } finally {
      for (const b of v) b.fill(0);
    }
  }
  const [params, d] = attr(mod, session, h, [P.CKA_EC_PARAMS, P.CKA_VALUE]);
  try {
    const curve = curveByOid(params);
    if (!curve) throw notSupported(`EC key on an unsupported curve (${params.toString('hex')})`);
    const info = CURVES[curve];
    const dPadded = Buffer.alloc(info.bytes);
    d.copy(dPadded, info.bytes - d.length);
    const ecdh = nodeCrypto.createECDH(info.node);
    ecdh.setPrivateKey(dPadded);
    const pub = ecdh.getPublicKey();
    const jwk = {
      kty: 'EC', crv: curve, d: dPadded.toString('base64url'),
      x: pub.subarray(1, 1 + info.bytes).toString('base64url'), y: pub.subarray(1 + info.bytes).toString('base64url'),
    };
    dPadded.fill(0);
    return nodeCrypto.createPrivateKey({ key: jwk, format: 'jwk' }).export({ format: 'der', type: 'pkcs8' });
  } finally {
    d.fill(0);
  }
}

/** Public key object -> SubjectPublicKeyInfo DER. */
export function readPublicKeySpki(mod: pkcs11js.PKCS11, session: pkcs11js.Handle, h: pkcs11js.Handle, algorithm: 'RSA' | 'EC'): Buffer {
  if (algorithm === 'RSA') {
    const [n, e] = attr(mod, session, h, [P.CKA_MODULUS, P.CKA_PUBLIC_EXPONENT]);
    return rsaSpki(n, e);
  }
  const [params, pointDer] = attr(mod, session, h, [P.CKA_EC_PARAMS, P.CKA_EC_POINT]);
  const curve = curveByOid(params);
  if (!curve) throw notSupported('EC key on an unsupported curve');
  const size = CURVES[curve].bytes;
  // CKA_EC_POINT is a DER OCTET STRING holding 04||x||y.
  const point = pointDer.subarray(pointDer.length - (1 + 2 * size));
  if (point[0] !== 4) throw invalidField('HSM returned a compressed or malformed EC point');
  const jwk = { kty: 'EC', crv: curve, x: point.subarray(1, 1 + size).toString('base64url'), y: point.subarray(1 + size).toString('base64url') };
  return nodeCrypto.createPublicKey({ key: jwk, format: 'jwk' }).export({ format: 'der', type: 'spki' });
}

/** Public half of an RSA private key object (modulus and exponent are never sensitive). */
export function rsaPublicFromPrivate(mod: pkcs11js.PKCS11, session: pkcs11js.Handle, h: pkcs11js.Handle): Buffer {
  const [n, e] = attr(mod, session, h, [P.CKA_MODULUS, P.CKA_PUBLIC_EXPONENT]);
  return rsaSpki(n, e);
}

function rsaSpki(n: Buffer, e: Buffer): Buffer {
  const jwk = { kty: 'RSA', n: n.toString('base64url'), e: e.toString('base64url') };
  return nodeCrypto.createPublicKey({ key: jwk, format: 'jwk' }).export({ format: 'der', type: 'spki' });
}
