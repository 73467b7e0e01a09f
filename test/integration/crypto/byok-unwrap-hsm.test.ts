/**
 * Bring your own key on a real SoftHSM2 token: Register of raw key material wrapped by a client (node:crypto
 * id-aes256-wrap, id-aes256-wrap-pad, RSA-OAEP) is unwrapped with C_UnwrapKey inside the token
 * (src/crypto/pkcs11/unwrap-import.ts) through the operation handlers; the key Gets back with its bytes,
 * encrypts like them and has their Digest; damaged data is a KMIP error and stores nothing.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as nodeCrypto from 'node:crypto';
import {
  Tag, Operation, ObjectType, CryptographicAlgorithm, KeyFormatType, ResultReason, WrappingMethod, EncodingOption, BlockCipherMode,
  HashingAlgorithm, PaddingMethod, CryptographicUsageMask as M,
} from '../../../src/kmip';
import { T, child, type TtlvItem } from '../../../src/ttlv/item';
import { MemoryStore } from '../../../src/store/memory';
import { Pkcs11CryptoProvider } from '../../../src/crypto/pkcs11/provider';
import { findAttr } from '../../../src/attributes/list';
import { KmipError } from '../../../src/message/errors';
import { OPERATIONS } from '../../../src/operations';
import type { DecipherParams, KeyRef } from '../../../src/crypto/port';
import type { OperationContext, OperationResult } from '../../../src/operations/types';
import { describeHsm, setupTokenForTest } from './softhsm-helper';

const KW_IV = Buffer.from('a6a6a6a6a6a6a6a6', 'hex');
const KWP_IV = Buffer.from('a65959a6', 'hex');
const sha256 = (b: Buffer) => nodeCrypto.createHash('sha256').update(b).digest();

function wrapWith(cipher: string, kek: Buffer, key: Buffer): Buffer {
  const c = nodeCrypto.createCipheriv(cipher, kek, cipher.endsWith('-pad') ? KWP_IV : KW_IV);
  return Buffer.concat([c.update(key), c.final()]);
}

describeHsm('Register of client-wrapped keys unwrapped inside SoftHSM2', () => {
  let dir: string;
  let provider: Pkcs11CryptoProvider;
  const store = new MemoryStore();
  const ctx = (): OperationContext => ({
    version: { major: 1, minor: 4 }, principal: 'alice', tenant: '', idPlaceholder: undefined, journal: undefined, store,
    crypto: provider, now: () => new Date(),
    options: { activateOnCreate: true, vendorIdentification: 'Tumbler', serverInformation: 'test' },
  });
  const run = (op: number, fields: TtlvItem[]): Promise<OperationResult> => OPERATIONS.get(op)!.handle(T.struct(Tag.RequestPayload, fields), ctx());
  const out = (r: OperationResult, tag: number): TtlvItem | undefined => r.payload.find((i) => i.tag === tag);
  const attr = (name: string, value: TtlvItem): TtlvItem =>
    T.struct(Tag.Attribute, [T.text(Tag.AttributeName, name), { ...value, tag: Tag.AttributeValue } as TtlvItem]);
  const activeNow = () => attr('Activation Date', T.date(0, BigInt(Math.floor(Date.now() / 1000) - 60)));
  const reasonOf = async (p: Promise<unknown>): Promise<number> => {
    try {
      await p;
    } catch (e) {
      if (e instanceof KmipError) return e.reason;
      throw e;
    }
    throw new Error('expected a KmipError, the operation succeeded');
  };

  async function registerPlain(material: Buffer, mask: number): Promise<string> {
    const r = await run(Operation.Register, [
      T.enum(Tag.ObjectType, ObjectType.SymmetricKey),
      T.struct(Tag.TemplateAttribute, [attr('Cryptographic Usage Mask', T.int(0, mask)), activeNow()]),
      T.struct(Tag.SymmetricKey, [T.struct(Tag.KeyBlock, [
        T.enum(Tag.KeyFormatType, KeyFormatType.Raw),
        T.struct(Tag.KeyValue, [T.bytes(Tag.KeyMaterial, Buffer.from(material))]),
        T.enum(Tag.CryptographicAlgorithm, CryptographicAlgorithm.AES),
        T.int(Tag.CryptographicLength, material.length * 8),
      ])]),
    ]);
    return out(r, Tag.UniqueIdentifier)!.value as string;
  }

  async function registerWrapped(kekUid: string, wrapped: Buffer, bits: number, cp: TtlvItem[], alg: number = CryptographicAlgorithm.AES): Promise<string> {
    const mask = alg === CryptographicAlgorithm.AES ? M.Encrypt | M.Decrypt : M.MACGenerate | M.MACVerify;
    const r = await run(Operation.Register, [
      T.enum(Tag.ObjectType, ObjectType.SymmetricKey),
      T.struct(Tag.TemplateAttribute, [attr('Cryptographic Usage Mask', T.int(0, mask)), activeNow()]),
      T.struct(Tag.SymmetricKey, [T.struct(Tag.KeyBlock, [
        T.enum(Tag.KeyFormatType, KeyFormatType.Raw),
        T.struct(Tag.KeyValue, [T.bytes(Tag.KeyMaterial, wrapped)]),
        T.enum(Tag.CryptographicAlgorithm, alg),
        T.int(Tag.CryptographicLength, bits),
        T.struct(Tag.KeyWrappingData, [
          T.enum(Tag.WrappingMethod, WrappingMethod.Encrypt),
          T.struct(Tag.EncryptionKeyInformation, [T.text(Tag.UniqueIdentifier, kekUid), T.struct(Tag.CryptographicParameters, cp)]),
          T.enum(Tag.EncodingOption, EncodingOption.NoEncoding),
        ]),
      ])]),
    ]);
    return out(r, Tag.UniqueIdentifier)!.value as string;
  }

  async function material(uid: string): Promise<Buffer> {
    const g = await run(Operation.Get, [T.text(Tag.UniqueIdentifier, uid)]);
    return child(child(child(out(g, Tag.SymmetricKey), Tag.KeyBlock), Tag.KeyValue), Tag.KeyMaterial)!.value as Buffer;
  }

  const digest = (uid: string) => child(findAttr(store.get(uid)!.attributes, 'Digest')?.value, Tag.DigestValue)?.value;

  /** Encrypt (AES-CBC, PKCS#5) in the HSM with the registered key equals node:crypto with the client's bytes. */
  async function expectEncryptsLike(uid: string, key: Buffer): Promise<void> {
    const iv = nodeCrypto.randomBytes(16);
    const data = Buffer.from('wrapped by the client, unwrapped in the token');
    const r = await run(Operation.Encrypt, [
      T.text(Tag.UniqueIdentifier, uid),
      T.struct(Tag.CryptographicParameters, [T.enum(Tag.BlockCipherMode, BlockCipherMode.CBC), T.enum(Tag.PaddingMethod, PaddingMethod.PKCS5)]),
      T.bytes(Tag.Data, data),
      T.bytes(Tag.IVCounterNonce, iv),
    ]);
    const c = nodeCrypto.createCipheriv(`aes-${key.length * 8}-cbc`, key, iv);
    expect(out(r, Tag.Data)!.value).toEqual(Buffer.concat([c.update(data), c.final()]));
  }

  function spies() {
    const decrypt = jest.spyOn(provider, 'decrypt');
    const unwrapImport = jest.spyOn(provider, 'unwrapImport');
    const ecbCalls = () => decrypt.mock.calls.filter(([, , p]: [KeyRef, Buffer, DecipherParams]) => p.mode === 'ECB').length;
    return { decrypt, unwrapImport, ecbCalls };
  }

  let kekBytes: Buffer;
  let kekUid: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tumbler-byok-'));
    const hsm = setupTokenForTest(dir, { label: 'byok' });
    provider = await Pkcs11CryptoProvider.open({ modulePath: hsm.modulePath, tokenLabel: 'byok', pinFile: hsm.pinFile });
    kekBytes = nodeCrypto.randomBytes(32);
    kekUid = await registerPlain(kekBytes, M.WrapKey | M.UnwrapKey);
  });
  afterEach(() => jest.restoreAllMocks());
  afterAll(async () => {
    await provider?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('AES Key Wrap (RFC 3394) and with Padding (RFC 5649), AES and HMAC keys: C_UnwrapKey in the token, no AES-ECB block calls', async () => {
    const s = spies();
    const cases: Array<[string, number, number]> = [
      ['id-aes256-wrap', 32, BlockCipherMode.NISTKeyWrap],
      ['id-aes256-wrap', 16, BlockCipherMode.NISTKeyWrap],
      ['id-aes256-wrap-pad', 24, BlockCipherMode.AESKeyWrapPadding],
      ['id-aes256-wrap-pad', 32, BlockCipherMode.AESKeyWrapPadding],
    ];
    for (const [cipher, bytes, mode] of cases) {
      const key = nodeCrypto.randomBytes(bytes);
      const uid = await registerWrapped(kekUid, wrapWith(cipher, kekBytes, key), bytes * 8, [T.enum(Tag.BlockCipherMode, mode)]);
      expect(await material(uid)).toEqual(key);
      expect(digest(uid)).toEqual(sha256(key));
      await expectEncryptsLike(uid, key);
    }
    // An HMAC key (a generic secret in the token), RFC 3394: Get, Digest and a MAC like node's.
    const hmacKey = nodeCrypto.randomBytes(40);
    const hmacUid = await registerWrapped(kekUid, wrapWith('id-aes256-wrap', kekBytes, hmacKey), 320, [T.enum(Tag.BlockCipherMode, BlockCipherMode.NISTKeyWrap)], CryptographicAlgorithm.HMAC_SHA256);
    expect(await material(hmacUid)).toEqual(hmacKey);
    expect(digest(hmacUid)).toEqual(sha256(hmacKey));
    const data = Buffer.from('mac me');
    const mac = await run(Operation.MAC, [
      T.text(Tag.UniqueIdentifier, hmacUid), T.struct(Tag.CryptographicParameters, [T.enum(Tag.CryptographicAlgorithm, CryptographicAlgorithm.HMAC_SHA256)]), T.bytes(Tag.Data, data),
    ]);
    expect(out(mac, Tag.MACData)!.value).toEqual(nodeCrypto.createHmac('sha256', hmacKey).update(data).digest());
    expect(s.unwrapImport).toHaveBeenCalledTimes(5);
    for (const r of s.unwrapImport.mock.results) await expect(r.value).resolves.toBeDefined();
    expect(s.ecbCalls()).toBe(0);
    expect(s.decrypt).not.toHaveBeenCalled();
  });

  test('RSA-OAEP: SHA-1 unwraps in the token; SHA-256 (which SoftHSM2 lacks) falls back to decrypt and still works', async () => {
    const r = await run(Operation.CreateKeyPair, [
      T.struct(Tag.CommonTemplateAttribute, [attr('Cryptographic Algorithm', T.enum(0, CryptographicAlgorithm.RSA)), attr('Cryptographic Length', T.int(0, 2048))]),
      T.struct(Tag.PrivateKeyTemplateAttribute, [attr('Cryptographic Usage Mask', T.int(0, M.UnwrapKey | M.Decrypt))]),
      T.struct(Tag.PublicKeyTemplateAttribute, [attr('Cryptographic Usage Mask', T.int(0, M.WrapKey | M.Encrypt))]),
    ]);
    const priv = out(r, Tag.PrivateKeyUniqueIdentifier)!.value as string;
    const pub = out(r, Tag.PublicKeyUniqueIdentifier)!.value as string;
    const g = await run(Operation.Get, [T.text(Tag.UniqueIdentifier, pub), T.enum(Tag.KeyFormatType, KeyFormatType.X_509)]);
    const spki = child(child(child(out(g, Tag.PublicKey), Tag.KeyBlock), Tag.KeyValue), Tag.KeyMaterial)!.value as Buffer;
    const publicKey = nodeCrypto.createPublicKey({ key: spki, format: 'der', type: 'spki' });
    const oaep = (hash: string, key: Buffer) => nodeCrypto.publicEncrypt({ key: publicKey, padding: nodeCrypto.constants.RSA_PKCS1_OAEP_PADDING, oaepHash: hash }, key);
    const params = (h: number) => [T.enum(Tag.PaddingMethod, PaddingMethod.OAEP), T.enum(Tag.HashingAlgorithm, h)];

    const s = spies();
    const key1 = nodeCrypto.randomBytes(32);
    const uid1 = await registerWrapped(priv, oaep('sha1', key1), 256, params(HashingAlgorithm.SHA_1));
    await expect(s.unwrapImport.mock.results[0].value).resolves.toBeDefined();
    expect(s.decrypt).not.toHaveBeenCalled();
    expect(await material(uid1)).toEqual(key1);
    expect(digest(uid1)).toEqual(sha256(key1));
    await expectEncryptsLike(uid1, key1);

    const key2 = nodeCrypto.randomBytes(16);
    const uid2 = await registerWrapped(priv, oaep('sha256', key2), 128, params(HashingAlgorithm.SHA_256));
    await expect(s.unwrapImport.mock.results[1].value).resolves.toBeUndefined();
    expect(s.decrypt).toHaveBeenCalledTimes(1);
    expect(await material(uid2)).toEqual(key2);
    expect(digest(uid2)).toEqual(sha256(key2));

    // A damaged OAEP block, and a key whose length is not the stated one (16 bytes said to be 32).
    const before = store.count({ filters: [] });
    const bad = oaep('sha1', key1);
    bad[10] ^= 0xff;
    expect(await reasonOf(registerWrapped(priv, bad, 256, params(HashingAlgorithm.SHA_1)))).toBe(ResultReason.CryptographicFailure);
    expect(await reasonOf(registerWrapped(priv, oaep('sha1', key2), 256, params(HashingAlgorithm.SHA_1)))).toBe(ResultReason.InvalidField);
    expect(store.count({ filters: [] })).toBe(before);
  });

  test('a damaged blob, a wrong wrapping key or a non-AES length is a KMIP error and stores nothing', async () => {
    const otherUid = await registerPlain(nodeCrypto.randomBytes(32), M.WrapKey | M.UnwrapKey);
    const key = nodeCrypto.randomBytes(32);
    const kw = wrapWith('id-aes256-wrap', kekBytes, key);
    const kwp = wrapWith('id-aes256-wrap-pad', kekBytes, key);
    const damage = (b: Buffer) => {
      const d = Buffer.from(b);
      d[9] ^= 0x80;
      return d;
    };
    const kwMode = [T.enum(Tag.BlockCipherMode, BlockCipherMode.NISTKeyWrap)];
    const kwpMode = [T.enum(Tag.BlockCipherMode, BlockCipherMode.AESKeyWrapPadding)];
    const before = store.count({ filters: [] });
    const s = spies();
    expect(await reasonOf(registerWrapped(kekUid, damage(kw), 256, kwMode))).toBe(ResultReason.CryptographicFailure);
    await expect(registerWrapped(kekUid, damage(kw), 256, kwMode)).rejects.toThrow(/unwrapping the registered key failed: wrong wrapping key or damaged wrapped data \(CKR_/);
    expect(await reasonOf(registerWrapped(kekUid, damage(kwp), 256, kwpMode))).toBe(ResultReason.CryptographicFailure);
    expect(await reasonOf(registerWrapped(otherUid, kw, 256, kwMode))).toBe(ResultReason.CryptographicFailure);
    // 20 bytes said to be AES-192: same RFC 5649 size, and the token unwraps it; the AES check refuses it.
    const odd = wrapWith('id-aes256-wrap-pad', kekBytes, nodeCrypto.randomBytes(20));
    expect(await reasonOf(registerWrapped(kekUid, odd, 192, kwpMode))).toBe(ResultReason.InvalidField);
    await expect(registerWrapped(kekUid, odd, 192, kwpMode)).rejects.toThrow(/not a 24-byte AES key/);
    expect(s.unwrapImport).toHaveBeenCalledTimes(6);
    expect(s.ecbCalls()).toBe(0);
    expect(store.count({ filters: [] })).toBe(before);
    // The provider is still fine afterwards (no operation left active in a pooled session).
    const uid = await registerWrapped(kekUid, kw, 256, kwMode);
    expect(await material(uid)).toEqual(key);
  });
});
