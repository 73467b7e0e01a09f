/** Hard limits: size, depth and item count are enforced before anything is allocated from them. */
import {
  DEFAULT_TTLV_LIMITS,
  decodeTtlv,
  encodeTtlv,
  FrameDecoder,
  parsePrettyHex,
  resolveTtlvLimits,
  T,
  TtlvError,
  type TtlvItem,
} from '../../../src/ttlv';

function code(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof TtlvError) return e.code;
    throw e;
  }
  return 'no error';
}

/** `n` structures nested in each other, the innermost holding one Integer. */
function nested(n: number): TtlvItem {
  let item: TtlvItem = T.struct(0x420001, [T.int(0x420002, 7)]);
  for (let i = 1; i < n; i++) item = T.struct(0x420001, [item]);
  return item;
}

/** Raw bytes for `n` nested structures, built by hand so the encoder's own limit is not involved. */
function nestedBytes(n: number): Buffer {
  const b = Buffer.alloc(n * 8);
  for (let i = 0; i < n; i++) {
    b.writeUIntBE(0x420001, i * 8, 3);
    b[i * 8 + 3] = 1;
    b.writeUInt32BE((n - i - 1) * 8, i * 8 + 4);
  }
  return b;
}

describe('defaults', () => {
  test('are the documented values and frozen', () => {
    expect(DEFAULT_TTLV_LIMITS).toEqual({ maxMessageSize: 1024 * 1024, maxDepth: 64, maxItems: 100_000 });
    expect(Object.isFrozen(DEFAULT_TTLV_LIMITS)).toBe(true);
  });
  test('overrides merge; nonsense limits are a RangeError (configuration bug, not input)', () => {
    expect(resolveTtlvLimits({ maxDepth: 3 })).toEqual({ ...DEFAULT_TTLV_LIMITS, maxDepth: 3 });
    expect(() => resolveTtlvLimits({ maxItems: 0 })).toThrow(RangeError);
    expect(() => resolveTtlvLimits({ maxMessageSize: 1.5 })).toThrow(RangeError);
  });
});

describe('message size', () => {
  test('decodeTtlv rejects a buffer over maxMessageSize before reading it', () => {
    const b = encodeTtlv(T.struct(0x420078, [T.bytes(0x420043, Buffer.alloc(100))]));
    expect(code(() => decodeTtlv(b, { maxMessageSize: b.length - 1 }))).toBe('TOO_LARGE');
    expect(decodeTtlv(b, { maxMessageSize: b.length }).tag).toBe(0x420078);
    const big = Buffer.alloc(DEFAULT_TTLV_LIMITS.maxMessageSize + 8);
    expect(code(() => decodeTtlv(big))).toBe('TOO_LARGE');
  });

  test('FrameDecoder rejects an oversized declared length from the header alone, allocating nothing', () => {
    const spy = jest.spyOn(Buffer, 'allocUnsafe');
    try {
      const d = new FrameDecoder();
      const e = (() => {
        try {
          d.push(parsePrettyHex('420078 01 fffffff8'));
        } catch (err) {
          return err as TtlvError;
        }
        return undefined;
      })();
      expect(e).toBeInstanceOf(TtlvError);
      expect(e!.code).toBe('TOO_LARGE');
      expect(e!.tag).toBe(0x420078);
      expect(spy).not.toHaveBeenCalled();
      // byte by byte too: rejected on the last header byte, nothing buffered beyond the 8-byte header
      const d2 = new FrameDecoder({ maxMessageSize: 64 });
      const hdr = parsePrettyHex('420078 01 00000040'); // 8 + 64 > 64
      for (let i = 0; i < 7; i++) expect(d2.push(hdr.subarray(i, i + 1))).toEqual([]);
      expect(code(() => d2.push(hdr.subarray(7)))).toBe('TOO_LARGE');
      expect(spy).not.toHaveBeenCalled();
    } finally {
      spy.mockRestore();
    }
  });

  test('FrameDecoder holds only what arrived: a 1 MiB announcement followed by 8 bytes costs no 1 MiB buffer', () => {
    const spy = jest.spyOn(Buffer, 'allocUnsafe');
    try {
      const d = new FrameDecoder();
      const total = DEFAULT_TTLV_LIMITS.maxMessageSize;
      const head = Buffer.alloc(16);
      head.writeUIntBE(0x420078, 0, 3);
      head[3] = 1;
      head.writeUInt32BE(total - 8, 4);
      expect(d.push(head)).toEqual([]);
      expect(d.buffered).toBe(16);
      for (const c of spy.mock.calls) expect(c[0]).toBeLessThan(1024);
    } finally {
      spy.mockRestore();
    }
  });

  test('FrameDecoder accepts a message of exactly maxMessageSize', () => {
    const m = encodeTtlv(T.struct(0x420078, [T.bytes(0x420043, Buffer.alloc(48))]));
    expect(new FrameDecoder({ maxMessageSize: m.length }).push(m)).toEqual([m]);
    expect(code(() => new FrameDecoder({ maxMessageSize: m.length - 8 }).push(m))).toBe('TOO_LARGE');
  });

  test('a nested value declaring 4 GiB in a small buffer fails without allocating it', () => {
    const spy = jest.spyOn(Buffer, 'allocUnsafe');
    try {
      const b = parsePrettyHex('420078 01 00000010 420043 08 fffffff0 00000000 00000000');
      expect(code(() => decodeTtlv(b))).toBe('BAD_LENGTH');
      expect(spy).not.toHaveBeenCalled();
    } finally {
      spy.mockRestore();
    }
  });
});

