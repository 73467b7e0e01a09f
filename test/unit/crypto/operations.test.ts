/**
 * The cryptographic operation handlers over an in-memory store and the real software provider.
 * Objects are put in the store directly (the shape Create/Register store), so these tests do not depend
 * on the management operations; one test at the end goes through the dispatch table (Create, Activate).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as nodeCrypto from 'node:crypto';
import {
  Tag, Operation, ObjectType, State, CryptographicAlgorithm, CryptographicUsageMask as U, BlockCipherMode, PaddingMethod,
  HashingAlgorithm, DigitalSignatureAlgorithm, ResultReason, ValidityIndicator, KeyFormatType, UsageLimitsUnit,
} from '../../../src/kmip';
import { T, child, type TtlvItem } from '../../../src/ttlv/item';
import { encodeTtlv } from '../../../src/ttlv/binary-writer';
import { MemoryStore } from '../../../src/store/memory';
import { SoftwareCryptoProvider } from '../../../src/crypto/software/provider';
import type { KeySpec } from '../../../src/crypto/port';
import type { Attribute } from '../../../src/attributes/model';
import { KmipError } from '../../../src/message/errors';
import type { OperationContext, OperationResult } from '../../../src/operations/types';
import { CRYPTO_OPERATIONS } from '../../../src/operations/crypto';

let dir: string;
let store: MemoryStore;
let crypto: SoftwareCryptoProvider;
let n = 0;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tumbler-cops-'));
  store = new MemoryStore();
  crypto = new SoftwareCryptoProvider({ dir });
});
afterEach(async () => {
  await crypto.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function withIvPrefix(): OperationContext {
  const c = ctx();
  return { ...c, options: { ...c.options, decryptIvPrefix: true } as OperationContext['options'] };
}

function ctx(major = 1, minor = 4, over: Partial<OperationContext> = {}): OperationContext {
  return {
    version: { major, minor }, principal: 'alice', tenant: '', idPlaceholder: undefined, journal: undefined, store, crypto,
    now: () => new Date('2026-01-01T00:00:00Z'),
    options: { activateOnCreate: false, vendorIdentification: 'Tumbler', serverInformation: 'test' },
    ...over,
  };
}

const av = (item: TtlvItem): TtlvItem => ({ ...item, tag: Tag.AttributeValue }) as TtlvItem;
const attr = (name: string, value: TtlvItem): Attribute => ({ name, index: 0, value: av(value) });

interface PutOptions {
  objectType?: number;
  algorithm: number;
  mask: number;
  state?: number;
  params?: TtlvItem[];
}

async function putSecret(material: Buffer, spec: KeySpec, o: PutOptions): Promise<string> {
  const w = await crypto.importKey(material, spec);
  return put({ ...o, material: w.wrapped, kekId: w.kekId });
}

function put(o: PutOptions & { material?: Buffer; kekId?: string; body?: Buffer }): string {
  const uid = `k${++n}`;
  const attributes: Attribute[] = [
    attr('Cryptographic Algorithm', T.enum(0, o.algorithm)),
    attr('Cryptographic Usage Mask', T.int(0, o.mask)),
  ];
  if (o.params) attributes.push(attr('Cryptographic Parameters', T.struct(0, o.params)));
  store.insert({
    uid, objectType: o.objectType ?? ObjectType.SymmetricKey, state: o.state ?? State.Active, attributes,
    body: o.body ?? null, material: o.material ?? null, kekId: o.kekId ?? null, owner: 'alice', tenant: '',
  });
  return uid;
}

async function run(op: number, fields: TtlvItem[], c = ctx()): Promise<OperationResult> {
  const h = CRYPTO_OPERATIONS.find((x) => x.operation === op);
  if (!h) throw new Error(`no handler ${op}`);
  return h.handle(T.struct(Tag.RequestPayload, fields), c);
}

async function reasonOf(p: Promise<unknown>): Promise<number> {
  const e = await p.then(() => undefined, (x: unknown) => x);
  if (!(e instanceof KmipError)) throw new Error(`expected a KmipError, got ${String(e)}`);
  return e.reason;
}

const field = (r: OperationResult, tag: number): TtlvItem | undefined => r.payload.find((i) => i.tag === tag);
const bytes = (r: OperationResult, tag: number): Buffer => field(r, tag)?.value as Buffer;
const params = (...f: TtlvItem[]): TtlvItem => T.struct(Tag.CryptographicParameters, f);
const uidF = (uid: string): TtlvItem => T.text(Tag.UniqueIdentifier, uid);
const AES: KeySpec = { keyClass: 'secret', algorithm: 'AES' };

describe('Encrypt / Decrypt with AES', () => {
  const key = Buffer.from('000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f', 'hex');
  let uid: string;
  beforeEach(async () => {
    uid = await putSecret(key, AES, { algorithm: CryptographicAlgorithm.AES, mask: U.Encrypt | U.Decrypt });
  });

  test('CBC + PKCS5 with a client IV: ciphertext matches node:crypto, no IV echoed', async () => {
    const iv = Buffer.alloc(16, 9);
    const data = Buffer.from('hello KMIP encrypt');
    const r = await run(Operation.Encrypt, [
      uidF(uid), params(T.enum(Tag.BlockCipherMode, BlockCipherMode.CBC), T.enum(Tag.PaddingMethod, PaddingMethod.PKCS5)),
      T.bytes(Tag.Data, data), T.bytes(Tag.IVCounterNonce, iv),
    ]);
    const c = nodeCrypto.createCipheriv('aes-256-cbc', key, iv);
    expect(bytes(r, Tag.Data)).toEqual(Buffer.concat([c.update(data), c.final()]));
    expect(field(r, Tag.IVCounterNonce)).toBeUndefined();
    expect(field(r, Tag.UniqueIdentifier)?.value).toBe(uid);
  });

  test('no IV for CBC: the server generates one and returns it; Decrypt takes it separately or prefixed', async () => {
    const cbc = params(T.enum(Tag.BlockCipherMode, BlockCipherMode.CBC), T.enum(Tag.PaddingMethod, PaddingMethod.PKCS5));
    const r = await run(Operation.Encrypt, [uidF(uid), cbc, T.bytes(Tag.Data, Buffer.from('x'))]);
    const iv = bytes(r, Tag.IVCounterNonce);
    expect(iv.length).toBe(16);
    const ct = bytes(r, Tag.Data);
    const d1 = await run(Operation.Decrypt, [uidF(uid), cbc, T.bytes(Tag.Data, ct), T.bytes(Tag.IVCounterNonce, iv)]);
    expect(bytes(d1, Tag.Data).toString()).toBe('x');
    // Without IV: Invalid Message (OASIS CS-BC-M-11-21), unless the server takes IVs prefixed to the data.
    const prefixed = T.bytes(Tag.Data, Buffer.concat([iv, ct]));
    expect(await reasonOf(run(Operation.Decrypt, [uidF(uid), cbc, prefixed]))).toBe(ResultReason.InvalidMessage);
    const d2 = await run(Operation.Decrypt, [uidF(uid), cbc, prefixed], withIvPrefix());
    expect(bytes(d2, Tag.Data).toString()).toBe('x');
    // Two encryptions get different IVs.
    const r2 = await run(Operation.Encrypt, [uidF(uid), cbc, T.bytes(Tag.Data, Buffer.from('x'))]);
    expect(bytes(r2, Tag.IVCounterNonce).equals(iv)).toBe(false);
  });

  test('Random IV in parameters of the object attribute; request without Cryptographic Parameters', async () => {
    const u2 = await putSecret(key, AES, {
      algorithm: CryptographicAlgorithm.AES, mask: U.Encrypt | U.Decrypt,
      params: [T.enum(Tag.BlockCipherMode, BlockCipherMode.CTR), T.bool(Tag.RandomIV, true)],
    });
    const r = await run(Operation.Encrypt, [uidF(u2), T.bytes(Tag.Data, Buffer.from('counter mode text'))]);
    const iv = bytes(r, Tag.IVCounterNonce);
    const c = nodeCrypto.createCipheriv('aes-256-ctr', key, iv);
    expect(bytes(r, Tag.Data)).toEqual(c.update(Buffer.from('counter mode text')));
  });

  test('GCM: 1.4 returns Authenticated Encryption Tag; Decrypt accepts the tag separately or appended; 1.2 appends it', async () => {
    const gcm = params(T.enum(Tag.BlockCipherMode, BlockCipherMode.GCM), T.int(Tag.TagLength, 16));
    const aad = T.bytes(Tag.AuthenticatedEncryptionAdditionalData, Buffer.from('header'));
    const r = await run(Operation.Encrypt, [uidF(uid), gcm, T.bytes(Tag.Data, Buffer.from('gcm text')), aad]);
    const iv = bytes(r, Tag.IVCounterNonce);
    const tag = bytes(r, Tag.AuthenticatedEncryptionTag);
    expect(iv.length).toBe(12);
    expect(tag.length).toBe(16);
    const ct = bytes(r, Tag.Data);
    const d1 = await run(Operation.Decrypt, [
      uidF(uid), gcm, T.bytes(Tag.Data, ct), T.bytes(Tag.IVCounterNonce, iv), aad, T.bytes(Tag.AuthenticatedEncryptionTag, tag),
    ]);
    expect(bytes(d1, Tag.Data).toString()).toBe('gcm text');
    const d2 = await run(Operation.Decrypt, [uidF(uid), gcm, T.bytes(Tag.Data, Buffer.concat([iv, ct, tag])), aad], withIvPrefix());
    expect(bytes(d2, Tag.Data).toString()).toBe('gcm text');
    const d3 = await run(Operation.Decrypt, [uidF(uid), gcm, T.bytes(Tag.Data, Buffer.concat([ct, tag])), T.bytes(Tag.IVCounterNonce, iv), aad]);
    expect(bytes(d3, Tag.Data).toString()).toBe('gcm text');
    expect(await reasonOf(run(Operation.Decrypt, [uidF(uid), gcm, T.bytes(Tag.Data, Buffer.concat([iv, ct, tag]))], withIvPrefix()))).toBe(
      ResultReason.CryptographicFailure,
    );
    const old = await run(Operation.Encrypt, [uidF(uid), gcm, T.bytes(Tag.Data, Buffer.from('gcm text'))], ctx(1, 2));
    expect(field(old, Tag.AuthenticatedEncryptionTag)).toBeUndefined();
    expect(bytes(old, Tag.Data).length).toBe(8 + 16);
  });

  test('GCM Tag Length outside 4..16 is General Failure (OASIS CS-BC-M-GCM-1-21)', async () => {
    for (const len of [1, 32]) {
      const gcm = params(T.enum(Tag.BlockCipherMode, BlockCipherMode.GCM), T.int(Tag.TagLength, len));
      const f = [uidF(uid), gcm, T.bytes(Tag.Data, Buffer.alloc(16)), T.bytes(Tag.IVCounterNonce, Buffer.alloc(12))];
      expect(await reasonOf(run(Operation.Encrypt, f))).toBe(ResultReason.GeneralFailure);
    }
  });

  test('Usage Limits: bytes are counted and the limit refuses with Permission Denied (OASIS CS-BC-M-7-21)', async () => {
    const limited = await putSecret(Buffer.from('0123456789abcdef0123456789abcdef', 'hex'), AES, { algorithm: CryptographicAlgorithm.AES, mask: U.Encrypt });
    const obj = store.get(limited)!;
    obj.attributes.push(attr('Usage Limits', T.struct(0, [T.long(Tag.UsageLimitsTotal, 16n), T.enum(Tag.UsageLimitsUnit, UsageLimitsUnit.Byte)])));
    store.update(obj);
    const ecb = params(T.enum(Tag.BlockCipherMode, BlockCipherMode.ECB));
    const data = T.bytes(Tag.Data, Buffer.from('01020304050607080910111213141516', 'hex'));
    const r = await run(Operation.Encrypt, [uidF(limited), ecb, data], ctx(2, 1));
    expect(bytes(r, Tag.Data).toString('hex')).toBe('d9bcce11b0b437b90239552df3a360c9');
    const ul = store.get(limited)!.attributes.find((a) => a.name === 'Usage Limits')!;
    expect(child(ul.value, Tag.UsageLimitsCount)?.value).toBe(0n);
    expect(await reasonOf(run(Operation.Encrypt, [uidF(limited), ecb, data], ctx(2, 1)))).toBe(ResultReason.PermissionDenied);
  });

  test('ChaCha20-Poly1305 key with Block Cipher Mode AEAD: server nonce, tag returned, round trip', async () => {
    const cc = await putSecret(Buffer.alloc(32, 3), { keyClass: 'secret', algorithm: 'GENERIC' }, {
      algorithm: CryptographicAlgorithm.ChaCha20Poly1305, mask: U.Encrypt | U.Decrypt,
    });
    const aead = params(T.enum(Tag.BlockCipherMode, BlockCipherMode.AEAD), T.int(Tag.TagLength, 16));
    const e = await run(Operation.Encrypt, [uidF(cc), aead, T.bytes(Tag.Data, Buffer.from('stream'))]);
    const nonce = bytes(e, Tag.IVCounterNonce);
    expect(nonce.length).toBe(12);
    const c = nodeCrypto.createCipheriv('chacha20-poly1305', Buffer.alloc(32, 3), nonce, { authTagLength: 16 });
    expect(bytes(e, Tag.Data)).toEqual(Buffer.concat([c.update('stream'), c.final()]));
    expect(bytes(e, Tag.AuthenticatedEncryptionTag)).toEqual(c.getAuthTag());
    const d = await run(Operation.Decrypt, [
      uidF(cc), aead, T.bytes(Tag.Data, bytes(e, Tag.Data)), T.bytes(Tag.IVCounterNonce, nonce),
      T.bytes(Tag.AuthenticatedEncryptionTag, bytes(e, Tag.AuthenticatedEncryptionTag)),
    ]);
    expect(bytes(d, Tag.Data).toString()).toBe('stream');
    expect(await reasonOf(run(Operation.Encrypt, [uidF(uid), aead, T.bytes(Tag.Data, Buffer.from('x'))]))).toBe(ResultReason.FeatureNotSupported);
  });

  test('ID Placeholder is used when the Unique Identifier is absent', async () => {
    const ecb = params(T.enum(Tag.BlockCipherMode, BlockCipherMode.ECB));
    const r = await run(Operation.Encrypt, [ecb, T.bytes(Tag.Data, Buffer.alloc(16))], ctx(1, 4, { idPlaceholder: uid }));
    expect(field(r, Tag.UniqueIdentifier)?.value).toBe(uid);
  });

  test('refusals: usage mask, state, missing mode and data, streaming, unknown object', async () => {
    const ecb = params(T.enum(Tag.BlockCipherMode, BlockCipherMode.ECB));
    const data = T.bytes(Tag.Data, Buffer.alloc(16));
    const encOnly = await putSecret(key, AES, { algorithm: CryptographicAlgorithm.AES, mask: U.Encrypt });
    expect(await reasonOf(run(Operation.Decrypt, [uidF(encOnly), ecb, data]))).toBe(ResultReason.PermissionDenied);
    expect(await reasonOf(run(Operation.Decrypt, [uidF(encOnly), ecb, data], ctx(2, 1)))).toBe(ResultReason.IncompatibleCryptographicUsageMask);
    const pre = await putSecret(key, AES, { algorithm: CryptographicAlgorithm.AES, mask: U.Encrypt, state: State.PreActive });
    expect(await reasonOf(run(Operation.Encrypt, [uidF(pre), ecb, data]))).toBe(ResultReason.PermissionDenied);
    expect(await reasonOf(run(Operation.Encrypt, [uidF(pre), ecb, data], ctx(2, 0)))).toBe(ResultReason.WrongKeyLifecycleState);
    const deact = await putSecret(key, AES, { algorithm: CryptographicAlgorithm.AES, mask: U.Encrypt, state: State.Deactivated });
    expect(await reasonOf(run(Operation.Encrypt, [uidF(deact), ecb, data], ctx(2, 1)))).toBe(ResultReason.WrongKeyLifecycleState);
    expect(await reasonOf(run(Operation.Encrypt, [uidF(uid), data]))).toBe(ResultReason.InvalidField);
    expect(await reasonOf(run(Operation.Encrypt, [uidF(uid), ecb]))).toBe(ResultReason.InvalidField);
    // Multi-part requests are supported (streams.test.ts); an unknown Correlation Value, or one sent with Init, is refused.
    expect(await reasonOf(run(Operation.Encrypt, [uidF(uid), ecb, data, T.bytes(Tag.CorrelationValue, Buffer.alloc(16))]))).toBe(ResultReason.InvalidField);
    expect(await reasonOf(run(Operation.Encrypt, [uidF(uid), ecb, data, T.bytes(Tag.CorrelationValue, Buffer.alloc(16)), T.bool(Tag.InitIndicator, true)]))).toBe(
      ResultReason.InvalidField,
    );
    expect(await reasonOf(run(Operation.Encrypt, [uidF(uid), params(T.enum(Tag.BlockCipherMode, BlockCipherMode.XTS)), data]))).toBe(
      ResultReason.FeatureNotSupported,
    );
    expect(await reasonOf(run(Operation.Encrypt, [uidF('nope'), ecb, data]))).toBe(ResultReason.ItemNotFound);
  });
});

describe('RSA and ECDSA', () => {
  function publicBody(spki: Buffer, alg: number, format: number = KeyFormatType.X_509, material = spki): Buffer {
    return encodeTtlv(T.struct(Tag.PublicKey, [T.struct(Tag.KeyBlock, [
      T.enum(Tag.KeyFormatType, format), T.struct(Tag.KeyValue, [T.bytes(Tag.KeyMaterial, material)]), T.enum(Tag.CryptographicAlgorithm, alg),
    ])]));
  }

  test('RSA: Sign with the private key, Signature Verify with the public key object (X.509 and PKCS#1 bodies)', async () => {
    const pair = await crypto.generateKeyPair({ algorithm: 'RSA', modulusBits: 2048 });
    const priv = put({ objectType: ObjectType.PrivateKey, algorithm: CryptographicAlgorithm.RSA, mask: U.Sign | U.Decrypt, material: pair.privateKey.wrapped, kekId: pair.privateKey.kekId });
    const pub = put({ objectType: ObjectType.PublicKey, algorithm: CryptographicAlgorithm.RSA, mask: U.Verify | U.Encrypt, body: publicBody(pair.publicKey, CryptographicAlgorithm.RSA) });
    const pkcs1 = nodeCrypto.createPublicKey({ key: pair.publicKey, format: 'der', type: 'spki' }).export({ format: 'der', type: 'pkcs1' });
    const pub1 = put({ objectType: ObjectType.PublicKey, algorithm: CryptographicAlgorithm.RSA, mask: U.Verify, body: publicBody(pair.publicKey, CryptographicAlgorithm.RSA, KeyFormatType.PKCS_1, pkcs1) });
    const dsa = params(T.enum(Tag.DigitalSignatureAlgorithm, DigitalSignatureAlgorithm.SHA_256WithRSAEncryption));
    const data = T.bytes(Tag.Data, Buffer.from('to be signed'));
    const s = await run(Operation.Sign, [uidF(priv), dsa, data]);
    const sig = bytes(s, Tag.SignatureData);
    expect(nodeCrypto.verify('sha256', Buffer.from('to be signed'), nodeCrypto.createPublicKey({ key: pair.publicKey, format: 'der', type: 'spki' }), sig)).toBe(true);
    for (const u of [pub, pub1]) {
      const v = await run(Operation.SignatureVerify, [uidF(u), dsa, data, T.bytes(Tag.SignatureData, sig)]);
      expect(field(v, Tag.ValidityIndicator)?.value).toBe(ValidityIndicator.Valid);
    }
    const bad = Buffer.from(sig);
    bad[10] ^= 1;
    const v2 = await run(Operation.SignatureVerify, [uidF(pub), dsa, data, T.bytes(Tag.SignatureData, bad)]);
    expect(field(v2, Tag.ValidityIndicator)?.value).toBe(ValidityIndicator.Invalid);
    // PSS with Digested Data.
    const pss = params(T.enum(Tag.PaddingMethod, PaddingMethod.PSS), T.enum(Tag.HashingAlgorithm, HashingAlgorithm.SHA_256));
    const digest = nodeCrypto.createHash('sha256').update('to be signed').digest();
    const s3 = await run(Operation.Sign, [uidF(priv), pss, data]);
    const v3 = await run(Operation.SignatureVerify, [uidF(pub), pss, T.bytes(Tag.DigestedData, digest), T.bytes(Tag.SignatureData, bytes(s3, Tag.SignatureData))]);
    expect(field(v3, Tag.ValidityIndicator)?.value).toBe(ValidityIndicator.Valid);
    // A public key cannot sign; Sign needs exactly one of Data and Digested Data.
    expect(await reasonOf(run(Operation.Sign, [uidF(pub), dsa, data]))).toBe(ResultReason.PermissionDenied);
    expect(await reasonOf(run(Operation.Sign, [uidF(priv), dsa]))).toBe(ResultReason.InvalidField);
    // OAEP SHA-256: Encrypt with the public key object, Decrypt with the private key.
    const oaep = params(T.enum(Tag.PaddingMethod, PaddingMethod.OAEP), T.enum(Tag.HashingAlgorithm, HashingAlgorithm.SHA_256));
    const e = await run(Operation.Encrypt, [uidF(pub), oaep, T.bytes(Tag.Data, Buffer.from('rsa secret'))]);
    const d = await run(Operation.Decrypt, [uidF(priv), oaep, T.bytes(Tag.Data, bytes(e, Tag.Data))]);
    expect(bytes(d, Tag.Data).toString()).toBe('rsa secret');
  });

  test('ECDSA P-256 with SHA-256', async () => {
    const pair = await crypto.generateKeyPair({ algorithm: 'EC', curve: 'P-256' });
    const priv = put({ objectType: ObjectType.PrivateKey, algorithm: CryptographicAlgorithm.EC, mask: U.Sign, material: pair.privateKey.wrapped, kekId: pair.privateKey.kekId });
    const pub = put({ objectType: ObjectType.PublicKey, algorithm: CryptographicAlgorithm.EC, mask: U.Verify, body: publicBody(pair.publicKey, CryptographicAlgorithm.EC) });
    const dsa = params(T.enum(Tag.DigitalSignatureAlgorithm, DigitalSignatureAlgorithm.ECDSAWithSHA256));
    const data = T.bytes(Tag.Data, Buffer.from('ec'));
    const sig = bytes(await run(Operation.Sign, [uidF(priv), dsa, data]), Tag.SignatureData);
    const v = await run(Operation.SignatureVerify, [uidF(pub), dsa, data, T.bytes(Tag.SignatureData, sig)]);
    expect(field(v, Tag.ValidityIndicator)?.value).toBe(ValidityIndicator.Valid);
    const rsaAlg = params(T.enum(Tag.DigitalSignatureAlgorithm, DigitalSignatureAlgorithm.SHA_256WithRSAEncryption));
    expect(await reasonOf(run(Operation.Sign, [uidF(priv), rsaAlg, data]))).toBe(ResultReason.InvalidField);
  });
});

describe('MAC, MAC Verify, RNG Retrieve, Hash', () => {
  test('HMAC-SHA256 (RFC 4231 case 2) and MAC Verify', async () => {
    const uid = await putSecret(Buffer.from('Jefe'), { keyClass: 'secret', algorithm: 'HMAC' }, {
      algorithm: CryptographicAlgorithm.HMAC_SHA256, mask: U.MACGenerate | U.MACVerify,
    });
    const data = T.bytes(Tag.Data, Buffer.from('what do ya want for nothing?'));
    const m = await run(Operation.MAC, [uidF(uid), data]);
    expect(bytes(m, Tag.MACData).toString('hex')).toBe('5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
    const ok = await run(Operation.MACVerify, [uidF(uid), data, T.bytes(Tag.MACData, bytes(m, Tag.MACData))]);
    expect(field(ok, Tag.ValidityIndicator)?.value).toBe(ValidityIndicator.Valid);
    const bad = await run(Operation.MACVerify, [uidF(uid), data, T.bytes(Tag.MACData, Buffer.alloc(32))]);
    expect(field(bad, Tag.ValidityIndicator)?.value).toBe(ValidityIndicator.Invalid);
    const short = await run(Operation.MACVerify, [uidF(uid), data, T.bytes(Tag.MACData, Buffer.alloc(3))]);
    expect(field(short, Tag.ValidityIndicator)?.value).toBe(ValidityIndicator.Invalid);
  });

  test('HMAC-SHA256 named in the Cryptographic Parameters attribute of an AES key (OASIS CS-AC-M-4-21)', async () => {
    const uid = await putSecret(Buffer.from('0123456789abcdef0123456789abcdef', 'hex'), AES, {
      algorithm: CryptographicAlgorithm.AES, mask: U.MACGenerate | U.MACVerify,
      params: [T.enum(Tag.CryptographicAlgorithm, CryptographicAlgorithm.HMAC_SHA256)],
    });
    const data = T.bytes(Tag.Data, Buffer.from('01020304050607080910111213141516', 'hex'));
    const m = await run(Operation.MAC, [uidF(uid), data]);
    expect(bytes(m, Tag.MACData).toString('hex')).toBe('c911e78196d64c30f631bb079ea37b97a95936d4da764d6a171df030c895ecf9');
    const v = await run(Operation.MACVerify, [uidF(uid), data, T.bytes(Tag.MACData, bytes(m, Tag.MACData))]);
    expect(field(v, Tag.ValidityIndicator)?.value).toBe(ValidityIndicator.Valid);
  });

  test('AES-CMAC (RFC 4493 example 2) with Block Cipher Mode CMAC', async () => {
    const uid = await putSecret(Buffer.from('2b7e151628aed2a6abf7158809cf4f3c', 'hex'), AES, { algorithm: CryptographicAlgorithm.AES, mask: U.MACGenerate });
    const m = await run(Operation.MAC, [uidF(uid), params(T.enum(Tag.BlockCipherMode, BlockCipherMode.CMAC)), T.bytes(Tag.Data, Buffer.from('6bc1bee22e409f96e93d7e117393172a', 'hex'))]);
    expect(bytes(m, Tag.MACData).toString('hex')).toBe('070a16b46b4d4144f79bdd9dd04a287c');
  });

  test('RNG Retrieve returns Data Length bytes and refuses bad lengths', async () => {
    const r = await run(Operation.RNGRetrieve, [T.int(Tag.DataLength, 48)]);
    expect(bytes(r, Tag.Data).length).toBe(48);
    expect(await reasonOf(run(Operation.RNGRetrieve, [T.int(Tag.DataLength, 0)]))).toBe(ResultReason.InvalidField);
    expect(await reasonOf(run(Operation.RNGRetrieve, [T.int(Tag.DataLength, 10_000_000)]))).toBe(ResultReason.InvalidField);
    expect(await reasonOf(run(Operation.RNGRetrieve, []))).toBe(ResultReason.InvalidField);
  });

  test('Hash SHA-256 of "abc"; a missing Hashing Algorithm is Invalid Field', async () => {
    const r = await run(Operation.Hash, [params(T.enum(Tag.HashingAlgorithm, HashingAlgorithm.SHA_256)), T.bytes(Tag.Data, Buffer.from('abc'))]);
    expect(bytes(r, Tag.Data).toString('hex')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(await reasonOf(run(Operation.Hash, [T.bytes(Tag.Data, Buffer.from('abc'))]))).toBe(ResultReason.InvalidField);
  });
});

test('through the dispatch table: Create, Activate, Encrypt, Decrypt chained by the ID Placeholder', async () => {
  const { OPERATIONS } = await import('../../../src/operations');
  const exec = async (op: number, fields: TtlvItem[], c: OperationContext): Promise<OperationResult> => {
    const r = await OPERATIONS.get(op)!.handle(T.struct(Tag.RequestPayload, fields), c);
    if (r.idPlaceholder !== undefined) c.idPlaceholder = r.idPlaceholder;
    return r;
  };
  const c = ctx(2, 1);
  const attrs = T.struct(Tag.Attributes, [
    T.enum(Tag.CryptographicAlgorithm, CryptographicAlgorithm.AES),
    T.int(Tag.CryptographicLength, 128),
    T.int(Tag.CryptographicUsageMask, U.Encrypt | U.Decrypt),
  ]);
  await exec(Operation.Create, [T.enum(Tag.ObjectType, ObjectType.SymmetricKey), attrs], c);
  const gcm = params(T.enum(Tag.BlockCipherMode, BlockCipherMode.GCM), T.int(Tag.TagLength, 16));
  expect(await reasonOf(exec(Operation.Encrypt, [gcm, T.bytes(Tag.Data, Buffer.from('pre-active'))], c))).toBe(ResultReason.WrongKeyLifecycleState);
  await exec(Operation.Activate, [], c);
  const e = await exec(Operation.Encrypt, [gcm, T.bytes(Tag.Data, Buffer.from('via the table'))], c);
  const d = await exec(Operation.Decrypt, [
    gcm, T.bytes(Tag.Data, bytes(e, Tag.Data)), T.bytes(Tag.IVCounterNonce, bytes(e, Tag.IVCounterNonce)),
    T.bytes(Tag.AuthenticatedEncryptionTag, bytes(e, Tag.AuthenticatedEncryptionTag)),
  ], c);
  expect(bytes(d, Tag.Data).toString()).toBe('via the table');
  expect(child(T.struct(0, d.payload), Tag.UniqueIdentifier)?.value).toBe(c.idPlaceholder);
});
