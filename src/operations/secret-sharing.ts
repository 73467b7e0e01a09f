/**
 * Secret sharing for Create/Join Split Key (KMIP 2.1 §13.1, [w1979] Shamir). Pure functions on byte strings.
 *
 *  - XOR: n parts; the secret is the XOR of all of them (threshold = parts).
 *  - Polynomial Sharing GF(2^8): every byte of the secret is the constant term of its own random polynomial
 *    of degree threshold-1 over GF(2^8) = GF(2)[x]/(x^8+x^4+x^3+x^2+1) (0x11D, "285" in §13.1); part i
 *    (Key Part Identifier i, 1..255) holds the polynomials evaluated at x = i. Joining is Lagrange
 *    interpolation at x = 0. The OASIS vectors TC-SJ-2/3 (a 2-of-4 split of 0102..10) were made this way.
 *
 * Callers own the buffers: shares and secrets returned here are fresh and should be zeroed when done.
 */

/** x^8 + x^4 + x^3 + x^2 + 1 (KMIP 2.1 §13.1). */
const POLY = 0x11d;

const EXP = new Uint8Array(512);
const LOG = new Uint8Array(256);
(() => {
  // 2 generates the multiplicative group for this polynomial.
  let x = 1;
  for (let i = 0; i < 255; i++) {
    EXP[i] = x;
    LOG[x] = i;
    x <<= 1;
    if (x & 0x100) x ^= POLY;
  }
  for (let i = 255; i < 512; i++) EXP[i] = EXP[i - 255];
})();

export function gfMul(a: number, b: number): number {
  if (a === 0 || b === 0) return 0;
  return EXP[LOG[a] + LOG[b]];
}

export function gfDiv(a: number, b: number): number {
  if (b === 0) throw new RangeError('division by zero in GF(2^8)');
  if (a === 0) return 0;
  return EXP[LOG[a] + 255 - LOG[b]];
}

export interface Share {
  /** Key Part Identifier (x coordinate), 1..255. */
  id: number;
  value: Buffer;
}

/** Split into `parts` shares any `threshold` of which give the secret back. `random(n)` gives n random bytes. */
export function splitGf256(secret: Buffer, parts: number, threshold: number, random: (n: number) => Buffer): Share[] {
  if (!Number.isInteger(parts) || parts < 1 || parts > 255) throw new RangeError('parts must be 1..255');
  if (!Number.isInteger(threshold) || threshold < 1 || threshold > parts) throw new RangeError('threshold must be 1..parts');
  const shares: Share[] = [];
  for (let i = 1; i <= parts; i++) shares.push({ id: i, value: Buffer.alloc(secret.length) });
  // coefficients[j * len + b]: coefficient of x^(j+1) for byte b.
  const coefficients = random((threshold - 1) * secret.length);
  try {
    for (let b = 0; b < secret.length; b++) {
      for (const s of shares) {
        // f(x) = secret + c1 x + ... + c(t-1) x^(t-1), by Horner's rule from the highest coefficient down.
        let y = 0;
        for (let j = threshold - 2; j >= 0; j--) y = gfMul(y, s.id) ^ coefficients[j * secret.length + b];
        s.value[b] = gfMul(y, s.id) ^ secret[b];
      }
    }
  } finally {
    coefficients.fill(0);
  }
  return shares;
}

/** Lagrange interpolation at 0 over the given shares (distinct ids; at least the threshold of them). */
export function combineGf256(shares: Share[]): Buffer {
  if (shares.length === 0) throw new RangeError('no shares');
  const len = shares[0].value.length;
  const ids = new Set<number>();
  for (const s of shares) {
    if (s.value.length !== len) throw new RangeError('shares differ in length');
    if (!Number.isInteger(s.id) || s.id < 1 || s.id > 255) throw new RangeError('a share id must be 1..255');
    if (ids.has(s.id)) throw new RangeError('two shares have the same id');
    ids.add(s.id);
  }
  // Lagrange basis at x = 0: l_i = prod_{j != i} x_j / (x_j - x_i); subtraction is XOR.
  const basis = shares.map((si) => {
    let l = 1;
    for (const sj of shares) if (sj !== si) l = gfMul(l, gfDiv(sj.id, sj.id ^ si.id));
    return l;
  });
  const out = Buffer.alloc(len);
  for (let b = 0; b < len; b++) {
    let acc = 0;
    for (let i = 0; i < shares.length; i++) acc ^= gfMul(shares[i].value[b], basis[i]);
    out[b] = acc;
  }
  return out;
}

/** XOR split: parts-1 random shares and one that XORs with them to the secret. */
export function splitXor(secret: Buffer, parts: number, random: (n: number) => Buffer): Share[] {
  if (!Number.isInteger(parts) || parts < 1 || parts > 255) throw new RangeError('parts must be 1..255');
  const shares: Share[] = [];
  const last = Buffer.from(secret);
  for (let i = 1; i < parts; i++) {
    const r = random(secret.length);
    for (let b = 0; b < last.length; b++) last[b] ^= r[b];
    shares.push({ id: i, value: r });
  }
  shares.push({ id: parts, value: last });
  return shares;
}

export function combineXor(shares: Share[]): Buffer {
  if (shares.length === 0) throw new RangeError('no shares');
  const out = Buffer.alloc(shares[0].value.length);
  for (const s of shares) {
    if (s.value.length !== out.length) throw new RangeError('shares differ in length');
    for (let b = 0; b < out.length; b++) out[b] ^= s.value[b];
  }
  return out;
}
