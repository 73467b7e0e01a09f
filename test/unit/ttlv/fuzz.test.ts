/**
 * Random and mutated frames (seeded, deterministic): at least 100,000 inputs through decodeTtlv,
 * FrameDecoder and the pretty printer. Nothing may crash, hang or throw anything but a TtlvError, and
 * whatever decodes must re-encode to something that decodes to the same tree. (After mqtt-packet's
 * testRandom.js.) Set FUZZ_SEED to explore other seeds.
 */
import { ItemType } from '../../../src/kmip/item-type';
import { decodeTtlv, encodeTtlv, formatPrettyHex, FrameDecoder, parsePrettyHex, T, TtlvError, type TtlvItem } from '../../../src/ttlv';
import { SPEC_FIXTURES } from './fixtures/spec-examples';
import { CAPTURES_SUBDIR, loadCaptures } from './captures-loader';
import { sharedPath } from './shared-dir';
import * as fs from 'fs';

const SEED = Number(process.env.FUZZ_SEED ?? 0x7ab1e5);
const RANDOM_TREES = 10_000;
const MUTATIONS = 60_000;
const RANDOM_BUFFERS = 30_000;

/** mulberry32: small, fast, good enough for test input. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const rnd = prng(SEED);
const int = (n: number): number => Math.floor(rnd() * n);
const u32 = (): number => int(0x100000000);
const pick = <X>(xs: readonly X[]): X => xs[int(xs.length)];
const bytes = (n: number): Buffer => {
  const b = Buffer.allocUnsafe(n);
  for (let i = 0; i < n; i++) b[i] = int(256);
  return b;
};
const i64 = (): bigint => BigInt.asIntN(64, (BigInt(u32()) << 32n) | BigInt(u32()));
const CHARS = ['a', 'Z', '0', ' ', '\u0000', 'é', 'ß', '€', '中', '𝄞', '😀', '\n', '~'];

function randomTag(): number {
  return (rnd() < 0.8 ? 0x420000 : 0x540000) | int(0x10000);
}

function randomPrimitive(tag: number): TtlvItem {
  switch (int(10)) {
    case 0:
      return T.int(tag, pick([0, -1, 1, 0x7fffffff, -0x80000000, u32() | 0]));
    case 1:
      return T.long(tag, i64());
    case 2: {
      let v = 0n;
      for (let i = int(6); i > 0; i--) v = (v << 64n) | BigInt.asUintN(64, i64());
      return T.big(tag, rnd() < 0.5 ? -v : v);
    }
    case 3:
      return T.enum(tag, pick([0, 1, 0xffffffff, 0x80000000, u32()]));
    case 4:
      return T.bool(tag, rnd() < 0.5);
    case 5:
      return T.text(tag, Array.from({ length: int(20) }, () => pick(CHARS)).join(''));
    case 6:
      return T.bytes(tag, bytes(int(40)));
    case 7:
      return T.date(tag, i64());
    case 8:
      return T.interval(tag, u32());
    default:
      return T.dateExt(tag, i64());
  }
}

function randomTree(depth: number): TtlvItem {
  if (depth < 5 && rnd() < 0.35) {
    return T.struct(randomTag(), Array.from({ length: int(6) }, () => randomTree(depth + 1)));
  }
  return randomPrimitive(randomTag());
}

function itemsEqual(a: TtlvItem, b: TtlvItem): boolean {
  if (a.tag !== b.tag || a.type !== b.type) return false;
  if (a.type === ItemType.Structure) {
    const bv = b.value as TtlvItem[];
    return a.value.length === bv.length && a.value.every((c, i) => itemsEqual(c, bv[i]));
  }
  if (a.type === ItemType.ByteString) return a.value.equals(b.value as Buffer);
  return a.value === b.value;
}

const INTERESTING_BYTES = [0x00, 0x01, 0x02, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x42, 0x54, 0x7f, 0x80, 0xff];
const INTERESTING_LENGTHS = [0, 1, 3, 4, 7, 8, 9, 16, 0x7ffffff8, 0xfffffff8, 0xffffffff];

function mutate(src: Buffer): Buffer {
  let b = Buffer.from(src);
  for (let k = rnd() < 0.2 ? 2 + int(3) : 1; k > 0; k--) {
    const at = b.length === 0 ? 0 : int(b.length);
    switch (int(8)) {
      case 0:
        if (b.length) b[at] ^= 1 << int(8);
        break;
      case 1:
        if (b.length) b[at] = int(256);
        break;
      case 2: {
        const p = (at & ~7) + int(8);
        if (p < b.length) b[p] = pick(INTERESTING_BYTES);
        break;
      }
      case 3: {
        const p = (at & ~7) + 4;
        if (p + 4 <= b.length) b.writeUInt32BE(rnd() < 0.5 ? pick(INTERESTING_LENGTHS) : (b.readUInt32BE(p) + pick([-8, -4, -1, 1, 4, 8])) >>> 0, p);
        break;
      }
      case 4:
        b = b.subarray(0, at);
        break;
      case 5:
        b = Buffer.concat([b, bytes(1 + int(16))]);
        break;
      case 6:
        b = Buffer.concat([b.subarray(0, at), b.subarray(Math.min(b.length, at + 1 + int(16)))]);
        break;
      default:
        b = Buffer.concat([b.subarray(0, at), b.subarray(at, at + 1 + int(24)), b.subarray(at)]);
    }
  }
  return b;
}

/** Stats and failures over the whole run. */
const codes = new Map<string, number>();
const failures: string[] = [];
let decoded = 0;
let framesSeen = 0;