describe('depth', () => {
  test('64 nested structures decode, 65 are TOO_DEEP (default limit)', () => {
    expect(decodeTtlv(nestedBytes(64)).type).toBe(1);
    expect(code(() => decodeTtlv(nestedBytes(65)))).toBe('TOO_DEEP');
    expect(decodeTtlv(encodeTtlv(nested(64)))).toEqual(nested(64));
  });
  test('the error points at the 65th structure', () => {
    let err: TtlvError | undefined;
    try {
      decodeTtlv(nestedBytes(65));
    } catch (e) {
      err = e as TtlvError;
    }
    expect(err?.offset).toBe(64 * 8);
  });
  test('a configured depth is honoured by decoder and encoder', () => {
    expect(code(() => decodeTtlv(nestedBytes(4), { maxDepth: 3 }))).toBe('TOO_DEEP');
    expect(decodeTtlv(nestedBytes(3), { maxDepth: 3 }).type).toBe(1);
    expect(code(() => encodeTtlv(nested(65)))).toBe('TOO_DEEP');
    expect(code(() => encodeTtlv(nested(4), { maxDepth: 3 }))).toBe('TOO_DEEP');
  });
  test('10,000 nested structures are rejected, not a stack overflow', () => {
    expect(code(() => decodeTtlv(nestedBytes(10_000)))).toBe('TOO_DEEP');
  });
});

describe('item count', () => {
  test('maxItems counts every item, the top-level one included', () => {
    const msg = T.struct(0x420078, Array.from({ length: 9 }, (_, i) => T.int(0x42006a, i))); // 10 items
    const b = encodeTtlv(msg);
    expect(decodeTtlv(b, { maxItems: 10 })).toEqual(msg);
    expect(code(() => decodeTtlv(b, { maxItems: 9 }))).toBe('TOO_MANY_ITEMS');
  });
  test('the default limit stops 100,001 empty structures inside one 1 MiB message', () => {
    const n = DEFAULT_TTLV_LIMITS.maxItems; // children; with the top-level item that is maxItems + 1
    const b = Buffer.alloc(8 + n * 8);
    b.writeUIntBE(0x420078, 0, 3);
    b[3] = 1;
    b.writeUInt32BE(n * 8, 4);
    for (let i = 1; i <= n; i++) {
      b.writeUIntBE(0x420001, i * 8, 3);
      b[i * 8 + 3] = 1;
    }
    expect(b.length).toBeLessThanOrEqual(DEFAULT_TTLV_LIMITS.maxMessageSize);
    expect(code(() => decodeTtlv(b))).toBe('TOO_MANY_ITEMS');
    const ok = decodeTtlv(b, { maxItems: n + 1 });
    expect(ok.type === 1 && ok.value.length).toBe(n);
  });
});
