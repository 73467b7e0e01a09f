/**
 * ECDSA over a digest the caller already computed (KMIP Digested Data), FIPS 186-4 §6.4. node:crypto
 * has no such call: crypto.sign/verify(null, data, ecKey) hash the data again with SHA-256. Used for
 * verification by both providers (public keys are handled in software) and for signing by the software
 * provider only; the PKCS#11 provider signs digests with CKM_ECDSA in the HSM.
 *
 * BigInt arithmetic is not constant-time: the software provider is the fallback for machines without an
 * HSM, and signing a digest there leaks timing like the rest of a software key store would.
 */
import * as nodeCrypto from 'node:crypto';
import type { Curve } from './port';
import { CURVES, ecdsaDerToRaw, ecdsaRawToDer } from './common';
import { invalidField } from './errors';

interface Domain {
  p: bigint;
  a: bigint;
  n: bigint;
  gx: bigint;
  gy: bigint;
}

const h = (s: string): bigint => BigInt('0x' + s);

const DOMAINS: Record<Curve, Domain> = {
  'P-256': {
    p: h('ffffffff00000001000000000000000000000000ffffffffffffffffffffffff'),
    a: h('ffffffff00000001000000000000000000000000fffffffffffffffffffffffc'),
    n: h('ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551'),
    gx: h('6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296'),
    gy: h('4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5'),
  },
  'P-384': {
    p: h('fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffeffffffff0000000000000000ffffffff'),
    a: h('fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffeffffffff0000000000000000fffffffc'),
    n: h('ffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973'),
    gx: h('aa87ca22be8b05378eb1c71ef320ad746e1d3b628ba79b9859f741e082542a385502f25dbf55296c3a545e3872760ab7'),
    gy: h('3617de4a96262c6f5d9e98bf9292dc29f8f41dbd289a147ce9da3113b5f0b8c00a60b1ce1d7e819d7a431d7c90ea0e5f'),
  },
  'P-521': {
    p: (1n << 521n) - 1n,
    a: (1n << 521n) - 4n,
    n: h('01fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffa51868783bf2f966b7fcc0148f709a5d03bb5c9b8899c47aebb6fb71e91386409'),
    gx: h('00c6858e06b70404e9cd9e3ecb662395b4429c648139053fb521f828af606b4d3dbaa14b5e77efe75928fe1dc127a2ffa8de3348b3c1856a429bf97e7e31c2e5bd66'),
    gy: h('011839296a789a3bc0045c8a5fb42c7d1bd998f54449579b446817afbd17273e662c97ee72995ef42640c550b9013fad0761353c7086a272c24088be94769fd16650'),
  },
  secp256k1: {
    p: h('fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2f'),
    a: 0n,
    n: h('fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141'),
    gx: h('79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798'),
    gy: h('483ada7726a3c4655da4fbfc0e1108a8fd17b448a68554199c47d08ffb10d4b8'),
  },
};

type Point = { x: bigint; y: bigint } | null;

const mod = (a: bigint, m: bigint): bigint => ((a % m) + m) % m;

function inv(a: bigint, m: bigint): bigint {
  let [r0, r1, s0, s1] = [mod(a, m), m, 1n, 0n];
  while (r1 !== 0n) {
    const q = r0 / r1;
    [r0, r1] = [r1, r0 - q * r1];
    [s0, s1] = [s1, s0 - q * s1];
  }
  return mod(s0, m);
}

function add(d: Domain, P: Point, Q: Point): Point {
  if (!P) return Q;
  if (!Q) return P;
  let l: bigint;
  if (P.x === Q.x) {
    if (mod(P.y + Q.y, d.p) === 0n) return null;
    l = mod((3n * P.x * P.x + d.a) * inv(2n * P.y, d.p), d.p);
  } else {
    l = mod((Q.y - P.y) * inv(Q.x - P.x, d.p), d.p);
  }
  const x = mod(l * l - P.x - Q.x, d.p);
  return { x, y: mod(l * (P.x - x) - P.y, d.p) };
}

function mul(d: Domain, k: bigint, P: Point): Point {
  let R: Point = null;
  let A = P;
  for (let e = k; e > 0n; e >>= 1n) {
    if (e & 1n) R = add(d, R, A);
    A = add(d, A, A);
  }
  return R;
}

/** The leftmost bits of the digest as an integer (FIPS 186-4 §6.4: the digest is cut to the order's bit length). */
function digestInt(d: Domain, digest: Buffer): bigint {
  if (digest.length === 0) throw invalidField('digested data is empty');
  const nBits = d.n.toString(2).length;
  let z = BigInt('0x' + digest.toString('hex'));
  const zBits = digest.length * 8;
  if (zBits > nBits) z >>= BigInt(zBits - nBits);
  return z;
}

function jwkInt(s: string | undefined): bigint {
  return BigInt('0x' + (Buffer.from(s ?? '', 'base64url').toString('hex') || '0'));
}

/** DER ECDSA signature over the digest with a node private key on curve c. */
export function ecdsaSignDigest(key: nodeCrypto.KeyObject, c: Curve, digest: Buffer): Buffer {
  const d = DOMAINS[c];
  const priv = jwkInt(key.export({ format: 'jwk' }).d);
  const z = digestInt(d, digest);
  const size = CURVES[c].bytes;
  for (;;) {
    const k = mod(BigInt('0x' + nodeCrypto.randomBytes(size + 8).toString('hex')), d.n - 1n) + 1n;
    const R = mul(d, k, { x: d.gx, y: d.gy });
    if (!R) continue;
    const r = mod(R.x, d.n);
    if (r === 0n) continue;
    const s = mod(inv(k, d.n) * (z + r * priv), d.n);
    if (s === 0n) continue;
    const raw = Buffer.from(r.toString(16).padStart(size * 2, '0') + s.toString(16).padStart(size * 2, '0'), 'hex');
    return ecdsaRawToDer(raw);
  }
}

/** Verifies a DER ECDSA signature over the digest with a node public key on curve c. */
export function ecdsaVerifyDigest(key: nodeCrypto.KeyObject, c: Curve, digest: Buffer, signature: Buffer): boolean {
  const d = DOMAINS[c];
  const size = CURVES[c].bytes;
  const raw = ecdsaDerToRaw(signature, size);
  if (!raw) return false;
  const r = BigInt('0x' + raw.subarray(0, size).toString('hex'));
  const s = BigInt('0x' + raw.subarray(size).toString('hex'));
  if (r <= 0n || r >= d.n || s <= 0n || s >= d.n) return false;
  const jwk = key.export({ format: 'jwk' });
  const Q = { x: jwkInt(jwk.x), y: jwkInt(jwk.y) };
  const z = digestInt(d, digest);
  const w = inv(s, d.n);
  const X = add(d, mul(d, mod(z * w, d.n), { x: d.gx, y: d.gy }), mul(d, mod(r * w, d.n), Q));
  return X !== null && mod(X.x, d.n) === r;
}