function fail(what: string, input: Buffer, e?: unknown): void {
  if (failures.length < 10) failures.push(`${what}: ${String(e)} input=${input.toString('hex').slice(0, 200)}`);
}

/**
 * Allocation oracle: while an input is decoded or framed, no Buffer larger than the input may be
 * allocated (lengths from the input must be checked before they are trusted, and FrameDecoder only
 * allocates for bytes that have arrived).
 */
const realAllocUnsafe = Buffer.allocUnsafe;
let allocCap = Infinity;
function guardedAllocUnsafe(size: number): Buffer<ArrayBuffer> {
  if (size > allocCap) {
    const cap = allocCap;
    allocCap = Infinity;
    throw new Error(`allocation of ${size} bytes, over the cap of ${cap}`);
  }
  return realAllocUnsafe(size);
}

/**
 * Run one input through every entry point. Only TtlvError may escape, with an offset inside the
 * input; nothing larger than the input is allocated; what decodes must be stable.
 */
function exercise(input: Buffer): void {
  let item: TtlvItem | undefined;
  try {
    allocCap = input.length;
    item = decodeTtlv(input);
  } catch (e) {
    if (!(e instanceof TtlvError)) return fail('decode threw a non-TtlvError', input, e);
    if (!(e.offset >= 0 && e.offset <= input.length)) return fail(`error offset outside the input`, input, e);
    codes.set(e.code, (codes.get(e.code) ?? 0) + 1);
  } finally {
    allocCap = Infinity;
  }
  if (item) {
    decoded++;
    try {
      const again = decodeTtlv(encodeTtlv(item));
      if (!itemsEqual(item, again)) fail('decode(encode(decode(x))) differs', input);
    } catch (e) {
      fail('re-encoding a decoded tree failed', input, e);
    }
  }
  if (rnd() < 0.25) {
    // The printer is not on the hot path; a quarter of the inputs is plenty.
    try {
      formatPrettyHex(input);
    } catch (e) {
      if (!(e instanceof TtlvError)) fail('pretty threw a non-TtlvError', input, e);
    }
  }
  const d = new FrameDecoder();
  try {
    allocCap = input.length;
    const cut = int(input.length + 1);
    const frames = [...d.push(input.subarray(0, cut)), ...d.push(input.subarray(cut))];
    let total = 0;
    for (const f of frames) total += f.length;
    if (total + d.buffered !== input.length) fail('frames + buffered != input', input);
    framesSeen += frames.length;
  } catch (e) {
    if (!(e instanceof TtlvError)) fail('FrameDecoder threw a non-TtlvError', input, e);
    else if (!(e.offset >= 0 && e.offset < input.length)) fail('FrameDecoder error offset outside the input', input, e);
  } finally {
    allocCap = Infinity;
  }
}

