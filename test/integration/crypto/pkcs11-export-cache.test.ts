/**
 * Get's export path on a real SoftHSM2 token: the unwrapped 'export' copy of a key is kept in the
 * session cache (one C_GetAttributeValue per Get instead of unwrap + read + destroy), returns the exact
 * material every time, and is destroyed by forget() together with the key's other cached copies. Wraps and
 * unwraps go through a session copy of the token KEK.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as pkcs11js from 'pkcs11js';
import { Pkcs11CryptoProvider } from '../../../src/crypto/pkcs11/provider';
import { acquireModule, releaseModule } from '../../../src/crypto/pkcs11/module';
import type { SoftHsmSetup } from '../../../src/crypto/pkcs11/softhsm-setup';
import { decodeBlob } from '../../../src/crypto/blob';
import { kekTemplate } from '../../../src/crypto/pkcs11/keys';
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

  /** Session (non-token) secret keys visible to this application, by label: KEK copies carry the KEK's. */
  const sessionObjects = (): Array<{ label: string; sensitive: boolean; extractable: boolean; wrap: boolean }> => {
    const s = mod.C_OpenSession(slot, P.CKF_SERIAL_SESSION);
    try {
      mod.C_FindObjectsInit(s, [{ type: P.CKA_TOKEN, value: false }, { type: P.CKA_CLASS, value: P.CKO_SECRET_KEY }]);
      const found = mod.C_FindObjects(s, 10_000);
      mod.C_FindObjectsFinal(s);
      return found.map((h) => {
        const [label, sensitive, extractable, wrap] = mod.C_GetAttributeValue(s, h, [
          { type: P.CKA_LABEL }, { type: P.CKA_SENSITIVE }, { type: P.CKA_EXTRACTABLE }, { type: P.CKA_WRAP },
        ]);
        const flag = (v: unknown): boolean => (v as Buffer)[0] === 1;
        return { label: (label.value as Buffer).toString('utf8'), sensitive: flag(sensitive.value), extractable: flag(extractable.value), wrap: flag(wrap.value) };
      });
    } finally {
      mod.C_CloseSession(s);
    }
  };
  const isKekCopy = (o: { label: string }): boolean => o.label.startsWith('tumbler-kek-');
  /** The provider's cached unwraps of managed keys. */
  const sessionKeys = (): number => sessionObjects().filter((o) => !isKekCopy(o)).length;

  test('wraps and unwraps use a session copy of the token KEK: sensitive, not extractable, one per session', async () => {
    const material = Buffer.from('a0a1a2a3a4a5a6a7a8a9aaabacadaeaf', 'hex');
    const key = await provider.importKey(Buffer.from(material), { keyClass: 'secret', algorithm: 'AES' });
    expect(await provider.exportKey(key)).toEqual(material);
    await provider.generateSecretKey('AES', 256);
    const copies = sessionObjects().filter(isKekCopy);
    expect(copies).toEqual([{ label: key.kekId, sensitive: true, extractable: false, wrap: true }]); // poolSize 1: one session, one copy

    // The blob made through the copy is the token KEK's own: the token object unwraps it.
    const s = mod.C_OpenSession(slot, P.CKF_SERIAL_SESSION);
    try {
      mod.C_FindObjectsInit(s, [{ type: P.CKA_TOKEN, value: true }, { type: P.CKA_LABEL, value: key.kekId }]);
      const [tokenKek] = mod.C_FindObjects(s, 2);
      mod.C_FindObjectsFinal(s);
      const { wrapped } = decodeBlob(key.wrapped);
      const h = mod.C_UnwrapKey(s, { mechanism: P.CKM_AES_KEY_WRAP_PAD }, tokenKek, Buffer.from(wrapped), [
        { type: P.CKA_CLASS, value: P.CKO_SECRET_KEY }, { type: P.CKA_KEY_TYPE, value: P.CKK_AES }, { type: P.CKA_TOKEN, value: false },
        { type: P.CKA_SENSITIVE, value: false }, { type: P.CKA_EXTRACTABLE, value: true },
      ]);
      const [v] = mod.C_GetAttributeValue(s, h, [{ type: P.CKA_VALUE }]);
      expect((v.value as Buffer).subarray(0, 16)).toEqual(material);
    } finally {
      mod.C_CloseSession(s);
    }
  });

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

  // Last in this file: closing a second provider closes every session of the application on the slot.
  test('a KEK the token will not copy (CKA_COPYABLE false) is used as the token object, and wraps still work', async () => {
    const s = mod.C_OpenSession(slot, P.CKF_SERIAL_SESSION | P.CKF_RW_SESSION);
    try {
      mod.C_GenerateKey(s, { mechanism: P.CKM_AES_KEY_GEN }, [
        ...kekTemplate('fixed-kek-1'),
        { type: 0x171 /* CKA_COPYABLE */, value: false },
      ]);
    } finally {
      mod.C_CloseSession(s);
    }
    const fixed = await Pkcs11CryptoProvider.open({
      modulePath: hsm.modulePath, tokenLabel: 'export-cache', pinFile: hsm.pinFile, poolSize: 1, kekLabelPrefix: 'fixed-kek-',
    });
    try {
      const material = Buffer.from('b0b1b2b3b4b5b6b7b8b9babbbcbdbebf', 'hex');
      const key = await fixed.importKey(Buffer.from(material), { keyClass: 'secret', algorithm: 'AES' });
      expect(key.kekId).toBe('fixed-kek-1');
      expect(await fixed.exportKey(key)).toEqual(material);
      expect((await fixed.exportKey(await fixed.generateSecretKey('AES', 256))).length).toBe(32);
      expect(sessionObjects().filter((o) => o.label.startsWith('fixed-kek-'))).toEqual([]); // no copy was made
    } finally {
      await fixed.close();
    }
  });
});
