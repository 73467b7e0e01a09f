/**
 * A real Tumbler server for integration tests, in process: a temporary server directory with its own
 * CA, server certificate and client certificates (issued on demand), a real SQLite file, and a real
 * SoftHSM2 token when SoftHSM2 is installed (required when CI=true), listening on a free port.
 *
 * SoftHSM2 reads SOFTHSM2_CONF at C_Initialize, so every test server of this process shares one
 * configuration (a token directory under the OS temp dir) and gets a token with its own label. jest
 * gives each test file a copy of process.env that native code never sees, so the variable is set on
 * the real process (reached outside the sandbox), and reused by later test files of the same worker.
 */
import { spawnSync } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { createCa, issueClientCert, issueServerCert, type CaBundle } from '../../src/certs';
import { defaultConfigObject } from '../../src/config/load';
import { createLogger } from '../../src/logging';
import { startServer, type ConfigOverrides, type RunningServer } from '../../src/server';

export const SOFTHSM_MODULE = '/usr/lib/softhsm/libsofthsm2.so';
export const SOFTHSM_UTIL = '/usr/bin/softhsm2-util';

export interface TestServer {
  dir: string;
  port: number;
  /** CA certificate (PEM file) that signed the server and client certificates. */
  caPath: string;
  /** Crypto provider in use: "pkcs11" (SoftHSM2) or "software". */
  hsm: 'pkcs11' | 'software';
  /** SQLite file of the store. */
  dbPath: string;
  running: RunningServer;
  /** PEM paths of a client certificate whose CN is `name` (issued on first use). */
  clientCert(name?: string): { cert: string; key: string; certPem: string; keyPem: string };
  stop(): Promise<void>;
}

export interface TestServerOptions {
  overrides?: ConfigOverrides;
  /** Force the software provider even when SoftHSM2 is installed (not allowed when CI=true). */
  software?: boolean;
  /** Period of the lifecycle and rotation sweep; default 0 (none). */
  sweepIntervalMs?: number;
}

export function softHsmAvailable(): boolean {
  return fs.existsSync(SOFTHSM_MODULE) && fs.existsSync(SOFTHSM_UTIL);
}

let softHsmConf: string | undefined;
const CONF_MARK = 'tumbler-it-softhsm';

/** One SoftHSM2 configuration per process (see the header comment). */
function processSoftHsmConf(): string {
  const realProcess = vm.runInThisContext('process') as NodeJS.Process;
  const existing = realProcess.env.SOFTHSM2_CONF;
  if (existing && existing.includes(CONF_MARK) && fs.existsSync(existing)) {
    softHsmConf = existing;
    process.env.SOFTHSM2_CONF = existing;
    return existing;
  }
  const base = fs.mkdtempSync(path.join(os.tmpdir(), `${CONF_MARK}-${process.pid}-`));
  const tokens = path.join(base, 'tokens');
  fs.mkdirSync(tokens);
  softHsmConf = path.join(base, 'softhsm2.conf');
  fs.writeFileSync(softHsmConf, `directories.tokendir = ${tokens}\nobjectstore.backend = file\nlog.level = ERROR\nslots.removable = false\n`);
  process.env.SOFTHSM2_CONF = softHsmConf;
  realProcess.env.SOFTHSM2_CONF = softHsmConf;
  return softHsmConf;
}

function initSoftHsmToken(label: string, pin: string): void {
  const conf = processSoftHsmConf();
  const r = spawnSync(SOFTHSM_UTIL, ['--init-token', '--free', '--label', label, '--pin', pin, '--so-pin', pin + '-so'], {
    env: { ...process.env, SOFTHSM2_CONF: conf },
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`softhsm2-util --init-token failed: ${r.stderr || r.stdout}`);
}

function deleteSoftHsmToken(label: string): void {
  if (!softHsmConf) return;
  spawnSync(SOFTHSM_UTIL, ['--delete-token', '--token', label], { env: { ...process.env, SOFTHSM2_CONF: softHsmConf }, encoding: 'utf8' });
}

function writePem(file: string, text: string, mode = 0o644): void {
  fs.writeFileSync(file, text, { mode });
}

export async function startTestServer(opts: TestServerOptions = {}): Promise<TestServer> {
  const ci = process.env.CI === 'true';
  if (opts.software && ci) throw new Error('CI=true: integration tests must use SoftHSM2');
  const useHsm = !opts.software && softHsmAvailable();
  if (!useHsm && ci) throw new Error(`CI=true but SoftHSM2 is not installed (${SOFTHSM_MODULE}, ${SOFTHSM_UTIL})`);

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tumbler-it-'));
  const ca: CaBundle = createCa('Tumbler Test CA');
  const server = issueServerCert(ca, ['localhost'], ['127.0.0.1']);
  const caPath = path.join(dir, 'ca.pem');
  writePem(caPath, ca.certPem);
  writePem(path.join(dir, 'server.pem'), server.certPem);
  writePem(path.join(dir, 'server-key.pem'), server.keyPem, 0o600);

  const config = defaultConfigObject({ host: '127.0.0.1', port: 0 });
  config.log = { ...config.log, level: 'error' };
  const label = `tumbler-${crypto.randomBytes(4).toString('hex')}`;
  if (useHsm) {
    const pin = crypto.randomBytes(6).toString('hex');
    initSoftHsmToken(label, pin);
    fs.mkdirSync(path.join(dir, 'hsm'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'hsm', 'pin'), pin + '\n', { mode: 0o600 });
    config.hsm = { ...config.hsm, mode: 'pkcs11', module: SOFTHSM_MODULE, tokenLabel: label, pinFile: 'hsm/pin' };
  } else {
    config.hsm = { ...config.hsm, mode: 'software' };
  }
  fs.writeFileSync(path.join(dir, 'tumbler.json'), JSON.stringify(config, null, 2));

  const logger = createLogger({ level: (process.env.TUMBLER_LOG_LEVEL as 'debug' | undefined) ?? 'error', silent: process.env.TUMBLER_LOG_LEVEL === undefined });
  const running = await startServer({ dir, overrides: opts.overrides, logger, sweepIntervalMs: opts.sweepIntervalMs ?? 0, env: {} });

  const issued = new Map<string, { cert: string; key: string; certPem: string; keyPem: string }>();
  const clientCert = (name = 'client') => {
    let c = issued.get(name);
    if (!c) {
      const pair = issueClientCert(ca, name);
      const safe = name.replace(/[^A-Za-z0-9_.-]/g, '_');
      const cert = path.join(dir, `client-${safe}.pem`);
      const key = path.join(dir, `client-${safe}-key.pem`);
      writePem(cert, pair.certPem);
      writePem(key, pair.keyPem, 0o600);
      c = { cert, key, certPem: pair.certPem, keyPem: pair.keyPem };
      issued.set(name, c);
    }
    return c;
  };

  let stopped = false;
  return {
    dir,
    port: running.port,
    caPath,
    hsm: running.crypto.kind,
    dbPath: running.config.store.path,
    running,
    clientCert,
    async stop() {
      if (stopped) return;
      stopped = true;
      await running.close();
      if (useHsm) deleteSoftHsmToken(label);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