describe(`fuzz (seed ${SEED})`, () => {
  // Capturing stack traces is most of the cost of ~200k thrown errors and is not under test here.
  const stackTraceLimit = Error.stackTraceLimit;
  beforeAll(() => {
    Error.stackTraceLimit = 0;
    Buffer.allocUnsafe = guardedAllocUnsafe;
  });
  afterAll(() => {
    Error.stackTraceLimit = stackTraceLimit;
    Buffer.allocUnsafe = realAllocUnsafe;
  });

  const corpus: Buffer[] = SPEC_FIXTURES.map((f) => parsePrettyHex(f.pretty));
  if (fs.existsSync(sharedPath(CAPTURES_SUBDIR))) corpus.push(...loadCaptures().map((c) => c.bytes));

  test(`${RANDOM_TREES} random trees: encode, decode, print, parse, frame`, () => {
    for (let i = 0; i < RANDOM_TREES; i++) {
      const tree = T.struct(0x420078, Array.from({ length: int(5) }, () => randomTree(1)));
      const enc = encodeTtlv(tree);
      try {
        const dec = decodeTtlv(enc);
        if (!itemsEqual(dec, tree)) fail('decode(encode(tree)) differs', enc);
        if (!encodeTtlv(dec).equals(enc)) fail('encode is not stable', enc);
        if (!parsePrettyHex(formatPrettyHex(enc)).equals(enc)) fail('pretty round trip differs', enc);
        const d = new FrameDecoder();
        const cut = int(enc.length + 1);
        const frames = [...d.push(enc.subarray(0, cut)), ...d.push(enc.subarray(cut))];
        if (frames.length !== 1 || !frames[0].equals(enc)) fail('framing differs', enc);
      } catch (e) {
        fail('valid tree failed', enc, e);
      }
      if (corpus.length < 2000) corpus.push(enc);
    }
    expect(failures).toEqual([]);
  });

  test(`${MUTATIONS} mutated frames: TtlvError or a stable tree`, () => {
    for (let i = 0; i < MUTATIONS; i++) exercise(mutate(pick(corpus)));
    expect(failures).toEqual([]);
  });

  test(`${RANDOM_BUFFERS} random buffers: TtlvError or a stable tree`, () => {
    for (let i = 0; i < RANDOM_BUFFERS; i++) {
      const b = bytes(int(129));
      if (b.length >= 8 && rnd() < 0.6) {
        // look like a header often enough to get past the first checks
        b[0] = rnd() < 0.5 ? 0x42 : 0x54;
        b[3] = 1 + int(11);
        b.writeUInt32BE(rnd() < 0.5 ? (b.length - 8) & ~7 : int(b.length), 4);
      }
      exercise(b);
    }
    expect(failures).toEqual([]);
  });

  test('the fuzzer reached every decoder rejection and some successes', () => {
    for (const c of ['TRUNCATED', 'BAD_LENGTH', 'BAD_TYPE', 'BAD_TAG', 'BAD_PADDING', 'BAD_VALUE', 'BAD_UTF8', 'TRAILING_BYTES']) {
      expect([c, (codes.get(c) ?? 0) > 0]).toEqual([c, true]);
    }
    expect(decoded).toBeGreaterThan(1000);
    expect(framesSeen).toBeGreaterThan(1000);
  });
});
