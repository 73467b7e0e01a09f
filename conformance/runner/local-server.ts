/**
 * A throw-away Tumbler for `tumbler conformance` without --server: real mutual TLS, a real SQLite
 * file, and SoftHSM2 when it is installed (hsm.mode "pkcs11"), else the software provider.
 *
 * Certificates (slow RSA generation) and the SoftHSM2 token are made once per run; each server
 * gets its own directory and SQLite file, so every vector file starts from an empty store even
 * though the vectors use fixed Names (Locate by Name must see only that file's objects). Keys left
 * in the token by earlier files are unreachable: nothing in the fresh store refers to them.
 */
import { spawnSync } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { createCa, issueClientCert, issueServerCert } from '../../src/certs';
import { defaultConfigObject } from '../../src/config/load';
import { createLogger } from '../../src/logging';
import { startServer, type RunningServer } from '../../src/server';
import { hashPassword, SqliteAccountStore } from '../../src/auth';
import { openSqliteStore } from '../../src/store/sqlite';
import type { ServerSetup } from './setup';
import type { ServerEndpoint } from './types';

const SOFTHSM_MODULES = ['/usr/lib/softhsm/libsofthsm2.so', '/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so'];

export interface LocalServerFactoryOptions {
  /** 'auto' (default): SoftHSM2 when installed; 'software' forces the software provider. */
  hsm?: 'auto' | 'software' | 'pkcs11';
  /** Extra operations settings (e.g. activateOnCreate); default: the server's defaults. */
  operations?: Record<string, unknown>;
}

export interface LocalServer {
  endpoint: ServerEndpoint;
  crypto: 'pkcs11' | 'software';
  stop(): Promise<void>;
}

function softHsmModule(): string | undefined {
  return SOFTHSM_MODULES.find((m) => fs.existsSync(m));
}

function softHsmUtilWorks(): boolean {
  const r = spawnSync('softhsm2-util', ['--version'], { stdio: 'ignore', timeout: 10_000 });
  return r.status === 0;
}

/** The accounts of a set-up, written into the store before the server opens it (as `tumbler accounts add`). */
async function createAccounts(dbPath: string, setup: ServerSetup): Promise<void> {
  fs.mkdirSync(path.dirname(dbPath), { recursive: true, mode: 0o700 });
  const store = openSqliteStore({ path: dbPath });
  try {
    const accounts = new SqliteAccountStore(store);
    for (const a of setup.accounts) {
      accounts.put({ kind: a.kind, name: a.name, hash: await hashPassword(a.password), createdAt: new Date().toISOString(), createdBy: 'conformance set-up' });
    }
    await store.durable();
  } finally {
    await store.close();
  }
}

/** Makes fresh servers that share one CA, one client certificate and (with SoftHSM2) one token. */
export class LocalServerFactory {
  private readonly base: string;
  private readonly caPem: string;
  private readonly server: { certPem: string; keyPem: string };
  private readonly client: { certPem: string; keyPem: string };
  private readonly hsm: { module: string; label: string; pinFile: string } | undefined;
  private counter = 0;

  constructor(private readonly opts: LocalServerFactoryOptions = {}) {
    this.base = fs.mkdtempSync(path.join(os.tmpdir(), 'tumbler-conformance-'));
    const ca = createCa('Tumbler conformance CA');
    this.caPem = ca.certPem;
    this.server = issueServerCert(ca, ['localhost'], ['127.0.0.1']);
    this.client = issueClientCert(ca, 'conformance');
    this.hsm = this.setupHsm();
  }

  /** The SoftHSM2 token for this run, or undefined for the software provider. */
  private setupHsm(): { module: string; label: string; pinFile: string } | undefined {
    const mode = this.opts.hsm ?? 'auto';
    if (mode === 'software') return undefined;
    const module = softHsmModule();
    if (!module || !softHsmUtilWorks()) {
      if (mode === 'pkcs11') throw new Error('SoftHSM2 is not installed (libsofthsm2.so and softhsm2-util are needed)');
      return undefined;
    }
    // SoftHSM2 reads SOFTHSM2_CONF once per process: set it before the first provider opens.
    const hsmDir = path.join(this.base, 'softhsm');
    const tokens = path.join(hsmDir, 'tokens');
    fs.mkdirSync(tokens, { recursive: true, mode: 0o700 });
    const conf = path.join(hsmDir, 'softhsm2.conf');
    fs.writeFileSync(conf, `directories.tokendir = ${tokens}\nobjectstore.backend = file\nlog.level = ERROR\nslots.removable = false\n`);
    // The native library reads the real environment (getenv). Under jest, `process.env` is a
    // per-file copy, so also reach the real process object through the outer context.
    const real = vm.runInThisContext('process') as NodeJS.Process;
    const existing = real.env.SOFTHSM2_CONF ?? process.env.SOFTHSM2_CONF;
    if (existing && fs.existsSync(existing)) {
      // An earlier set-up in this process owns the configuration; use its token directory instead.
      process.env.SOFTHSM2_CONF = existing;
      return this.tokenIn(existing, module, hsmDir);
    }
    process.env.SOFTHSM2_CONF = conf;
    real.env.SOFTHSM2_CONF = conf;
    return this.tokenIn(conf, module, hsmDir);
  }

