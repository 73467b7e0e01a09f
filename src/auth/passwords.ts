/**
 * Password hashes of accounts: scrypt (RFC 7914) with a random 16-byte salt, encoded as
 * `scrypt$N$r$p$SALT$HASH` (base64), so that the cost can be raised later without invalidating old hashes.
 * Hashing and checking run on the libuv thread pool (crypto.scrypt), never on the event loop.
 */
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/** Cost of new hashes: 2^15 x 8 x 128 bytes = 32 MiB and ~50-100 ms per check on the development machine. */
export const SCRYPT_COST = { N: 1 << 15, r: 8, p: 1 };
const KEY_LENGTH = 32;
/** Largest parameters a stored hash may ask for (so a tampered row cannot make a check take minutes). */
const MAX_N = 1 << 20;
/** Longest password accepted: a limit on work, far above any real password. */
export const MAX_PASSWORD_BYTES = 1024;

function derive(password: string, salt: Buffer, c: { N: number; r: number; p: number }): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password, salt, KEY_LENGTH, { ...c, maxmem: 256 * c.N * c.r + (1 << 20) }, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

export async function hashPassword(password: string, cost = SCRYPT_COST): Promise<string> {
  if (password.length === 0) throw new Error('the password is empty');
  if (Buffer.byteLength(password) > MAX_PASSWORD_BYTES) throw new Error(`the password is longer than ${MAX_PASSWORD_BYTES} bytes`);
  const salt = randomBytes(16);
  const key = await derive(password, salt, cost);
  return `scrypt$${cost.N}$${cost.r}$${cost.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

/** Does `password` match `encoded`? False for a malformed hash too (logged by the caller as a bad account). */
export async function verifyPassword(password: string, encoded: string): Promise<boolean> {
  const parts = encoded.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [N, r, p] = parts.slice(1, 4).map(Number);
  if (!Number.isInteger(N) || N < 2 || N > MAX_N || (N & (N - 1)) !== 0 || !(r >= 1 && r <= 32) || !(p >= 1 && p <= 16)) return false;
  if (Buffer.byteLength(password) > MAX_PASSWORD_BYTES) return false;
  const salt = Buffer.from(parts[4], 'base64');
  const want = Buffer.from(parts[5], 'base64');
  if (want.length !== KEY_LENGTH) return false;
  const got = await derive(password, salt, { N, r, p });
  return timingSafeEqual(got, want);
}
