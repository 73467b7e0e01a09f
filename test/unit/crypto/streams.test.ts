/**
 * Multi-part cryptographic operations through the operation handlers (in-memory store, real software
 * provider): Correlation Value life cycle, version gating, the registry's bounds, and the OASIS
 * TC-STREAM-* sequences (which the conformance runner cannot replay completely: they reuse one
 * $CORRELATION_VALUE placeholder for several streams).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as nodeCrypto from 'node:crypto';
import {
  Tag, Operation, ObjectType, State, CryptographicAlgorithm, CryptographicUsageMask as U, BlockCipherMode, PaddingMethod,
  HashingAlgorithm, ResultReason, ValidityIndicator,
} from '../../../src/kmip';
import { T, type TtlvItem } from '../../../src/ttlv/item';
import { MemoryStore } from '../../../src/store/memory';
import { SoftwareCryptoProvider } from '../../../src/crypto/software/provider';
import type { Attribute } from '../../../src/attributes/model';
import { KmipError } from '../../../src/message/errors';
import type { OperationContext, OperationResult } from '../../../src/operations/types';
import { CRYPTO_OPERATIONS } from '../../../src/operations/crypto';
import { BufferedInput, StreamRegistry, streamRegistry, streamStep } from '../../../src/operations/crypto/streams';

let dir: string;
let store: MemoryStore;
let crypto: SoftwareCryptoProvider;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tumbler-streams-'));
  store = new MemoryStore();
  crypto = new SoftwareCryptoProvider({ dir });
});
afterEach(async () => {
  await crypto.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function ctx(over: Partial<OperationContext> = {}, major = 1, minor = 4): OperationContext {
  return {
    version: { major, minor }, principal: 'alice', tenant: '', idPlaceholder: undefined, journal: undefined, store, crypto,
    now: () => new Date('2026-01-01T00:00:00Z'),
    options: { activateOnCreate: false, vendorIdentification: 'Tumbler', serverInformation: 'test' },
    ...over,
  };
}

const hex = (s: string): Buffer => Buffer.from(s, 'hex');
const attr = (name: string, value: TtlvItem): Attribute => ({ name, index: 0, value: { ...value, tag: Tag.AttributeValue } as TtlvItem });

async function putKey(material: Buffer, algorithm: number, mask: number, params: TtlvItem[] = []): Promise<string> {
  const w = await crypto.importKey(material, { keyClass: 'secret', algorithm: algorithm === CryptographicAlgorithm.AES ? 'AES' : 'HMAC' });
  const uid = `k${nodeCrypto.randomBytes(4).toString('hex')}`;
  const attributes = [attr('Cryptographic Algorithm', T.enum(0, algorithm)), attr('Cryptographic Usage Mask', T.int(0, mask))];
  if (params.length) attributes.push(attr('Cryptographic Parameters', T.struct(0, params)));
  store.insert({ uid, objectType: ObjectType.SymmetricKey, state: State.Active, attributes, body: null, material: w.wrapped, kekId: w.kekId, owner: 'alice', tenant: '' });
  return uid;
}

async function run(op: number, fields: TtlvItem[], c = ctx()): Promise<OperationResult> {
  const h = CRYPTO_OPERATIONS.find((x) => x.operation === op)!;
  return h.handle(T.struct(Tag.RequestPayload, fields), c);
}

async function reasonOf(p: Promise<unknown>): Promise<number> {
  const e = await p.then(() => undefined, (x: unknown) => x);
  if (!(e instanceof KmipError)) throw new Error(`expected a KmipError, got ${String(e)}`);
  return e.reason;
}

const get = (r: OperationResult, tag: number): TtlvItem | undefined => r.payload.find((i) => i.tag === tag);
const corrOf = (r: OperationResult): Buffer => get(r, Tag.CorrelationValue)?.value as Buffer;
const uidF = (uid: string): TtlvItem => T.text(Tag.UniqueIdentifier, uid);
const data = (b: Buffer): TtlvItem => T.bytes(Tag.Data, b);
const corr = (b: Buffer): TtlvItem => T.bytes(Tag.CorrelationValue, b);
const init = T.bool(Tag.InitIndicator, true);
const final = T.bool(Tag.FinalIndicator, true);

describe('streamStep', () => {
  const p = (...f: TtlvItem[]): TtlvItem => T.struct(Tag.RequestPayload, f);
  test('1.3+ reads the indicators; 1.0-1.2 (no such fields) is always single-part', () => {
    expect(streamStep(p(init), ctx())).toEqual({ kind: 'init' });
    expect(streamStep(p(init, final), ctx())).toEqual({ kind: 'single' });
    expect(streamStep(p(corr(Buffer.alloc(2)), final), ctx())).toMatchObject({ kind: 'continue', final: true });
    expect(streamStep(p(corr(Buffer.alloc(2))), ctx())).toMatchObject({ kind: 'continue', final: false });
    expect(streamStep(p(init, corr(Buffer.alloc(2)), T.bool(Tag.FinalIndicator, false)), ctx({}, 1, 2))).toEqual({ kind: 'single' });
    expect(() => streamStep(p(T.int(Tag.InitIndicator, 1)), ctx())).toThrow(KmipError);
  });
});

describe('multi-part Encrypt / Decrypt', () => {
  test('OASIS TC-STREAM-ENC-1: AES ECB in parts, a fresh Correlation Value per stream, none after Final', async () => {
    const uid = await putKey(hex('00000000000000000000000000000000'), CryptographicAlgorithm.AES, U.Encrypt | U.Decrypt, [
      T.enum(Tag.BlockCipherMode, BlockCipherMode.ECB),
    ]);
    const expected = nodeCrypto.createCipheriv('aes-128-ecb', Buffer.alloc(16), null).setAutoPadding(false).update(hex('01020304050607080910111213141516'));
    const seen = new Set<string>();
    for (const cuts of [['0102030405060708', '0910111213141516', ''], ['0102030405060708', '09101112', '13141516'], ['', '010203040506070809101112', '13141516']]) {
      const r0 = await run(Operation.Encrypt, [uidF(uid), ...(cuts[0] ? [data(hex(cuts[0]))] : []), init]);
      const c = corrOf(r0);
      expect(c.length).toBe(16);
      seen.add(c.toString('hex'));
      expect(get(r0, Tag.Data)).toBeUndefined();
      const r1 = await run(Operation.Encrypt, [uidF(uid), data(hex(cuts[1])), corr(c)]);
      expect(corrOf(r1)).toEqual(c);
      const r2 = await run(Operation.Encrypt, [uidF(uid), ...(cuts[2] ? [data(hex(cuts[2]))] : []), corr(c), final]);
      expect(get(r2, Tag.CorrelationValue)).toBeUndefined();
      const out = Buffer.concat([get(r1, Tag.Data)?.value as Buffer ?? Buffer.alloc(0), get(r2, Tag.Data)?.value as Buffer ?? Buffer.alloc(0)]);
      expect(out).toEqual(expected);
      // The stream is gone after Final.
      expect(await reasonOf(run(Operation.Encrypt, [uidF(uid), corr(c), final]))).toBe(ResultReason.InvalidField);
    }
    expect(seen.size).toBe(3);
  });

  test('GCM: Init returns the generated IV; Final returns the tag, which single-part Decrypt accepts', async () => {
    const uid = await putKey(nodeCrypto.randomBytes(32), CryptographicAlgorithm.AES, U.Encrypt | U.Decrypt);
    const gcm = T.struct(Tag.CryptographicParameters, [T.enum(Tag.BlockCipherMode, BlockCipherMode.GCM)]);
    const pt = nodeCrypto.randomBytes(50);
    const aad = T.bytes(Tag.AuthenticatedEncryptionAdditionalData, Buffer.from('header'));
    const r0 = await run(Operation.Encrypt, [uidF(uid), gcm, data(pt.subarray(0, 20)), aad, init]);
    const iv = get(r0, Tag.IVCounterNonce)?.value as Buffer;
    expect(iv.length).toBe(12);
    const r1 = await run(Operation.Encrypt, [data(pt.subarray(20)), corr(corrOf(r0)), final], ctx({ idPlaceholder: uid }));
    const ct = Buffer.concat([get(r0, Tag.Data)?.value as Buffer, get(r1, Tag.Data)?.value as Buffer]);
    const tag = get(r1, Tag.AuthenticatedEncryptionTag)?.value as Buffer;
    const d = await run(Operation.Decrypt, [uidF(uid), gcm, data(ct), T.bytes(Tag.IVCounterNonce, iv), aad, T.bytes(Tag.AuthenticatedEncryptionTag, tag)]);
    expect(get(d, Tag.Data)?.value).toEqual(pt);
  });

  test('a stream belongs to its principal, operation and object', async () => {
    const uid = await putKey(nodeCrypto.randomBytes(16), CryptographicAlgorithm.AES, U.Encrypt | U.Decrypt);
    const other = await putKey(nodeCrypto.randomBytes(16), CryptographicAlgorithm.AES, U.Encrypt | U.Decrypt);
    const cbc = T.struct(Tag.CryptographicParameters, [T.enum(Tag.BlockCipherMode, BlockCipherMode.CBC), T.enum(Tag.PaddingMethod, PaddingMethod.PKCS5)]);
    const r0 = await run(Operation.Encrypt, [uidF(uid), cbc, data(Buffer.alloc(5)), init]);
    const c = corrOf(r0);
    expect(await reasonOf(run(Operation.Encrypt, [uidF(uid), corr(c)], ctx({ principal: 'mallory' })))).toBe(ResultReason.InvalidField);
    expect(await reasonOf(run(Operation.Decrypt, [uidF(uid), corr(c)]))).toBe(ResultReason.InvalidField);
    expect(await reasonOf(run(Operation.Encrypt, [uidF(other), corr(c)], ctx({}, 2, 1)))).toBe(ResultReason.InvalidField);
    // The failed part ended the stream (a stream in an unknown state is not resumable).
    expect(await reasonOf(run(Operation.Encrypt, [uidF(uid), corr(c), final], ctx({}, 2, 1)))).toBe(ResultReason.InvalidCorrelationValue);
  });
});

describe('multi-part Hash, MAC, MAC Verify', () => {
  test('OASIS TC-STREAM-HASH-1/3: SHA-256 of "abc" in parts, Final with or without Data', async () => {
    const sha = T.struct(Tag.CryptographicParameters, [T.enum(Tag.HashingAlgorithm, HashingAlgorithm.SHA_256)]);
    for (const last of [[data(hex('63'))], []]) {
      const r0 = await run(Operation.Hash, [sha, data(hex('61')), init]);
      expect(r0.payload.map((i) => i.tag)).toEqual([Tag.CorrelationValue]);
      await run(Operation.Hash, [data(hex('62')), corr(corrOf(r0))]);
      if (!last.length) await run(Operation.Hash, [sha, data(hex('63')), corr(corrOf(r0))]);
      const r = await run(Operation.Hash, [sha, ...last, corr(corrOf(r0)), final]);
      expect((get(r, Tag.Data)?.value as Buffer).toString('hex')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    }
  });

  test('OASIS TC-STREAM-MAC-1: HMAC-SHA256 in parts equals single-part; MAC Verify in parts answers Valid/Invalid', async () => {
    const uid = await putKey(hex('0123456789abcdef0123456789abcdef'), CryptographicAlgorithm.HMAC_SHA256, U.MACGenerate | U.MACVerify);
    const msg = hex('01020304050607080910111213141516');
    const r0 = await run(Operation.MAC, [uidF(uid), data(msg.subarray(0, 2)), init]);
    await run(Operation.MAC, [uidF(uid), data(msg.subarray(2, 14)), corr(corrOf(r0))]);
    const r = await run(Operation.MAC, [uidF(uid), data(msg.subarray(14)), corr(corrOf(r0)), final]);
    const mac = get(r, Tag.MACData)?.value as Buffer;
    expect(mac.toString('hex')).toBe('c911e78196d64c30f631bb079ea37b97a95936d4da764d6a171df030c895ecf9');
    for (const [given, want] of [[mac, ValidityIndicator.Valid], [Buffer.alloc(32), ValidityIndicator.Invalid]] as const) {
      const v0 = await run(Operation.MACVerify, [uidF(uid), data(msg.subarray(0, 4)), T.bytes(Tag.MACData, given), init]);
      expect(get(v0, Tag.ValidityIndicator)).toBeUndefined();
      const v = await run(Operation.MACVerify, [uidF(uid), data(msg.subarray(4)), corr(corrOf(v0)), final]);
      expect(get(v, Tag.ValidityIndicator)?.value).toBe(want);
    }
  });
});

describe('StreamRegistry bounds', () => {
  test('at most maxStreams; idle streams expire and their buffers are zeroed; buffered bytes are capped', async () => {
    const reg = new StreamRegistry({ maxStreams: 2, idleMs: 50, maxBufferedBytes: 8, maxTotalBytes: 12 });
    const c = ctx();
    const a = new BufferedInput();
    a.add(Buffer.alloc(4, 7));
    const ca = reg.open(c, Operation.Hash, undefined, a);
    reg.open(c, Operation.Hash, undefined, new BufferedInput());
    expect(() => reg.open(c, Operation.Hash, undefined, new BufferedInput())).toThrow(/too many/);
    const big = new BufferedInput();
    big.add(Buffer.alloc(9));
    expect(() => reg.open(c, Operation.Hash, undefined, big)).toThrow(/more than 8 bytes/);
    await expect(reg.step(c, Operation.Hash, ca, false, async (s: BufferedInput) => s.add(Buffer.alloc(5)))).rejects.toThrow(/more than 8 bytes/);
    expect(reg.size).toBe(1); // the failed part ended its stream
    expect(a.bufferedBytes()).toBe(0);
    reg.sweep(Date.now() + 1000);
    expect(reg.size).toBe(0);
  });

  test('one registry per server (crypto provider), shared by its requests', () => {
    expect(streamRegistry(ctx())).toBe(streamRegistry(ctx({ principal: 'bob' })));
    expect(streamRegistry(ctx())).not.toBe(streamRegistry(ctx({ crypto: {} as OperationContext['crypto'] })));
  });
});
