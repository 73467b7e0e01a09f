/**
 * RNG Seed through the PKCS#11 provider on a real SoftHSM2 token: the seed reaches C_SeedRandom and the
 * operation reports every byte used; the generator still works afterwards.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Pkcs11CryptoProvider } from '../../../src/crypto/pkcs11/provider';
import { MemoryStore } from '../../../src/store/memory';
import { OPERATIONS } from '../../../src/operations';
import { Operation, Tag } from '../../../src/kmip';
import { T, child } from '../../../src/ttlv/item';
import { describeHsm, setupTokenForTest } from '../crypto/softhsm-helper';

describeHsm('RNG Seed on SoftHSM2', () => {
  let dir: string;
  let provider: Pkcs11CryptoProvider;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tumbler-seed-'));
    const hsm = setupTokenForTest(dir, { label: 'seed-test', pin: '123456' });
    provider = await Pkcs11CryptoProvider.open({ modulePath: hsm.modulePath, tokenLabel: 'seed-test', pinFile: hsm.pinFile, poolSize: 1, cacheSize: 2 });
  });

  afterAll(async () => {
    await provider?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('Data Length = the seed length; RNG Retrieve still returns fresh bytes', async () => {
    const store = new MemoryStore();
    const ctx = {
      version: { major: 2, minor: 1 },
      principal: 'alice',
      tenant: '',
      idPlaceholder: undefined,
      journal: undefined,
      store,
      crypto: provider,
      now: () => new Date(),
      options: { activateOnCreate: false, vendorIdentification: 'Tumbler', serverInformation: 'test' },
    };
    const seed = OPERATIONS.get(Operation.RNGSeed)!;
    const r = await seed.handle(T.struct(Tag.RequestPayload, [T.bytes(Tag.Data, Buffer.alloc(48, 0x5a))]), ctx);
    expect(child(T.struct(Tag.ResponsePayload, r.payload), Tag.DataLength)?.value).toBe(48);
    const a = await provider.random(32);
    const b = await provider.random(32);
    expect(a.equals(b)).toBe(false);
  });
});