  private tokenIn(conf: string, module: string, hsmDir: string): { module: string; label: string; pinFile: string } {
    const label = `conf-${crypto.randomBytes(4).toString('hex')}`;
    const pin = crypto.randomBytes(8).toString('hex');
    const r = spawnSync('softhsm2-util', ['--init-token', '--free', '--label', label, '--pin', pin, '--so-pin', pin + 'so'], {
      env: { ...process.env, SOFTHSM2_CONF: conf },
      encoding: 'utf8',
      timeout: 30_000,
    });
    if (r.status !== 0) throw new Error(`softhsm2-util --init-token failed: ${(r.stderr || r.stdout || '').trim()}`);
    const pinFile = path.join(hsmDir, 'pin');
    fs.writeFileSync(pinFile, pin + '\n', { mode: 0o600 });
    return { module, label, pinFile };
  }

  get cryptoKind(): 'pkcs11' | 'software' {
    return this.hsm ? 'pkcs11' : 'software';
  }

  /** Start a server on a fresh directory and store; port chosen by the OS. `setup`: accounts, auth and operations settings (setup.ts). */
  async start(setup?: ServerSetup): Promise<LocalServer> {
    const dir = path.join(this.base, `server-${++this.counter}`);
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    fs.writeFileSync(path.join(dir, 'ca.pem'), this.caPem);
    fs.writeFileSync(path.join(dir, 'server.pem'), this.server.certPem);
    fs.writeFileSync(path.join(dir, 'server-key.pem'), this.server.keyPem, { mode: 0o600 });
    const config = defaultConfigObject({ host: '127.0.0.1', port: 0 });
    config.log = { ...config.log, level: 'error' };
    config.hsm = this.hsm
      ? { ...config.hsm, mode: 'pkcs11', module: this.hsm.module, tokenLabel: this.hsm.label, pinFile: this.hsm.pinFile }
      : { ...config.hsm, mode: 'software' };
    if (this.opts.operations) config.operations = { ...config.operations, ...this.opts.operations };
    if (setup) {
      config.auth = { ...(config.auth as Record<string, unknown>), ...setup.auth };
      config.operations = { ...(config.operations as Record<string, unknown>), ...setup.operations };
    }
    fs.writeFileSync(path.join(dir, 'tumbler.json'), JSON.stringify(config, null, 2));
    if (setup?.accounts.length) await createAccounts(path.resolve(dir, (config.store as { path: string }).path), setup);
    const logger = createLogger({ level: 'error', silent: true });
    let running: RunningServer;
    try {
      running = await startServer({ dir, logger, sweepIntervalMs: 0, env: {} });
    } catch (err) {
      fs.rmSync(dir, { recursive: true, force: true });
      throw err;
    }
    let stopped = false;
    return {
      endpoint: {
        host: '127.0.0.1',
        port: running.port,
        cert: this.client.certPem,
        key: this.client.keyPem,
        ca: this.caPem,
        servername: 'localhost',
      },
      crypto: running.crypto.kind,
      stop: async () => {
        if (stopped) return;
        stopped = true;
        // Keep the event loop alive while the server closes: the SQLite store's close waits for its
        // WAL checkpoint worker, whose worker and timeout are unref'd, so with nothing else pending a
        // CLI run would exit in the middle of the run (silently, code 0).
        const keepAlive = setInterval(() => undefined, 1000);
        try {
          await running.close();
        } finally {
          clearInterval(keepAlive);
        }
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }

  /** Remove the token and every temporary file of this run. */
  dispose(): void {
    if (this.hsm && process.env.SOFTHSM2_CONF) {
      spawnSync('softhsm2-util', ['--delete-token', '--token', this.hsm.label], { stdio: 'ignore', timeout: 30_000 });
    }
    fs.rmSync(this.base, { recursive: true, force: true });
  }
}
