import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  ConfigError, configSection, defaultConfigObject, loadConfig, resolveConfig,
} from '../../../src/config/load';
import { DEFAULT_CIPHERS, envVarName, registerConfigSection } from '../../../src/config/schema';
import { readHsmDeclaration } from '../../../src/config/hsm-declared';
import { CryptographicAlgorithm, DRBGAlgorithm, RNGAlgorithm } from '../../../src/kmip/enums';
import { ProtectionStorageMask } from '../../../src/kmip/masks';

const DIR = '/srv/tumbler';

function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('defaults', () => {
  test('an empty file gives the documented defaults, paths resolved against the server directory', () => {
    const c = resolveConfig({}, DIR);
    expect(c.dir).toBe(DIR);
    expect(c.server).toEqual({ host: '0.0.0.0', port: 5696, http: true, httpPath: '/kmip' });
    expect(c.tls.cert).toBe('/srv/tumbler/server.pem');
    expect(c.tls.key).toBe('/srv/tumbler/server-key.pem');
    expect(c.tls.ca).toBe('/srv/tumbler/ca.pem');
    expect(c.tls.pinnedClientCerts).toEqual([]);
    expect(c.tls.minVersion).toBe('TLSv1.2');
    expect(c.tls.ciphers).toBe(DEFAULT_CIPHERS);
    expect(c.tls.ciphers.split(':')).toEqual(expect.arrayContaining(['AES128-SHA256', 'AES256-SHA256', 'ECDHE-RSA-AES128-GCM-SHA256']));
    expect(c.limits.maxMessageSize).toBe(1024 * 1024);
    expect(c.store.path).toBe('/srv/tumbler/db/tumbler.sqlite');
    expect(c.hsm.mode).toBe('auto');
    expect(c.hsm.slot).toBeUndefined();
    expect(c.hsm.pinFile).toBe('/srv/tumbler/hsm/hsm.pin');
    expect(c.operations).toEqual({ activateOnCreate: false, activateOnCreateFor: [], defaultGroupKeys: true, rngSeed: 'accept' });
    expect(c.log.file).toBeUndefined();
  });

  test('defaultConfigObject round-trips through validation and carries --host/--port', () => {
    const obj = defaultConfigObject({ host: '127.0.0.1', port: 15696 });
    const c = resolveConfig(JSON.parse(JSON.stringify(obj)), DIR);
    expect(c.server).toEqual({ host: '127.0.0.1', port: 15696, http: true, httpPath: '/kmip' });
  });

  test('absolute paths stay as they are; optional fields can be unset with null', () => {
    const c = resolveConfig({ tls: { cert: '/etc/kmip/cert.pem', ca: null, pinnedClientCerts: ['pins/a.pem'] }, log: { file: 'logs/t.log' } }, DIR);
    expect(c.tls.cert).toBe('/etc/kmip/cert.pem');
    expect(c.tls.ca).toBeUndefined();
    expect(c.tls.pinnedClientCerts).toEqual(['/srv/tumbler/pins/a.pem']);
    expect(c.log.file).toBe('/srv/tumbler/logs/t.log');
  });
});

