/**
 * Secret-key generation in the worker thread (src/crypto/pkcs11/generation-worker.ts) against a real
 * SoftHSM2 token: the keys it makes are real keys under the current KEK with the right digest, it recovers
 * from a login dropped behind its back (the inline path takes over, then the worker again), it can be
 * turned off, and closing the provider with generations in flight neither hangs nor crashes.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as nodeCrypto from 'node:crypto';
import * as pkcs11js from 'pkcs11js';
import { Pkcs11CryptoProvider } from '../../../src/crypto/pkcs11/provider';
import { acquireModule, releaseModule } from '../../../src/crypto/pkcs11/module';
import type { SoftHsmSetup } from '../../../src/crypto/pkcs11/softhsm-setup';
import { decodeBlob } from '../../../src/crypto/blob';
import { CryptographicAlgorithm } from '../../../src/kmip/enums';
import { describeHsm, setupTokenForTest } from './softhsm-helper';

const P = pkcs11js;
const sha256 = (b: Buffer) => nodeCrypto.createHash('sha256').update(b).digest();

describeHsm('secret-key generation in a worker thread (SoftHSM2)', () => {
  let dir: string;
  let hsm: SoftHsmSetup;
  let mod: pkcs11js.PKCS11;
  let slot: pkcs11js.Handle;
  const open = (generationWorker?: 'auto' | 'always' | 'never') =>
    Pkcs11CryptoProvider.open({ modulePath: hsm.modulePath, tokenLabel: 'genworker', pinFile: hsm.pinFile, poolSize: 2, generationWorker });

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tumbler-genworker-'));
    hsm = setupTokenForTest(dir, { label: 'genworker', pin: '123456' });
    mod = acquireModule(hsm.modulePath);
    slot = mod.C_GetSlotList(true).find((s) => mod.C_GetTokenInfo(s).label.trim() === 'genworker') as pkcs11js.Handle;
  });
  afterAll(() => {
    if (mod) releaseModule(hsm.modulePath);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('keys made by the worker are distinct AES keys under the current KEK, with the digest of their value', async () => {
    const provider = await open('always');
    try {
      // The first generation runs inline and starts the worker; the rest go to it.
      const first = await provider.generateSymmetricKey(CryptographicAlgorithm.AES, 256);
      expect(provider.generatedInWorker).toBe(0);
      const keys = await Promise.all(Array.from({ length: 40 }, () => provider.generateSymmetricKey(CryptographicAlgorithm.AES, 256)));
      expect(provider.generatedInWorker).toBeGreaterThanOrEqual(39);
      const values = new Set<string>();
      for (const k of [first, ...keys]) {
        expect(k.kekId).toBe(provider.currentKekId);
        expect(decodeBlob(k.wrapped)).toMatchObject({ spec: { keyClass: 'secret', algorithm: 'AES' }, length: 32 });
        const raw = await provider.exportKey(k);
        expect(raw).toHaveLength(32);
        expect(k.rawSha256).toEqual(sha256(raw));
        values.add(raw.toString('hex'));
      }
      expect(values.size).toBe(41);
      // A worker key is a working key: encrypt in the HSM, decrypt locally with its value.
      const k = keys[7];
      const raw = await provider.exportKey(k);
      const iv = nodeCrypto.randomBytes(16);
      const data = nodeCrypto.randomBytes(48);
      const { data: ct } = await provider.encrypt(k, data, { mode: 'CBC', padding: 'None', iv });
      const d = nodeCrypto.createDecipheriv('aes-256-cbc', raw, iv).setAutoPadding(false);
      expect(Buffer.concat([d.update(ct), d.final()])).toEqual(data);
      // Other lengths and generic secrets too (the template and the length travel to the worker).
      const aes128 = await provider.generateSymmetricKey(CryptographicAlgorithm.AES, 128);
      expect(await provider.exportKey(aes128)).toHaveLength(16);
      const hmac = await provider.generateSymmetricKey(CryptographicAlgorithm.HMAC_SHA256, 512);
      const hmacRaw = await provider.exportKey(hmac);
      expect(hmacRaw).toHaveLength(64);
      expect(hmac.rawSha256).toEqual(sha256(hmacRaw));
    } finally {
      await provider.close();
    }
  });

  test('a login dropped behind its back: generation goes on inline, then in the worker again', async () => {
    const provider = await open('always');
    try {
      await provider.generateSymmetricKey(CryptographicAlgorithm.AES, 256);
      await provider.generateSymmetricKey(CryptographicAlgorithm.AES, 256);
      const before = provider.generatedInWorker;
      expect(before).toBe(1);
      // Log the application out and close every session (the worker's too), as an operator or a token
      // reset would. SoftHSM2 drops the private session objects, the worker's KEK copy among them.
      const s = mod.C_OpenSession(slot, P.CKF_SERIAL_SESSION | P.CKF_RW_SESSION);
      mod.C_Logout(s);
      mod.C_CloseAllSessions(slot);
      const after = await Promise.all(Array.from({ length: 6 }, () => provider.generateSymmetricKey(CryptographicAlgorithm.AES, 256)));
      for (const k of after) expect(k.rawSha256).toEqual(sha256(await provider.exportKey(k)));
      // Once the pool has logged in again and found the KEK, the worker (on a fresh session) takes over.
      for (let i = 0; i < 5; i++) await provider.generateSymmetricKey(CryptographicAlgorithm.AES, 256);
      expect(provider.generatedInWorker).toBeGreaterThan(before);
      const last = await provider.generateSymmetricKey(CryptographicAlgorithm.AES, 256);
      expect(last.rawSha256).toEqual(sha256(await provider.exportKey(last)));
    } finally {
      await provider.close();
    }
  });

  test('generationWorker never keeps every generation on the event loop', async () => {
    const provider = await open('never');
    try {
      for (let i = 0; i < 5; i++) {
        const k = await provider.generateSymmetricKey(CryptographicAlgorithm.AES, 256);
        expect(k.rawSha256).toEqual(sha256(await provider.exportKey(k)));
      }
      expect(provider.generatedInWorker).toBe(0);
    } finally {
      await provider.close();
    }
  });

  test('auto: inline while the event loop idles, in the worker while it is busy', async () => {
    const provider = await open('auto');
    try {
      // Opening (the login) kept the loop busy; the measure looks at the last 20 ms window or more.
      await new Promise((r) => setTimeout(r, 60));
      for (let i = 0; i < 5; i++) {
        await provider.generateSymmetricKey(CryptographicAlgorithm.AES, 256);
        await new Promise((r) => setTimeout(r, 25));
      }
      expect(provider.generatedInWorker).toBe(0);
      const busy = () => {
        const end = performance.now() + 30;
        while (performance.now() < end);
      };
      const keys = [];
      // The worker starts at the first busy generation (which runs inline) and takes the later ones.
      for (let i = 0; i < 10; i++) {
        busy();
        keys.push(await provider.generateSymmetricKey(CryptographicAlgorithm.AES, 256));
      }
      expect(provider.generatedInWorker).toBeGreaterThanOrEqual(6);
      for (const k of keys) expect(k.rawSha256).toEqual(sha256(await provider.exportKey(k)));
    } finally {
      await provider.close();
    }
  });

  test('closing with generations in flight settles every one of them and stops the worker', async () => {
    const provider = await open('always');
    await provider.generateSymmetricKey(CryptographicAlgorithm.AES, 256);
    const pending = Array.from({ length: 50 }, () => provider.generateSymmetricKey(CryptographicAlgorithm.AES, 256));
    await provider.close();
    const settled = await Promise.allSettled(pending);
    expect(settled).toHaveLength(50);
    for (const r of settled) {
      if (r.status === 'fulfilled') expect(r.value.wrapped.length).toBeGreaterThan(6);
      else expect(String(r.reason)).toMatch(/closed|stopping/i);
    }
    // The token is still usable by a new provider afterwards (nothing finalised under it).
    const again = await open('always');
    try {
      const k = await again.generateSymmetricKey(CryptographicAlgorithm.AES, 256);
      expect(await again.exportKey(k)).toHaveLength(32);
    } finally {
      await again.close();
    }
  });
});
