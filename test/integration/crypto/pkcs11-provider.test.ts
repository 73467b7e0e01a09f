/**
 * The PKCS#11 provider against a real SoftHSM2 token created in a temporary directory.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as nodeCrypto from 'node:crypto';
import * as pkcs11js from 'pkcs11js';
import { Pkcs11CryptoProvider } from '../../../src/crypto/pkcs11/provider';
import { setupSoftHsmToken, type SoftHsmSetup } from '../../../src/crypto/pkcs11/softhsm-setup';
import { acquireModule, releaseModule } from '../../../src/crypto/pkcs11/module';
import { REQUIRED_HSM_MECHANISMS } from '../../../src/crypto/pkcs11/mechanisms';
import { CryptoUnavailableError } from '../../../src/crypto/errors';
import { ResultReason } from '../../../src/kmip/enums';
import { providerSuite } from '../../unit/crypto/provider-suite';
import { providerSuiteMore } from '../../unit/crypto/provider-suite-more';
import { providerSuiteAsym } from '../../unit/crypto/provider-suite-asym';
import { describeHsm, setupTokenForTest } from './softhsm-helper';

const P = pkcs11js;

describeHsm('PKCS#11 provider on SoftHSM2', () => {
  let dir: string;
  let hsm: SoftHsmSetup;
  let provider: Pkcs11CryptoProvider;
  /** A second handle on the module, to inspect and disturb the token from outside the provider. */
  let mod: pkcs11js.PKCS11;
  let slot: pkcs11js.Handle;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tumbler-hsm-'));
    // Both tokens share <dir>/hsm.pin; the last one set up (ours) owns it, the other is used through pinEnv.
    setupTokenForTest(dir, { label: 'other-token', pin: '654321' });
    hsm = setupTokenForTest(dir, { label: 'tumbler-test', pin: '123456' });
    provider = await Pkcs11CryptoProvider.open({ modulePath: hsm.modulePath, tokenLabel: 'tumbler-test', pinFile: hsm.pinFile, poolSize: 2, cacheSize: 8 });
    mod = acquireModule(hsm.modulePath);
    slot = mod.C_GetSlotList(true).find((s) => mod.C_GetTokenInfo(s).label.trim() === 'tumbler-test') as pkcs11js.Handle;
  });

  afterAll(async () => {
    await provider?.close();
    if (mod) releaseModule(hsm.modulePath);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  describe('token set-up', () => {
    test('writes softhsm2.conf pointing at <dir>/tokens, a 0600 PIN file, and sets SOFTHSM2_CONF', () => {
      expect(fs.readFileSync(hsm.confPath, 'utf8')).toContain(`directories.tokendir = ${path.join(dir, 'tokens')}`);
      expect(fs.statSync(hsm.pinFile).mode & 0o777).toBe(0o600);
      expect(fs.readFileSync(hsm.pinFile, 'utf8').trim()).toBe('123456');
      expect(process.env.SOFTHSM2_CONF).toBe(hsm.confPath);
      expect(setupSoftHsmToken(dir, { label: 'tumbler-test' }).created).toBe(false);
    });

    test('info names the token and says pkcs11', () => {
      expect(provider.info.kind).toBe('pkcs11');
      expect(provider.info.description).toContain('"tumbler-test"');
      expect(provider.currentKekId).toBe('tumbler-kek-1');
    });

    test('the token offers every mechanism the adapter relies on', () => {
      const have = new Set(mod.C_GetMechanismList(slot));
      const missing = Object.entries(REQUIRED_HSM_MECHANISMS).filter(([, m]) => !have.has(m)).map(([n]) => n);
      expect(missing).toEqual([]);
    });
  });

  test('the KEK is a non-extractable, sensitive token key that can only wrap and unwrap', () => {
    const s = mod.C_OpenSession(slot, P.CKF_SERIAL_SESSION);
    try {
      // Login state is shared with the provider (same application), so private objects are visible.
      mod.C_FindObjectsInit(s, [{ type: P.CKA_LABEL, value: 'tumbler-kek-1' }, { type: P.CKA_TOKEN, value: true }]);
      const found = mod.C_FindObjects(s, 10);
      mod.C_FindObjectsFinal(s);
      expect(found.length).toBe(1);
      const attrs = mod.C_GetAttributeValue(s, found[0], [
        { type: P.CKA_TOKEN }, { type: P.CKA_EXTRACTABLE }, { type: P.CKA_SENSITIVE }, { type: P.CKA_WRAP },
        { type: P.CKA_UNWRAP }, { type: P.CKA_ENCRYPT }, { type: P.CKA_DECRYPT }, { type: P.CKA_VALUE_LEN },
      ]).map((a) => a.value as Buffer);
      expect(attrs.slice(0, 7).map((b) => b[0])).toEqual([1, 0, 1, 1, 1, 0, 0]);
      expect(attrs[7].readUInt32LE(0)).toBe(32);
      expect(() => mod.C_GetAttributeValue(s, found[0], [{ type: P.CKA_VALUE }])).toThrow(/CKR_ATTRIBUTE_SENSITIVE/);
    } finally {
      mod.C_CloseSession(s);
    }
  });

  providerSuite('pkcs11', () => provider);
  providerSuiteMore('pkcs11', () => provider);
  providerSuiteAsym('pkcs11', () => provider);

  test('a generated AES or HMAC key carries the SHA-256 of its value, computed in the token', async () => {
    for (const [alg, bits] of [['AES', 256], ['AES', 128], ['HMAC', 384]] as const) {
      const k = await provider.generateSecretKey(alg, bits);
      const plain = await provider.exportKey(k);
      expect(plain.length).toBe(bits / 8);
      expect(k.rawSha256?.toString('hex')).toBe(nodeCrypto.createHash('sha256').update(plain).digest('hex'));
      plain.fill(0);
    }
    // Never for keys whose token value is not their Raw value (3DES parity bits).
    expect((await provider.generateSecretKey('DES3', 168)).rawSha256).toBeUndefined();
  });

  test('unwrapped session objects are bounded by the cache and destroyed by forget()', async () => {
    const countSessionKeys = (): number => {
      const s = mod.C_OpenSession(slot, P.CKF_SERIAL_SESSION);
      try {
        mod.C_FindObjectsInit(s, [{ type: P.CKA_TOKEN, value: false }, { type: P.CKA_CLASS, value: P.CKO_SECRET_KEY }]);
        const found = mod.C_FindObjects(s, 10_000);
        mod.C_FindObjectsFinal(s);
        // Not the sessions' copies of the KEK (they carry its label): only unwrapped managed keys.
        return found.filter((h) => !(mod.C_GetAttributeValue(s, h, [{ type: P.CKA_LABEL }])[0].value as Buffer).toString().startsWith('tumbler-kek-')).length;
      } finally {
        mod.C_CloseSession(s);
      }
    };
    mod.C_CloseAllSessions(slot); // start from empty caches (the pool recovers)
    const keys = [];
    for (let i = 0; i < 20; i++) keys.push(await provider.generateSecretKey('AES', 128));
    for (const k of keys) await provider.encrypt(k, Buffer.alloc(16), { mode: 'ECB' });
    const cached = countSessionKeys();
    expect(cached).toBeGreaterThan(0);
    expect(cached).toBeLessThanOrEqual(2 * 8); // poolSize x cacheSize
    provider.forget(keys[19]);
    expect(countSessionKeys()).toBe(cached - 1);
    // A forgotten key is unwrapped again on next use.
    expect((await provider.encrypt(keys[19], Buffer.alloc(16), { mode: 'ECB' })).data.length).toBe(16);
  });

  describe('recovery and start-up errors', () => {
    test('recovers after C_CloseAllSessions and after C_Logout, without a restart', async () => {
      const k = await provider.generateSecretKey('AES', 256);
      const iv = Buffer.alloc(16, 7);
      const first = await provider.encrypt(k, Buffer.alloc(32, 1), { mode: 'CBC', iv });
      mod.C_CloseAllSessions(slot);
      expect((await provider.encrypt(k, Buffer.alloc(32, 1), { mode: 'CBC', iv })).data).toEqual(first.data);
      const s = mod.C_OpenSession(slot, P.CKF_SERIAL_SESSION);
      mod.C_Logout(s);
      mod.C_CloseSession(s);
      expect((await provider.encrypt(k, Buffer.alloc(32, 1), { mode: 'CBC', iv })).data).toEqual(first.data);
      mod.C_CloseAllSessions(slot);
      expect((await provider.exportKey(k)).length).toBe(32);
    });

    test('after a C_Logout by another application, keys are created, wrapped and unwrapped again under fresh KEK copies', async () => {
      // Each pooled session wraps under its own copy of the token KEK, a private session object that the
      // logout destroys; the cached 'use' copies of keys are not private and survive, so the key below is
      // made after the logout and each operation has to go through the KEK.
      const before = await provider.generateSecretKey('AES', 256);
      const s = mod.C_OpenSession(slot, P.CKF_SERIAL_SESSION);
      mod.C_Logout(s);
      mod.C_CloseSession(s);
      const k = await provider.generateSecretKey('AES', 256);
      const raw = await provider.exportKey(k);
      expect(raw).toHaveLength(32);
      const iv = Buffer.alloc(16, 3);
      const enc = await provider.encrypt(k, Buffer.alloc(32, 9), { mode: 'CBC', iv, padding: 'None' });
      const c = nodeCrypto.createCipheriv('aes-256-cbc', raw, iv);
      c.setAutoPadding(false);
      expect(enc.data).toEqual(Buffer.concat([c.update(Buffer.alloc(32, 9)), c.final()]));
      // A key made before the logout, never used since: unwrapped under the KEK as well.
      expect(await provider.exportKey(before)).toHaveLength(32);
      expect((await provider.importKey(nodeCrypto.randomBytes(16), { keyClass: 'secret', algorithm: 'AES' })).kekId).toBe(k.kekId);
    });

    test('many concurrent operations on a small pool all succeed and agree with node:crypto', async () => {
      const material = nodeCrypto.randomBytes(16);
      const keys = await Promise.all([0, 1, 2].map(() => provider.importKey(material, { keyClass: 'secret', algorithm: 'AES' })));
      const inputs = Array.from({ length: 300 }, (_, i) => Buffer.alloc(16, i));
      const outs = await Promise.all([
        ...inputs.map((d, i) => provider.encrypt(keys[i % 3], d, { mode: 'ECB' })),
        provider.generateKeyPair({ algorithm: 'RSA', modulusBits: 2048 }),
      ]);
      inputs.forEach((d, i) => {
        const c = nodeCrypto.createCipheriv('aes-128-ecb', material, null);
        c.setAutoPadding(false);
        expect((outs[i] as { data: Buffer }).data).toEqual(Buffer.concat([c.update(d), c.final()]));
      });
    });

    test('a missing module path is a clear CryptoUnavailableError', async () => {
      const e = await Pkcs11CryptoProvider.open({ modulePath: '/nonexistent/libpkcs11.so', pinFile: hsm.pinFile }).catch((x) => x);
      expect(e).toBeInstanceOf(CryptoUnavailableError);
      expect(e.message).toBe('PKCS#11 module /nonexistent/libpkcs11.so does not exist (is the HSM client library installed?)');
      expect(e.reason).toBe(ResultReason.GeneralFailure);
    });

    test('an unknown token label and a wrong PIN are clear errors', async () => {
      const e1 = await Pkcs11CryptoProvider.open({ modulePath: hsm.modulePath, tokenLabel: 'nope', pinFile: hsm.pinFile }).catch((x) => x);
      expect(e1).toBeInstanceOf(CryptoUnavailableError);
      expect(e1.message).toMatch(/no token labelled "nope".*tumbler-test/);
      process.env.TUMBLER_TEST_PIN = '000000';
      const e2 = await Pkcs11CryptoProvider.open({ modulePath: hsm.modulePath, tokenLabel: 'other-token', pinEnv: 'TUMBLER_TEST_PIN' }).catch((x) => x);
      expect(e2).toBeInstanceOf(CryptoUnavailableError);
      expect(e2.message).toMatch(/PIN is incorrect \(CKR_PIN_INCORRECT\)/);
      const e3 = await Pkcs11CryptoProvider.open({ modulePath: hsm.modulePath, tokenLabel: 'other-token', pinEnv: 'TUMBLER_UNSET_PIN' }).catch((x) => x);
      expect(e3.message).toMatch(/TUMBLER_UNSET_PIN/);
    });

    test('a second provider on another token works alongside and finds its own KEK again after reopening', async () => {
      process.env.TUMBLER_TEST_PIN = '654321';
      const cfg = { modulePath: hsm.modulePath, tokenLabel: 'other-token', pinEnv: 'TUMBLER_TEST_PIN' };
      const a = await Pkcs11CryptoProvider.open(cfg);
      const k = await a.generateSecretKey('HMAC', 256);
      const mac = await a.mac(k, Buffer.from('x'), { algorithm: 'HMAC', hash: 'SHA-256' });
      await a.close();
      const b = await Pkcs11CryptoProvider.open({ ...cfg, createKek: false });
      expect(b.currentKekId).toBe('tumbler-kek-1');
      expect(await b.mac(k, Buffer.from('x'), { algorithm: 'HMAC', hash: 'SHA-256' })).toEqual(mac);
      // Material wrapped on one token does not unwrap on another.
      const mine = await provider.generateSecretKey('AES', 128);
      await expect(b.exportKey(mine)).rejects.toMatchObject({ reason: ResultReason.CryptographicFailure });
      await b.close();
      // The first provider still works (the module was not finalised under it).
      expect((await provider.random(8)).length).toBe(8);
    });
  });
});
