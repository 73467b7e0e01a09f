/**
 * Failure injection through the store's own hook: the real SQLite file with a faultInjector that makes
 * COMMIT fail, behind the real message layer and operation table (handleRequest, as the TLS listener
 * calls it). While commits fail, every write request is answered with a KMIP error (not a success
 * that was never stored), reads keep working, and the objects acknowledged before are untouched when
 * the database is reopened. The crypto provider is the software one: the subject here is the store
 * path, and the server-level twin of this test (read-only.test.ts) runs with SoftHSM2.
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SoftwareCryptoProvider } from '../../../src/crypto/software/provider';
import { handleRequest, type MessageDeps } from '../../../src/message/handler';
import { OPERATIONS } from '../../../src/operations';
import { openSqliteStore } from '../../../src/store/sqlite';
import {
  createAesKey, decodeResponse, encodeRequest, getItem, registerAesKey, type RequestItem, type ResponseItem,
} from '../../../src/bench/requests';
import { keyMaterial, uidOf, V14 } from './helpers';

describe('failure injection: COMMIT fails (store faultInjector) behind the message layer', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tumbler-commitfail-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('writes get a KMIP error, reads keep working, acknowledged objects survive a reopen', async () => {
    const dbPath = path.join(dir, 'tumbler.sqlite');
    let failing = false;
    const store = openSqliteStore({
      path: dbPath,
      faultInjector: {
        beforeCommit() {
          if (failing) throw new Error('injected: disk refuses the commit');
        },
      },
    });
    const crypto = new SoftwareCryptoProvider({ dir });
    const deps: MessageDeps = {
      operations: OPERATIONS,
      store,
      crypto,
      optionsFor: () => ({ activateOnCreate: false, vendorIdentification: 'Tumbler', serverInformation: 'test' }),
      now: () => new Date(),
    };
    const peer = { principal: 'admin', tenant: '' };
    const send = async (items: RequestItem[]): Promise<ResponseItem[]> =>
      decodeResponse(await handleRequest(encodeRequest(V14, items), peer, deps));

    const material = new Map<string, Buffer>();
    try {
      const keys = Array.from({ length: 5 }, () => randomBytes(32));
      (await send(keys.map((k) => registerAesKey(V14, k)))).forEach((r, i) => {
        expect(r.ok).toBe(true);
        material.set(uidOf(r)!, keys[i]);
      });
      // Serve each once (a first Get writes Fresh=false), so later Gets are pure reads.
      for (const r of await send([...material.keys()].map(getItem))) expect(r.ok).toBe(true);

      failing = true;
      const answers = await send([registerAesKey(V14, randomBytes(32)), createAesKey(V14)]);
      expect(answers.map((a) => a.ok)).toEqual([false, false]);
      for (const a of answers) expect(a.reason).toBeDefined();
      // Concurrent requests sharing the failed group all fail; none is acknowledged.
      const concurrent = await Promise.all([1, 2, 3].map(() => send([registerAesKey(V14, randomBytes(32))])));
      expect(concurrent.map(([a]) => a.ok)).toEqual([false, false, false]);

      const reads = await send([...material.keys()].map(getItem));
      reads.forEach((r, i) => {
        expect(r.ok).toBe(true);
        expect(keyMaterial(r.payload)).toEqual(material.get([...material.keys()][i]));
      });

      failing = false;
      const later = randomBytes(32);
      const [ok] = await send([registerAesKey(V14, later)]);
      expect(ok.ok).toBe(true);
      material.set(uidOf(ok)!, later);
    } finally {
      await store.close();
    }

    // Reopen: exactly the acknowledged objects with their bytes, and an intact file.
    const reopened = openSqliteStore({ path: dbPath });
    try {
      expect(reopened.pragma('integrity_check')).toBe('ok');
      expect(reopened.count({ filters: [] })).toBe(material.size);
      const deps2 = { ...deps, store: reopened };
      const got = decodeResponse(await handleRequest(encodeRequest(V14, [...material.keys()].map(getItem)), peer, deps2));
      got.forEach((r, i) => {
        expect(r.ok).toBe(true);
        expect(keyMaterial(r.payload)).toEqual(material.get([...material.keys()][i]));
      });
    } finally {
      await reopened.close();
      await crypto.close();
    }
  }, 120_000);
});
