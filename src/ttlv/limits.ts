/**
 * Hard limits of the TTLV decoder. They are checked before anything is allocated from an untrusted
 * length (architecture example 1). Every limit is a named, configurable default.
 */
export interface TtlvLimits {
  /** Largest accepted message, header included, in bytes. */
  maxMessageSize: number;
  /**
   * Most Structures nested inside each other: the top-level structure is depth 1, a structure inside
   * it depth 2, ... Primitives do not add depth. 64 means a chain of 64 structures is accepted, 65 not.
   */
  maxDepth: number;
  /** Most items (structures and primitives, the top-level item included) in one message. */
  maxItems: number;
}

export const DEFAULT_TTLV_LIMITS: Readonly<TtlvLimits> = Object.freeze({
  maxMessageSize: 1024 * 1024,
  // Cosmian's decoder caps depth at 64 after a security review; real KMIP messages nest < 15 deep.
  maxDepth: 64,
  // A 1 MiB message holds at most 131072 minimal (8-byte) items.
  maxItems: 100_000,
});

/**
 * Resolutions by override object: the server passes the same object with every message, so the merge and
 * the checks run once per object (a hit is re-validated against the object's current fields: 3 compares).
 */
const resolved = new WeakMap<Partial<TtlvLimits>, Readonly<TtlvLimits>>();

/** Merge caller overrides over the defaults. Bad configuration is a programming error: RangeError. */
export function resolveTtlvLimits(limits?: Partial<TtlvLimits>): Readonly<TtlvLimits> {
  if (!limits) return DEFAULT_TTLV_LIMITS;
  const hit = resolved.get(limits);
  if (
    hit &&
    hit.maxMessageSize === (limits.maxMessageSize ?? DEFAULT_TTLV_LIMITS.maxMessageSize) &&
    hit.maxDepth === (limits.maxDepth ?? DEFAULT_TTLV_LIMITS.maxDepth) &&
    hit.maxItems === (limits.maxItems ?? DEFAULT_TTLV_LIMITS.maxItems)
  ) {
    return hit;
  }
  const r: TtlvLimits = {
    maxMessageSize: limits.maxMessageSize ?? DEFAULT_TTLV_LIMITS.maxMessageSize,
    maxDepth: limits.maxDepth ?? DEFAULT_TTLV_LIMITS.maxDepth,
    maxItems: limits.maxItems ?? DEFAULT_TTLV_LIMITS.maxItems,
  };
  for (const [k, v] of Object.entries(r)) {
    if (!Number.isSafeInteger(v) || v < 1) throw new RangeError(`TTLV limit ${k} must be a positive integer, got ${v}`);
  }
  // Lengths travel in 32 bits; a larger limit would be meaningless.
  if (r.maxMessageSize > 0xffffffff + 8) throw new RangeError('TTLV limit maxMessageSize is above 4 GiB');
  const frozen = Object.freeze(r);
  resolved.set(limits, frozen);
  return frozen;
}
