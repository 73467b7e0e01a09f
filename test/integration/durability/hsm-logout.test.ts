/**
 * A logged-out HSM under a serving Tumbler: the real message layer and operation table (handleRequest, as
 * the TLS listener calls it), a real SQLite file and SoftHSM2 through PKCS#11. The token's login is dropped
 * (C_Logout, then also every session closed) behind the provider's back: SoftHSM2 then destroys the
 * private session objects, among them each pooled session's copy of the KEK. Creates, Registers, Gets and
 * Encrypts must go on working without a restart (the pool logs in again and the KEK is copied afresh),
 * acknowledged keys keep their exact bytes, and a reopened database holds every acknowledged object.
 */
import { createCipheriv, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as pkcs11js from 'pkcs11js';
import { Pkcs11CryptoProvider } from '../../../src/crypto/pkcs11/provider';
import { acquireModule, releaseModule } from '../../../src/crypto/pkcs11/module';
import type { SoftHsmSetup } from '../../../src/crypto/pkcs11/softhsm-setup';
import { handleRequest, type MessageDeps } from '../../../src/message/handler';
import { OPERATIONS } from '../../../src/operations';
import { openSqliteStore } from '../../../src/store/sqlite';
import { Tag } from '../../../src/kmip/tags';
import {
  bytesField, createAesKey, decodeResponse, encodeRequest, encryptItem, getItem, registerAesKey, type RequestItem, type ResponseItem,
} from '../../../src/bench/requests';
import { describeHsm, setupTokenForTest } from '../crypto/softhsm-helper';
import { keyMaterial, uidOf, V14 } from './helpers';

const P = pkcs11js;

describeHsm('a logged-out HSM under the message layer (SoftHSM2)', () => {
  let dir: string;
  let hsm: SoftHsmSetup;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tumbler-hsm-logout-'));
    hsm = setupTokenForTest(dir, { label: 'logout', pin: '123456' });
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('creates, registers, gets and encrypts go on after C_Logout and after every session is closed', async () => {
    const dbPath = path.join(dir, 'tumbler.sqlite');
    const store = openSqliteStore({ path: dbPath });
    const crypto = await Pkcs11CryptoProvider.open({ modulePath: hsm.modulePath, tokenLabel: 'logout', pinFile: hsm.pinFile, poolSize: 3 });
    const mod = acquireModule(hsm.modulePath);
    const slot = mod.C_GetSlotList(true).find((s) => mod.C_GetTokenInfo(s).label.trim() === 'logout') as pkcs11js.Handle;
    const deps: MessageDeps = {
      operations: OPERATIONS,
      store,
      crypto,
      optionsFor: () => ({ activateOnCreate: true, vendorIdentification: 'Tumbler', serverInformation: 'test' }),
      now: () => new Date(),
    };
    const peer = { principal: 'admin', tenant: '' };
    const send = async (items: RequestItem[]): Promise<ResponseItem[]> => decodeResponse(await handleRequest(encodeRequest(V14, items), peer, deps));
    const registered = new Map<string, Buffer>();
    const created = new Map<string, Buffer>();
    const register = async () => {
      const k = randomBytes(32);
      const [r] = await send([registerAesKey(V14, k, undefined, new Date(Date.now() - 60_000))]);
      expect(r.ok).toBe(true);
      registered.set(uidOf(r)!, k);
    };
    const create = async () => {
      const [r] = await send([createAesKey(V14)]);
      expect(r.ok).toBe(true);
      const [g] = await send([getItem(uidOf(r)!)]);
      expect(g.ok).toBe(true);
      created.set(uidOf(r)!, keyMaterial(g.payload)!);
    };
    const everyKeyReads = async () => {
      for (const [uid, k] of [...registered, ...created]) {
        const [g] = await send([getItem(uid)]);
        expect(g.ok).toBe(true);
        expect(keyMaterial(g.payload)).toEqual(k);
      }
    };
    const encryptsLikeNode = async (uid: string, k: Buffer) => {
      const iv = randomBytes(16);
      const data = randomBytes(64);
      const [e] = await send([encryptItem(uid, 'aes-cbc', data, iv)]);
      expect(e.ok).toBe(true);
      const c = createCipheriv('aes-256-cbc', k, iv);
      expect(bytesField(e.payload, Tag.Data)).toEqual(Buffer.concat([c.update(data), c.final()]));
    };
    try {
      for (let i = 0; i < 3; i++) {
        await register();
        await create();
      }
      const logoutSession = mod.C_OpenSession(slot, P.CKF_SERIAL_SESSION);
      mod.C_Logout(logoutSession);
      mod.C_CloseSession(logoutSession);

      // New keys: generated, wrapped under the KEK (a fresh copy) and stored.
      await create();
      await register();
      // Keys registered after the logout have never been unwrapped by any session: Encrypt goes through the KEK.
      const [uid, k] = [...registered].at(-1)!;
      await encryptsLikeNode(uid, k);
      await everyKeyReads();

      mod.C_CloseAllSessions(slot);
      await create();
      await register();
      await encryptsLikeNode(...[...registered][0]);
      await everyKeyReads();
    } finally {
      await crypto.close();
      releaseModule(hsm.modulePath);
      await store.close();
    }

    // Everything acknowledged is in the file, under a KEK a new provider holds.
    const again = openSqliteStore({ path: dbPath });
    const provider = await Pkcs11CryptoProvider.open({ modulePath: hsm.modulePath, tokenLabel: 'logout', pinFile: hsm.pinFile });
    try {
      deps.store = again;
      deps.crypto = provider;
      expect(registered.size).toBe(5);
      expect(created.size).toBe(5);
      await everyKeyReads();
    } finally {
      await provider.close();
      await again.close();
    }
  });
});