describe('validation names the bad field', () => {
  test.each([
    [{ server: { port: 70000 } }, /^server\.port: must be <= 65535/],
    [{ server: { port: '5696' } }, /^server\.port: must be an integer/],
    [{ server: { host: '' } }, /^server\.host: must not be empty/],
    [{ tls: { minVersion: 'TLSv1.1' } }, /^tls\.minVersion: must be one of TLSv1\.2, TLSv1\.3/],
    [{ tls: { pinnedClientCerts: 'a.pem' } }, /^tls\.pinnedClientCerts: must be an array/],
    [{ limits: { maxMessageSize: 10 } }, /^limits\.maxMessageSize: must be >= 1024/],
    [{ hsm: { mode: 'cloud' } }, /^hsm\.mode: must be one of software, pkcs11, auto/],
    [{ operations: { activateOnCreate: 'yes' } }, /^operations\.activateOnCreate: must be true or false/],
    [{ log: { level: 'trace' } }, /^log\.level: must be one of/],
    [{ server: { prot: 1 } }, /^server\.prot: unknown field/],
    [{ serverr: {} }, /^serverr: unknown section/],
    [{ tls: [] }, /^tls: must be an object/],
    [{ tls: { minVersion: 'TLSv1.3', maxVersion: 'TLSv1.2' } }, /^tls\.minVersion: TLSv1\.3 is above tls\.maxVersion/],
    [{ server: { httpPath: 'kmip' } }, /^server\.httpPath: must start with "\/"/],
    [{ server: { httpPath: '/kmip?x=1' } }, /^server\.httpPath: must start with "\/" and hold no spaces or query/],
    [{ server: { httpPath: '/k mip' } }, /^server\.httpPath: /],
    [{ server: { http: 'on' } }, /^server\.http: must be true or false/],
    [{ hsm: { rngAlgorithm: 'X931' } }, /^hsm\.rngAlgorithm: must be one of detect, Unspecified, FIPS186_2, DRBG/],
    [{ hsm: { rngCryptographicAlgorithm: 'AES' } }, /^hsm\.rngDrbgAlgorithm, hsm\.rngCryptographicAlgorithm and hsm\.rngCryptographicLength .*set hsm\.rngAlgorithm too/],
    [{ hsm: { rngAlgorithm: 'DRBG', rngCryptographicAlgorithm: 'AES-256' } }, /^hsm\.rngCryptographicAlgorithm: "AES-256" is not a KMIP name; use one of DES, DES3, AES, RSA/],
    [{ hsm: { rngAlgorithm: 'ANSIX9_31', rngDrbgAlgorithm: 'CTR' } }, /^hsm\.rngDrbgAlgorithm: applies only with hsm\.rngAlgorithm DRBG/],
    [{ hsm: { protectionStorage: ['Hardware', 'Vault'] } }, /^hsm\.protectionStorage: "Vault" is not a KMIP name/],
  ])('%j', (raw, re) => {
    const problems = problemsOf(() => resolveConfig(raw, DIR));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(re);
  });

  test('all problems are reported at once', () => {
    const problems = problemsOf(() => resolveConfig({ server: { port: -1 }, store: { busyTimeoutMs: 'x' }, nope: 1 }, DIR));
    expect(problems).toHaveLength(3);
  });

  test('the top level must be an object', () => {
    expect(problemsOf(() => resolveConfig([], DIR))[0]).toMatch(/top level/);
  });
});

describe('facts declared about the HSM', () => {
  test('none by default: detected', () => {
    const c = resolveConfig({}, DIR);
    expect([c.hsm.rngAlgorithm, c.hsm.rngDrbgAlgorithm, c.hsm.protectionStorage]).toEqual(['detect', 'none', []]);
    expect(readHsmDeclaration(c.hsm).facts).toBeUndefined();
  });
  test('a generator and a storage, from the file and from the environment', () => {
    const c = resolveConfig({ hsm: { rngAlgorithm: 'DRBG', rngDrbgAlgorithm: 'CTR', rngCryptographicAlgorithm: 'AES', rngCryptographicLength: 256 } }, DIR, {
      env: { TUMBLER_HSM_PROTECTION_STORAGE: 'Hardware,OnPremises' },
    });
    expect(readHsmDeclaration(c.hsm)).toEqual({
      facts: {
        rng: { algorithm: RNGAlgorithm.DRBG, drbgAlgorithm: DRBGAlgorithm.CTR, cryptographicAlgorithm: CryptographicAlgorithm.AES, cryptographicLength: 256 },
        protectionStorageMask: ProtectionStorageMask.Hardware | ProtectionStorageMask.OnPremises,
      },
      problems: [],
    });
  });
});

