import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SoftwareCryptoProvider } from '../../../src/crypto/software/provider';
import { KEK_FILE_NAME } from '../../../src/crypto/software/kek-file';
import { CryptoUnavailableError } from '../../../src/crypto/errors';
import { providerSuite } from './provider-suite';
import { providerSuiteMore } from './provider-suite-more';
import { providerSuiteAsym } from './provider-suite-asym';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tumbler-sw-'));
let provider: SoftwareCryptoProvider;

beforeAll(() => {
  provider = new SoftwareCryptoProvider({ dir });
});
afterAll(async () => {
  await provider.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

providerSuite('software', () => provider);
providerSuiteMore('software', () => provider);
providerSuiteAsym('software', () => provider);

describe('software provider: KEK file', () => {
  test('is created with mode 0600, 32-byte KEK, and says "software" in info', () => {
    const file = path.join(dir, KEK_FILE_NAME);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
    expect(Buffer.from(parsed.keys['sw-kek-1'], 'hex').length).toBe(32);
    expect(provider.info.kind).toBe('software');
    expect(provider.info.description).toMatch(/^software/);
  });

  test('a reopened provider unwraps material wrapped before', async () => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), 'tumbler-sw-'));
    const a = new SoftwareCryptoProvider({ dir: d });
    const k = await a.generateSecretKey('AES', 256);
    const plain = await a.exportKey(k);
    await a.close();
    const b = new SoftwareCryptoProvider({ dir: d, create: false });
    expect(await b.exportKey(k)).toEqual(plain);
    await b.close();
    fs.rmSync(d, { recursive: true, force: true });
  });

  test('adoptKek takes up a KEK another process added to the file (online rotation), and refuses an unknown one', async () => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), 'tumbler-sw-'));
    const server = new SoftwareCryptoProvider({ dir: d });
    const cli = new SoftwareCryptoProvider({ dir: d, create: false });
    const old = await server.generateSecretKey('AES', 256);
    const id = await cli.createKek(); // `tumbler hsm rotate-kek` in another process
    expect(server.currentKekId).toBe('sw-kek-1');
    await expect(server.rewrap(old, id)).rejects.toThrow(/not known/);
    await server.adoptKek(id);
    expect(server.currentKekId).toBe(id);
    const moved = await server.rewrap(old, id);
    expect(moved.kekId).toBe(id);
    expect(await cli.exportKey(moved)).toEqual(await server.exportKey(old)); // the old KEK still unwraps the old form
    expect((await server.generateSecretKey('AES', 128)).kekId).toBe(id);
    await expect(server.adoptKek('sw-kek-9')).rejects.toThrow(/sw-kek-9/);
    expect(server.currentKekId).toBe(id);
    await server.close();
    await cli.close();
    fs.rmSync(d, { recursive: true, force: true });
  });

  test('missing file without create, world-readable file and corrupt file are clear errors', () => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), 'tumbler-sw-'));
    expect(() => new SoftwareCryptoProvider({ dir: d, create: false })).toThrow(CryptoUnavailableError);
    new SoftwareCryptoProvider({ dir: d });
    const file = path.join(d, KEK_FILE_NAME);
    fs.chmodSync(file, 0o644);
    expect(() => new SoftwareCryptoProvider({ dir: d })).toThrow(/readable by others/);
    fs.chmodSync(file, 0o600);
    fs.writeFileSync(file, '{"current":"x","keys":{}}');
    expect(() => new SoftwareCryptoProvider({ dir: d })).toThrow(/no valid current KEK/);
    fs.rmSync(d, { recursive: true, force: true });
  });

  test('a closed provider refuses work', async () => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), 'tumbler-sw-'));
    const a = new SoftwareCryptoProvider({ dir: d });
    const k = await a.generateSecretKey('AES', 128);
    await a.close();
    await expect(a.exportKey(k)).rejects.toThrow(/closed/);
    fs.rmSync(d, { recursive: true, force: true });
  });
});
