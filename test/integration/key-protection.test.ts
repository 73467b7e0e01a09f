/**
 * Key protection, end to end on a real server (real SQLite file, SoftHSM2 required when CI=true) driven by
 * the real PyKMIP client:
 *  - after keys are registered, generated, used and fetched, none of their plaintext bytes appears in the
 *    database file, its WAL, or the server's log output (captured at debug level);
 *  - a Sensitive key cannot be fetched, yet it still encrypts and decrypts.
 */
import * as fs from 'node:fs';
import * as nodeCrypto from 'node:crypto';
import { startTestServer, type TestServer } from '../helpers/server';
import { byId, describePyKmip, valueOf, type PyResult, type PyStep } from '../helpers/pykmip';
import { kmipCall, runCryptoSteps } from './pykmip-crypto-driver';
import { Tag, Operation, ObjectType, CryptographicAlgorithm, KeyFormatType, BlockCipherMode, PaddingMethod, ResultReason } from '../../src/kmip';
import { CryptographicUsageMask as M } from '../../src/kmip/masks';
import { T, child } from '../../src/ttlv/item';

const hex = (b: Buffer) => b.toString('hex');

/** Everything the server's logger writes while active (winston's Console transport writes to console._stderr). */
class LogCapture {
  text = '';
  private restore: Array<() => void> = [];
  start(): void {
    const grab = (target: { write: (...a: unknown[]) => boolean }) => {
      const orig = target.write;
      target.write = (chunk: unknown, ...rest: unknown[]) => {
        this.text += Buffer.isBuffer(chunk) ? chunk.toString('utf8') : String(chunk);
        return orig.call(target, chunk, ...rest);
      };
      this.restore.push(() => (target.write = orig));
    };
    const c = console as unknown as { _stderr?: { write: (...a: unknown[]) => boolean }; _stdout?: { write: (...a: unknown[]) => boolean } };
    if (c._stderr) grab(c._stderr);
    if (c._stdout && c._stdout !== c._stderr) grab(c._stdout);
    grab(process.stderr as unknown as { write: (...a: unknown[]) => boolean });
    grab(process.stdout as unknown as { write: (...a: unknown[]) => boolean });
  }
  stop(): void {
    for (const r of this.restore.reverse()) r();
    this.restore = [];
  }
}

/** Ways a secret could be written: raw bytes (binary files), hex and base64 (text). */
function encodings(secret: Buffer): Buffer[] {
  return [secret, Buffer.from(hex(secret)), Buffer.from(hex(secret).toUpperCase()), Buffer.from(secret.toString('base64')), Buffer.from(secret.toString('base64url'))];
}

