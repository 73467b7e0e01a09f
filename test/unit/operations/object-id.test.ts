import { newObjectId } from '../../../src/operations/object-id';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** The time part of a ULID, decoded independently of the encoder. */
function timeOf(id: string): number {
  let t = 0;
  for (const c of id.slice(0, 10)) t = t * 32 + ALPHABET.indexOf(c);
  return t;
}

describe('newObjectId (ULID)', () => {
  it('is 26 Crockford base32 characters that carry the creation time', () => {
    const t = Date.UTC(2026, 10, 25, 12, 0, 0, 123);
    const id = newObjectId(t);
    expect(id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(timeOf(id)).toBe(t);
  });

  it('encodes the time like the ULID specification (its published example time prefix)', () => {
    // ulid/spec: 1469918176385 ms encodes as 01ARYZ6S41.
    expect(newObjectId(1469918176385).slice(0, 10)).toBe('01ARYZ6S41');
    expect(newObjectId(0).slice(0, 10)).toBe('0000000000');
    expect(newObjectId(2 ** 48 - 1).slice(0, 10)).toBe('7ZZZZZZZZZ');
  });

  it('sorts identifiers of later milliseconds after earlier ones (byte order, as SQLite compares TEXT)', () => {
    const base = Date.now();
    const ids = [0, 1, 2, 31, 32, 1023, 1024, 86_400_000].map((d) => newObjectId(base + d));
    const sorted = [...ids].sort((a, b) => (Buffer.compare(Buffer.from(a), Buffer.from(b))));
    expect(sorted).toEqual(ids);
  });

  it('draws 80 random bits per identifier: no repeats, and every character of the random part is used', () => {
    const t = Date.now();
    const seen = new Set<string>();
    const chars = new Set<string>();
    for (let i = 0; i < 20_000; i++) {
      const id = newObjectId(t);
      seen.add(id);
      for (const c of id.slice(10)) chars.add(c);
    }
    expect(seen.size).toBe(20_000);
    expect(chars.size).toBe(32);
  });

  it('refuses times outside the 48-bit range', () => {
    expect(() => newObjectId(-1)).toThrow(RangeError);
    expect(() => newObjectId(2 ** 48)).toThrow(RangeError);
    expect(() => newObjectId(Number.NaN)).toThrow(RangeError);
  });
});
