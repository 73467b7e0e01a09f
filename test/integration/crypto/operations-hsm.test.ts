/** The cryptographic operation handlers with the PKCS#11 provider on a real SoftHSM2 token. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as nodeCrypto from 'node:crypto';
import {
  Tag, Operation, ObjectType, State, CryptographicAlgorithm, CryptographicUsageMask as U, BlockCipherMode, PaddingMethod,
  DigitalSignatureAlgorithm, ValidityIndicator, KeyFormatType, HashingAlgorithm,
} from '../../../src/kmip';
import { T, type TtlvItem } from '../../../src/ttlv/item';
import { encodeTtlv } from '../../../src/ttlv/binary-writer';
import { MemoryStore } from '../../../src/store/memory';
import { Pkcs11CryptoProvider } from '../../../src/crypto/pkcs11/provider';
import type { Attribute } from '../../../src/attributes/model';
import type { OperationContext, OperationResult } from '../../../src/operations/types';
import { CRYPTO_OPERATIONS } from '../../../src/operations/crypto';
import { describeHsm, setupTokenForTest } from './softhsm-helper';

describeHsm('crypto operations on SoftHSM2', () => {
  let dir: string;
  let provider: Pkcs11CryptoProvider;
  const store = new MemoryStore();
  const ctx = (): OperationContext => ({
    version: { major: 2, minor: 1 }, principal: 'alice', tenant: '', idPlaceholder: undefined, journal: undefined, store,
    crypto: provider, now: () => new Date(),
    options: { activateOnCreate: false, vendorIdentification: 'Tumbler', serverInformation: 'test' },
  });
  const attr = (name: string, value: TtlvItem): Attribute => ({ name, index: 0, value: { ...value, tag: Tag.AttributeValue } as TtlvItem });
  const put = (uid: string, objectType: number, alg: number, mask: number, material: Buffer | null, kekId: string | null, body: Buffer | null = null): void =>
    store.insert({
      uid, objectType, state: State.Active, body, material, kekId, owner: 'alice', tenant: '',
      attributes: [attr('Cryptographic Algorithm', T.enum(0, alg)), attr('Cryptographic Usage Mask', T.int(0, mask))],
    });
  const run = (op: number, fields: TtlvItem[]): Promise<OperationResult> =>
    CRYPTO_OPERATIONS.find((h) => h.operation === op)!.handle(T.struct(Tag.RequestPayload, fields), ctx());
  const out = (r: OperationResult, tag: number): TtlvItem['value'] => r.payload.find((i) => i.tag === tag)?.value as TtlvItem['value'];

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tumbler-hsmops-'));
    const hsm = setupTokenForTest(dir, { label: 'ops' });
    provider = await Pkcs11CryptoProvider.open({ modulePath: hsm.modulePath, tokenLabel: 'ops', pinFile: hsm.pinFile });
  });
  afterAll(async () => {
    await provider?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('AES-256 generated in the HSM: GCM Encrypt with server IV, Decrypt; result matches node with the exported key', async () => {
    const k = await provider.generateSymmetricKey(CryptographicAlgorithm.AES, 256);
    put('aes', ObjectType.SymmetricKey, CryptographicAlgorithm.AES, U.Encrypt | U.Decrypt, k.wrapped, k.kekId);
    const gcm = T.struct(Tag.CryptographicParameters, [T.enum(Tag.BlockCipherMode, BlockCipherMode.GCM), T.int(Tag.TagLength, 16)]);
    const e = await run(Operation.Encrypt, [T.text(Tag.UniqueIdentifier, 'aes'), gcm, T.bytes(Tag.Data, Buffer.from('hsm data'))]);
    const iv = out(e, Tag.IVCounterNonce) as Buffer;
    const tag = out(e, Tag.AuthenticatedEncryptionTag) as Buffer;
    const plainKey = await provider.exportKey(k);
    const d = nodeCrypto.createDecipheriv('aes-256-gcm', plainKey, iv);
    d.setAuthTag(tag);
    expect(Buffer.concat([d.update(out(e, Tag.Data) as Buffer), d.final()]).toString()).toBe('hsm data');
    const r = await run(Operation.Decrypt, [
      T.text(Tag.UniqueIdentifier, 'aes'), gcm, T.bytes(Tag.Data, Buffer.concat([out(e, Tag.Data) as Buffer, tag])), T.bytes(Tag.IVCounterNonce, iv),
    ]);
    expect((out(r, Tag.Data) as Buffer).toString()).toBe('hsm data');
  });

  test('RSA-3072 key pair in the HSM: Sign (PSS) and Signature Verify with the public key object; OAEP SHA-256 Decrypt', async () => {
    const pair = await provider.generateKeyPair({ algorithm: 'RSA', modulusBits: 3072 });
    put('rsa-priv', ObjectType.PrivateKey, CryptographicAlgorithm.RSA, U.Sign | U.Decrypt, pair.privateKey.wrapped, pair.privateKey.kekId);
    const body = encodeTtlv(T.struct(Tag.PublicKey, [T.struct(Tag.KeyBlock, [
      T.enum(Tag.KeyFormatType, KeyFormatType.X_509), T.struct(Tag.KeyValue, [T.bytes(Tag.KeyMaterial, pair.publicKey)]),
    ])]));
    put('rsa-pub', ObjectType.PublicKey, CryptographicAlgorithm.RSA, U.Verify | U.Encrypt, null, null, body);
    const pss = T.struct(Tag.CryptographicParameters, [T.enum(Tag.DigitalSignatureAlgorithm, DigitalSignatureAlgorithm.RSASSA_PSS), T.enum(Tag.HashingAlgorithm, HashingAlgorithm.SHA_512)]);
    const data = T.bytes(Tag.Data, Buffer.from('sign me'));
    const sig = out(await run(Operation.Sign, [T.text(Tag.UniqueIdentifier, 'rsa-priv'), pss, data]), Tag.SignatureData) as Buffer;
    const v = await run(Operation.SignatureVerify, [T.text(Tag.UniqueIdentifier, 'rsa-pub'), pss, data, T.bytes(Tag.SignatureData, sig)]);
    expect(out(v, Tag.ValidityIndicator)).toBe(ValidityIndicator.Valid);
    const oaep = T.struct(Tag.CryptographicParameters, [T.enum(Tag.PaddingMethod, PaddingMethod.OAEP), T.enum(Tag.HashingAlgorithm, HashingAlgorithm.SHA_256)]);
    const ct = nodeCrypto.publicEncrypt({ key: nodeCrypto.createPublicKey({ key: pair.publicKey, format: 'der', type: 'spki' }), oaepHash: 'sha256' }, Buffer.from('to hsm'));
    const d = await run(Operation.Decrypt, [T.text(Tag.UniqueIdentifier, 'rsa-priv'), oaep, T.bytes(Tag.Data, ct)]);
    expect((out(d, Tag.Data) as Buffer).toString()).toBe('to hsm');
  });

  test('RNG Retrieve and Hash use the HSM', async () => {
    expect((out(await run(Operation.RNGRetrieve, [T.int(Tag.DataLength, 64)]), Tag.Data) as Buffer).length).toBe(64);
    const h = await run(Operation.Hash, [T.struct(Tag.CryptographicParameters, [T.enum(Tag.HashingAlgorithm, HashingAlgorithm.SHA_1)]), T.bytes(Tag.Data, Buffer.from('abc'))]);
    expect((out(h, Tag.Data) as Buffer).toString('hex')).toBe('a9993e364706816aba3e25717850c26c9cd0d89d');
  });
});