describePyKmip('key protection (SoftHSM2)', () => {
  describe('no plaintext key material in the database, its WAL or the log', () => {
    let server: TestServer;
    const capture = new LogCapture();
    const oldLevel = process.env.TUMBLER_LOG_LEVEL;
    beforeAll(async () => {
      process.env.TUMBLER_LOG_LEVEL = 'debug';
      capture.start();
      server = await startTestServer();
    });
    afterAll(async () => {
      await server?.stop();
      capture.stop();
      if (oldLevel === undefined) delete process.env.TUMBLER_LOG_LEVEL;
      else process.env.TUMBLER_LOG_LEVEL = oldLevel;
    });

    test('scan after registering, generating, using and fetching keys', async () => {
      const aes = nodeCrypto.randomBytes(32);
      const hmac = nodeCrypto.randomBytes(32);
      const password = nodeCrypto.randomBytes(24);
      const steps: PyStep[] = [
        { id: 'regAes', op: 'register_key', args: { key_hex: hex(aes), masks: ['ENCRYPT', 'DECRYPT'] } },
        { id: 'a1', op: 'activate', args: { uid: '$regAes' } },
        { id: 'enc', op: 'encrypt', args: { uid: '$regAes', data_hex: '00'.repeat(32), params: { block_cipher_mode: 'CBC', padding_method: 'PKCS5', random_iv: true } } },
        { id: 'regHmac', op: 'register_key', args: { key_hex: hex(hmac), algorithm: 'HMAC_SHA256', masks: ['MAC_GENERATE'] } },
        { id: 'regPw', op: 'register_key', args: { type: 'SecretData', key_hex: hex(password), masks: ['DERIVE_KEY'] } },
        { id: 'gen', op: 'create', args: { algorithm: 'AES', length: 256 } },
        { id: 'getGen', op: 'get', args: { uid: '$gen' } },
        { id: 'getAes', op: 'get', args: { uid: '$regAes' } },
        { id: 'kp', op: 'create_key_pair', args: { algorithm: 'RSA', length: 2048 } },
        { id: 'getPriv', op: 'get', args: { uid: '$kp.1' } },
        { id: 'getPriv8', op: 'get', args: { uid: '$kp.1', key_format_type: 'PKCS_8' } },
      ];
      const r: Record<string, PyResult> = byId(await runCryptoSteps(server, '1.4', steps));
      expect(valueOf(r.getAes).value_hex).toBe(hex(aes));
      valueOf(r.enc);
      const generated = Buffer.from(valueOf(r.getGen).value_hex, 'hex');
      expect(generated.length).toBe(32);
      const priv = valueOf(r.getPriv);
      const privKey = nodeCrypto.createPrivateKey({ key: Buffer.from(priv.value_hex, 'hex'), format: 'der', type: priv.key_format_type === 'PKCS_8' ? 'pkcs8' : 'pkcs1' });
      const jwk = privKey.export({ format: 'jwk' });
      const rsaParts = ['d', 'p', 'q', 'dp', 'dq'].map((k) => Buffer.from((jwk as Record<string, string>)[k], 'base64url'));
      const pkcs1 = privKey.export({ format: 'der', type: 'pkcs1' }) as Buffer;
      const pkcs8 = privKey.export({ format: 'der', type: 'pkcs8' }) as Buffer;

      const secrets: Array<[string, Buffer]> = [
        ['registered AES key', aes],
        ['registered HMAC key', hmac],
        ['registered password', password],
        ['generated AES key', generated],
        ...rsaParts.map((b, i): [string, Buffer] => [`RSA private component ${i}`, b]),
        // The modulus is public (the Public Key object holds it): the private tail of the DER is checked.
        ['RSA PKCS#1 DER (private tail)', pkcs1.subarray(pkcs1.length - 64)],
        ['RSA PKCS#8 DER (private part)', pkcs8.subarray(pkcs8.length - 64)],
      ];

      const files = [server.dbPath, `${server.dbPath}-wal`, `${server.dbPath}-shm`].filter((f) => fs.existsSync(f));
      expect(files).toContain(server.dbPath);
      const contents = files.map((f) => [f, fs.readFileSync(f)] as const);
      // Positive control: the scan reads the right files and the right log (the objects' identifiers are there).
      const uidFound = contents.some(([, b]) => b.includes(Buffer.from(valueOf(r.regAes))));
      expect(uidFound).toBe(true);
      expect(capture.text).toContain('KMIP server listening');
      expect(capture.text).toContain('client connected');
      const log = Buffer.from(capture.text);

      const leaks: string[] = [];
      for (const [name, secret] of secrets) {
        expect(secret.length).toBeGreaterThanOrEqual(24);
        for (const enc of encodings(secret)) {
          for (const [file, bytes] of contents) if (bytes.includes(enc)) leaks.push(`${name} in ${file}`);
          if (log.includes(enc)) leaks.push(`${name} in the server log`);
        }
      }
      expect(leaks).toEqual([]);
    });
  });

  describe('Sensitive keys', () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startTestServer();
    });
    afterAll(async () => {
      await server?.stop();
    });

    const CBC = { block_cipher_mode: 'CBC', padding_method: 'PKCS5', cryptographic_algorithm: 'AES' };

    test('1.4: created Sensitive, Get is refused, Encrypt/Decrypt still work', async () => {
      const data = nodeCrypto.randomBytes(40);
      const iv = nodeCrypto.randomBytes(16);
      const r = byId(
        await runCryptoSteps(server, '1.4', [
          { id: 'k', op: 'create_attrs', args: { algorithm: 'AES', length: 256, masks: ['ENCRYPT', 'DECRYPT'], sensitive: true } },
          { id: 'act', op: 'activate', args: { uid: '$k' } },
          { id: 'get', op: 'get', args: { uid: '$k' } },
          { id: 'enc', op: 'encrypt', args: { uid: '$k', data_hex: hex(data), params: CBC, iv_hex: hex(iv) } },
          { id: 'dec', op: 'decrypt', args: { uid: '$k', data_hex: '$enc.data_hex', params: CBC, iv_hex: hex(iv) } },
          { id: 'plain', op: 'create_attrs', args: { algorithm: 'AES', length: 256, masks: ['ENCRYPT', 'DECRYPT'], sensitive: false } },
          { id: 'getPlain', op: 'get', args: { uid: '$plain' } },
        ]),
      );
      expect(r.get.ok).toBe(false);
      // KMIP 1.4 defines the Sensitive result reason (1.4 Table 9.1.3.2.29).
      expect((r.get as { error: { reason: string } }).error.reason).toBe('SENSITIVE');
      expect(valueOf(r.enc).data_hex).toHaveLength(96);
      expect(valueOf(r.dec)).toBe(hex(data));
      // Control: the same request without Sensitive is answered with the key.
      expect(valueOf(r.getPlain).value_hex).toHaveLength(64);
    });

    test('2.0: Sensitive set afterwards; Get refused with Sensitive, the key still encrypts', async () => {
      const data = nodeCrypto.randomBytes(16);
      const iv = nodeCrypto.randomBytes(16);
      const r = byId(
        await runCryptoSteps(server, '2.0', [
          { id: 'k', op: 'create', args: { algorithm: 'AES', length: 128, masks: ['ENCRYPT', 'DECRYPT'] } },
          { id: 'act', op: 'activate', args: { uid: '$k' } },
          { id: 'before', op: 'get', args: { uid: '$k' } },
          { id: 'set', op: 'set_attribute', args: { uid: '$k', name: 'Sensitive', value: true } },
          { id: 'get', op: 'get', args: { uid: '$k' } },
          { id: 'enc', op: 'encrypt', args: { uid: '$k', data_hex: hex(data), params: CBC, iv_hex: hex(iv) } },
        ]),
      );
      const key = Buffer.from(valueOf(r.before).value_hex, 'hex');
      valueOf(r.set);
      expect(r.get.ok).toBe(false);
      expect((r.get as { error: { reason: string } }).error.reason).toBe('SENSITIVE');
      const c = nodeCrypto.createCipheriv('aes-128-cbc', key, iv);
      expect(valueOf(r.enc).data_hex).toBe(hex(Buffer.concat([c.update(data), c.final()])));
    });

    test('2.1 (own client): a non-extractable key is refused on Get, plain and wrapped, and still encrypts', async () => {
      const key = nodeCrypto.randomBytes(32);
      const v21 = { major: 2, minor: 1 };
      const attrs = (extractable: boolean) =>
        T.struct(Tag.Attributes, [
          T.enum(Tag.CryptographicAlgorithm, CryptographicAlgorithm.AES),
          T.int(Tag.CryptographicLength, 256),
          T.int(Tag.CryptographicUsageMask, M.Encrypt | M.Decrypt | M.WrapKey),
          T.bool(Tag.Extractable, extractable),
        ]);
      const symKey = T.struct(Tag.SymmetricKey, [
        T.struct(Tag.KeyBlock, [
          T.enum(Tag.KeyFormatType, KeyFormatType.Raw),
          T.struct(Tag.KeyValue, [T.bytes(Tag.KeyMaterial, key)]),
          T.enum(Tag.CryptographicAlgorithm, CryptographicAlgorithm.AES),
          T.int(Tag.CryptographicLength, 256),
        ]),
      ]);
      const [reg, kek] = await kmipCall(server, v21, [
        { operation: Operation.Register, payload: [T.enum(Tag.ObjectType, ObjectType.SymmetricKey), attrs(false), symKey] },
        { operation: Operation.Create, payload: [T.enum(Tag.ObjectType, ObjectType.SymmetricKey), attrs(true)] },
      ]);
      expect(reg.ok && kek.ok).toBe(true);
      const uid = child(reg.payload, Tag.UniqueIdentifier)!.value as string;
      const kekUid = child(kek.payload, Tag.UniqueIdentifier)!.value as string;
      const iv = nodeCrypto.randomBytes(16);
      const data = nodeCrypto.randomBytes(32);
      const cbc = T.struct(Tag.CryptographicParameters, [T.enum(Tag.BlockCipherMode, BlockCipherMode.CBC), T.enum(Tag.PaddingMethod, PaddingMethod.None)]);
      // One request each: a failed batch item stops the rest of a batch (Batch Error Continuation Option Stop).
      const call = async (operation: number, payload: Parameters<typeof T.struct>[1]) => (await kmipCall(server, v21, [{ operation, payload }]))[0];
      expect((await call(Operation.Activate, [T.text(Tag.UniqueIdentifier, uid)])).ok).toBe(true);
      expect((await call(Operation.Activate, [T.text(Tag.UniqueIdentifier, kekUid)])).ok).toBe(true);
      const get = await call(Operation.Get, [T.text(Tag.UniqueIdentifier, uid)]);
      const wrapped = await call(Operation.Get, [
        T.text(Tag.UniqueIdentifier, uid),
        T.struct(Tag.KeyWrappingSpecification, [T.enum(Tag.WrappingMethod, 1), T.struct(Tag.EncryptionKeyInformation, [T.text(Tag.UniqueIdentifier, kekUid)])]),
      ]);
      const enc = await call(Operation.Encrypt, [T.text(Tag.UniqueIdentifier, uid), cbc, T.bytes(Tag.Data, data), T.bytes(Tag.IVCounterNonce, iv)]);
      expect([get.ok, get.reason]).toEqual([false, ResultReason.NotExtractable]);
      expect([wrapped.ok, wrapped.reason]).toEqual([false, ResultReason.NotExtractable]);
      const c = nodeCrypto.createCipheriv('aes-256-cbc', key, iv).setAutoPadding(false);
      expect(enc.ok).toBe(true);
      expect(child(enc.payload, Tag.Data)!.value).toEqual(Buffer.concat([c.update(data), c.final()]));
    });
  });
});
