/**
 * Get's export path on a real SoftHSM2 token: the unwrapped 'export' copy of a key is kept in the
 * session cache (one C_GetAttributeValue per Get instead of unwrap + read + destroy), returns the exact
 * material every time, and is destroyed by forget() together with the key's other cached copies.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as pkcs11js from 'pkcs11js';
import { Pkcs11CryptoProvider } from '../../../src/crypto/pkcs11/provider';
import { acquireModule, releaseModule } from '../../../src/crypto/pkcs11/module';
import type { SoftHsmSetup } from '../../../src/crypto/pkcs11/softhsm-setup';
import { describeHsm, setupTokenForTest } from './softhsm-helper';

const P = pkcs11js;

describeHsm('PKCS#11 export cache (SoftHSM2)', () => {
  let dir: string;
  let hsm: SoftHsmSetup;
  let provider: Pkcs11CryptoProvider;
  let mod: pkcs11js.PKCS11;
  let slot: pkcs11js.Handle;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tumbler-hsm-export-'));
    hsm = setupTokenForTest(dir, { label: 'export-cache', pin: '123456' });
    provider = await Pkcs11CryptoProvider.open({ modulePath: hsm.modulePath, tokenLabel: 'export-cache', pinFile: hsm.pinFile, poolSize: 1, cacheSize: 8 });
    mod = acquireModule(hsm.modulePath);
    slot = mod.C_GetSlotList(true).find((s) => mod.C_GetTokenInfo(s).label.trim() === 'export-cache') as pkcs11js.Handle;
  });

  afterAll(async () => {
    await provider?.close();
    if (hsm) releaseModule(hsm.modulePath);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Session (non-token) secret keys visible to this application: the provider's cached unwraps. */
  const sessionKeys = (): number => {
    const s = mod.C_OpenSession(slot, P.CKF_SERIAL_SESSION);
    try {
      mod.C_FindObjectsInit(s, [{ type: P.CKA_TOKEN, value: false }, { type: P.CKA_CLASS, value: P.CKO_SECRET_KEY }]);
      const found = mod.C_FindObjects(s, 10_000);
      mod.C_FindObjectsFinal(s);
      return found.length;
    } finally {
      mod.C_CloseSession(s);
    }
  };

  test('repeated exports reuse one cached copy and return the exact material; forget() destroys every copy', async () => {
    const material = Buffer.from('00112233445566778899aabbccddeeff0123456789abcdef0011223344556677', 'hex');
    const key = await provider.importKey(Buffer.from(material), { keyClass: 'secret', algorithm: 'AES' });
    const before = sessionKeys();
    const first = await provider.exportKey(key);
    expect(first).toEqual(material);
    expect(sessionKeys()).toBe(before); // a first export is not cached (Create's one-off Digest)
    expect(await provider.exportKey(key)).toEqual(material);
    expect(sessionKeys()).toBe(before + 1); // the second one caches the 'export' copy
    for (let i = 0; i < 5; i++) expect(await provider.exportKey(key)).toEqual(material);
    expect(sessionKeys()).toBe(before + 1); // reused, not re-created
    // Returned buffers are owned by the caller: zeroing one does not affect the next export.
    first.fill(0);
    expect(await provider.exportKey(key)).toEqual(material);

    await provider.encrypt(key, Buffer.alloc(16), { mode: 'ECB' }); // adds the 'use' copy
    expect(sessionKeys()).toBe(before + 2);
    provider.forget(key);
    expect(sessionKeys()).toBe(before);
    expect(await provider.exportKey(key)).toEqual(material); // unwrapped again after forget
    expect(sessionKeys()).toBe(before + 1);
    provider.forget(key);
  });

  test('one export per key (as Create computing the Digest) leaves no copy behind', async () => {
    const before = sessionKeys();
    for (let i = 0; i < 5; i++) expect((await provider.exportKey(await provider.generateSecretKey('AES', 128))).length).toBe(16);
    expect(sessionKeys()).toBe(before);
  });

  test('the cache stays bounded by cacheSize with many exported keys', async () => {
    const keys = [];
    for (let i = 0; i < 20; i++) keys.push(await provider.generateSecretKey('AES', 256));
    for (let round = 0; round < 2; round++) for (const k of keys) expect((await provider.exportKey(k)).length).toBe(32);
    expect(sessionKeys()).toBe(8); // poolSize 1 x cacheSize 8: full, and no more
  });
});