describe('environment overrides', () => {
  test('mapping rule TUMBLER_<SECTION>_<FIELD_UPPER_SNAKE>', () => {
    expect(envVarName('server', 'port')).toBe('TUMBLER_SERVER_PORT');
    expect(envVarName('limits', 'maxMessageSize')).toBe('TUMBLER_LIMITS_MAX_MESSAGE_SIZE');
    expect(envVarName('tls', 'pinnedClientCerts')).toBe('TUMBLER_TLS_PINNED_CLIENT_CERTS');
  });

  test('env beats the file; short aliases TUMBLER_PORT/TUMBLER_HOST; lists and booleans parse', () => {
    const c = resolveConfig({ server: { port: 1000 }, limits: { idleTimeoutMs: 1000 } }, DIR, {
      env: {
        TUMBLER_PORT: '2000',
        TUMBLER_HOST: '127.0.0.1',
        TUMBLER_LIMITS_IDLE_TIMEOUT_MS: '5000',
        TUMBLER_OPERATIONS_ACTIVATE_ON_CREATE: 'yes',
        TUMBLER_OPERATIONS_ACTIVATE_ON_CREATE_FOR: 'alice, bob',
        TUMBLER_OPERATIONS_RNG_SEED: 'deny',
        TUMBLER_TLS_PINNED_CLIENT_CERTS: 'a.pem,/abs/b.pem',
        TUMBLER_HSM_MODE: 'software',
      },
    });
    expect(c.server).toEqual({ host: '127.0.0.1', port: 2000, http: true, httpPath: '/kmip' });
    expect(c.limits.idleTimeoutMs).toBe(5000);
    expect(c.operations).toEqual({ activateOnCreate: true, activateOnCreateFor: ['alice', 'bob'], defaultGroupKeys: true, rngSeed: 'deny' });
    expect(c.tls.pinnedClientCerts).toEqual(['/srv/tumbler/a.pem', '/abs/b.pem']);
    expect(c.hsm.mode).toBe('software');
  });

  test('a bad environment value names the variable and the field', () => {
    const problems = problemsOf(() => resolveConfig({}, DIR, { env: { TUMBLER_SERVER_PORT: 'eighty', TUMBLER_LOG_LEVEL: 'loud' } }));
    expect(problems).toEqual([
      expect.stringMatching(/^TUMBLER_SERVER_PORT \(server\.port\): must be an integer/),
      expect.stringMatching(/^TUMBLER_LOG_LEVEL \(log\.level\): must be one of/),
    ]);
  });
});

describe('registered sections', () => {
  test('a registered section is accepted, defaulted and validated', () => {
    registerConfigSection('xtest', { enabled: { kind: 'boolean', default: true }, name: { kind: 'string', default: 'x' } });
    const c = resolveConfig({ xtest: { name: 'y' } }, DIR);
    expect(configSection<{ enabled: boolean; name: string }>(c, 'xtest')).toEqual({ enabled: true, name: 'y' });
    expect(problemsOf(() => resolveConfig({ xtest: { enabled: 3 } }, DIR))[0]).toMatch(/^xtest\.enabled: must be true or false/);
    expect(() => registerConfigSection('server', {})).toThrow(/core section/);
  });
});

describe('loadConfig', () => {
  let tmp: string;
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tumbler-config-'));
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  test('reads tumbler.json from the directory', () => {
    fs.writeFileSync(path.join(tmp, 'tumbler.json'), JSON.stringify({ server: { port: 7000 } }));
    const c = loadConfig(tmp, {});
    expect(c.server.port).toBe(7000);
    expect(c.tls.cert).toBe(path.join(tmp, 'server.pem'));
  });

  test('a missing file says to run init; broken JSON says so', () => {
    expect(problemsOf(() => loadConfig(tmp, {}))[0]).toMatch(/not found \(run `tumbler init/);
    fs.writeFileSync(path.join(tmp, 'tumbler.json'), '{ "server": ');
    expect(problemsOf(() => loadConfig(tmp, {}))[0]).toMatch(/not valid JSON/);
  });
});
