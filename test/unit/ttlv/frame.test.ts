/** FrameDecoder: arbitrary splits, many messages per chunk, early rejection, bounded memory. */
import { FrameDecoder, TtlvError, encodeTtlv, parsePrettyHex, T } from '../../../src/ttlv';
import { SPEC_FIXTURES } from './fixtures/spec-examples';

const message = (n: number): Buffer =>
  encodeTtlv(T.struct(0x420078, [T.int(0x42006a, n), T.text(0x420094, `uid-${n}`), T.bytes(0x420043, Buffer.alloc(n, n))]));

function catchTtlv(fn: () => unknown): TtlvError {
  try {
    fn();
  } catch (e) {
    if (e instanceof TtlvError) return e;
    throw e;
  }
  throw new Error('expected a TtlvError');
}

describe('FrameDecoder splits', () => {
  // The structure fixture is the only spec example that is a message-shaped (Structure) item.
  const structures = SPEC_FIXTURES.map((f) => parsePrettyHex(f.pretty)).filter((b) => b[3] === 0x01);
  const samples = [...structures, message(0), message(5), message(77), encodeTtlv(T.struct(0x540001, []))];

  test.each(samples.map((b, i) => [i, b] as const))('sample %i at every split point, and byte by byte', (_i, bytes) => {
    for (let cut = 0; cut <= bytes.length; cut++) {
      const d = new FrameDecoder();
      const a = d.push(bytes.subarray(0, cut));
      expect(a).toEqual(cut === bytes.length ? [bytes] : []);
      expect(d.buffered).toBe(cut === bytes.length ? 0 : cut);
      const b = d.push(bytes.subarray(cut));
      expect([...a, ...b]).toEqual([bytes]);
    }
    const d = new FrameDecoder();
    const out: Buffer[] = [];
    for (let i = 0; i < bytes.length; i++) out.push(...d.push(bytes.subarray(i, i + 1)));
    expect(out).toEqual([bytes]);
  });

  test('many messages per chunk, split at every point of a 3-message stream', () => {
    const msgs = [message(1), message(20), message(3)];
    const stream = Buffer.concat(msgs);
    for (let cut = 0; cut <= stream.length; cut++) {
      const d = new FrameDecoder();
      const got = [...d.push(stream.subarray(0, cut)), ...d.push(stream.subarray(cut))];
      expect(got).toEqual(msgs);
    }
  });

  test('an empty chunk returns nothing and changes nothing', () => {
    const d = new FrameDecoder();
    expect(d.push(Buffer.alloc(0))).toEqual([]);
    expect(d.push(message(2).subarray(0, 5))).toEqual([]);
    expect(d.push(Buffer.alloc(0))).toEqual([]);
    expect(d.buffered).toBe(5);
  });

  test('a whole message in one chunk is a view; a split one is a fresh buffer', () => {
    const m = message(4);
    const chunk = Buffer.concat([m, m]);
    const d = new FrameDecoder();
    const [a, b] = d.push(chunk);
    expect(a.equals(m) && b.equals(m)).toBe(true);
    chunk[8] ^= 0xff; // a view sees changes to the chunk
    expect(a[8]).toBe(m[8] ^ 0xff);
    const original = Buffer.from(m);
    const d2 = new FrameDecoder();
    d2.push(m.subarray(0, 10));
    const [c] = d2.push(m.subarray(10));
    m.fill(0); // an assembled message owns its bytes
    expect(c.equals(original)).toBe(true);
  });
});

describe('FrameDecoder rejections', () => {
  test('a first byte that cannot start a tag is rejected at once (HTTP, TLS)', () => {
    const http = catchTtlv(() => new FrameDecoder().push(Buffer.from('GET / HTTP/1.1\r\n')));
    expect(http.code).toBe('BAD_TAG');
    expect(http.offset).toBe(0);
    const tls = catchTtlv(() => new FrameDecoder().push(Buffer.from([0x16])));
    expect(tls.code).toBe('BAD_TAG');
  });

  test('a message that is not a Structure is rejected when its type byte arrives', () => {
    const d = new FrameDecoder();
    d.push(Buffer.from([0x42, 0x00]));
    const e = catchTtlv(() => d.push(Buffer.from([0x78, 0x02])));
    expect(e.code).toBe('BAD_TYPE');
    expect(e.offset).toBe(3);
    expect(e.tag).toBe(0x420078);
    const fast = catchTtlv(() => new FrameDecoder().push(parsePrettyHex('420020 02 00000004 00000008 00000000')));
    expect(fast.code).toBe('BAD_TYPE');
  });

  test('a Structure length that is not a multiple of 8 is rejected', () => {
    expect(catchTtlv(() => new FrameDecoder().push(parsePrettyHex('420078 01 00000004'))).code).toBe('BAD_LENGTH');
  });

  test('errors carry the stream offset of the bad message', () => {
    const d = new FrameDecoder();
    const good = message(6);
    expect(d.push(good)).toEqual([good]);
    const e = catchTtlv(() => d.push(parsePrettyHex('420078 02 00000004')));
    expect(e.code).toBe('BAD_TYPE');
    expect(e.offset).toBe(good.length + 3);
  });

  test('after an error the decoder stays failed', () => {
    const d = new FrameDecoder();
    const e = catchTtlv(() => d.push(Buffer.from('x')));
    expect(d.error).toBe(e);
    expect(catchTtlv(() => d.push(message(1)))).toBe(e);
  });
});
