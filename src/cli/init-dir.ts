/**
 * Creates a ready-to-run server directory (used by `tumbler init` and `tumbler serve --init`):
 *
 *   tumbler.json          configuration, every default written out
 *   ca.pem, ca-key.pem    development CA (key mode 0600)
 *   server.pem, server-key.pem   server certificate for localhost, 127.0.0.1, ::1, this host name
 *   clients/admin.pem, clients/admin-key.pem, clients/ca.pem   a first client certificate (CN=admin)
 *   db/                   store directory (the SQLite adapter creates the schema on first open)
 *   hsm/                  HSM token directory (SoftHSM2 set-up, see the hook below)
 */
import { isSoftHsmInstalled, setupSoftHsmToken } from '../crypto/pkcs11/softhsm-setup';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createCa, certFingerprint, issueClientCert, issueEcdsaServerCert, issueServerCert } from '../certs';
import { CONFIG_FILE_NAME, defaultConfigObject, resolveConfig, type TumblerConfig } from '../config/load';

export interface InitOptions {
  dir: string;
  host?: string;
  port?: number;
  /** Overwrite an initialised directory (a NEW CA: earlier client certificates stop working). */
  force?: boolean;
  /** Extra names / addresses for the server certificate. */
  hostnames?: string[];
  ips?: string[];
  /** CN of the first client certificate (default "admin"). */
  adminName?: string;
  /**
   * HSM token set-up hook, called after the configuration is written with the resolved
   * configuration (config.hsm.*) and the directory for token files. Left to the caller on purpose:
   * the PKCS#11 helper's `setupSoftHsmToken(hsmDir, { label: config.hsm.tokenLabel })` goes here.
   */
  setupHsm?: (config: TumblerConfig, hsmDir: string) => void | Promise<void>;
}

export interface InitResult {
  dir: string;
  configFile: string;
  caCert: string;
  caKey: string;
  serverCert: string;
  serverKey: string;
  serverEcdsaCert: string;
  serverEcdsaKey: string;
  adminCert: string;
  adminKey: string;
  clientCa: string;
  storePath: string;
  hsmDir: string;
  adminFingerprint: string;
}

export class AlreadyInitialisedError extends Error {
  constructor(readonly dir: string) {
    super(`${dir} is already initialised (${CONFIG_FILE_NAME} exists); use --force to overwrite it with a NEW CA`);
    this.name = 'AlreadyInitialisedError';
  }
}

export function isInitialised(dir: string): boolean {
  return fs.existsSync(path.join(path.resolve(dir), CONFIG_FILE_NAME));
}

export async function initServerDir(opts: InitOptions): Promise<InitResult> {
  const dir = path.resolve(opts.dir);
  if (isInitialised(dir) && !opts.force) throw new AlreadyInitialisedError(dir);

  // Validate the configuration before touching the disk, so a bad --port leaves nothing behind.
  const configObject = defaultConfigObject({ host: opts.host, port: opts.port });
  // A second server certificate with an ECDSA key (src/certs/ecdsa.ts): cheaper full handshakes.
  configObject.tls.ecdsaCert = 'server-ecdsa.pem';
  configObject.tls.ecdsaKey = 'server-ecdsa-key.pem';
  const config = resolveConfig(configObject, dir);

  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const clientsDir = path.join(dir, 'clients');
  const hsmDir = path.join(dir, 'hsm');
  fs.mkdirSync(clientsDir, { recursive: true, mode: 0o700 });
  fs.mkdirSync(hsmDir, { recursive: true, mode: 0o700 });
  fs.mkdirSync(path.dirname(config.store.path), { recursive: true, mode: 0o700 });

  const ca = createCa(`Tumbler development CA (${os.hostname()})`);
  const server = issueServerCert(ca, opts.hostnames ?? [], opts.ips ?? []);
  const serverEc = issueEcdsaServerCert(ca, opts.hostnames ?? [], opts.ips ?? []);
  const admin = issueClientCert(ca, opts.adminName ?? 'admin');
  const adminName = opts.adminName ?? 'admin';

  const files = {
    caCert: path.join(dir, 'ca.pem'),
    caKey: path.join(dir, 'ca-key.pem'),
    serverCert: config.tls.cert,
    serverKey: config.tls.key,
    serverEcdsaCert: config.tls.ecdsaCert!,
    serverEcdsaKey: config.tls.ecdsaKey!,
    adminCert: path.join(clientsDir, `${adminName}.pem`),
    adminKey: path.join(clientsDir, `${adminName}-key.pem`),
    clientCa: path.join(clientsDir, 'ca.pem'),
  };
  writeFile(files.caCert, ca.certPem, 0o644);
  writeFile(files.caKey, ca.keyPem, 0o600);
  writeFile(files.serverCert, server.certPem, 0o644);
  writeFile(files.serverKey, server.keyPem, 0o600);
  writeFile(files.serverEcdsaCert, serverEc.certPem, 0o644);
  writeFile(files.serverEcdsaKey, serverEc.keyPem, 0o600);
  writeFile(files.adminCert, admin.certPem, 0o644);
  writeFile(files.adminKey, admin.keyPem, 0o600);
  writeFile(files.clientCa, ca.certPem, 0o644);
  const configFile = path.join(dir, CONFIG_FILE_NAME);
  // Written last: its presence marks the directory as initialised.
  writeFile(configFile, JSON.stringify(configObject, null, 2) + '\n', 0o600);

  // ---- HSM TOKEN SETUP HOOK -------------------------------------------------------------------
  // The SoftHSM2 token (src/crypto/pkcs11/softhsm-setup.ts) is created here by the caller-supplied
  // hook; init itself does not depend on the PKCS#11 layer.
  if (opts.setupHsm) await opts.setupHsm(config, hsmDir);
  // ---------------------------------------------------------------------------------------------

  return {
    dir,
    configFile,
    ...files,
    storePath: config.store.path,
    hsmDir,
    adminFingerprint: certFingerprint(admin.certPem),
  };
}

/** Write (replacing) with the given mode; chmod as well because mode only applies on creation. */
export function writeFile(file: string, content: string, mode: number): void {
  fs.writeFileSync(file, content, { mode });
  fs.chmodSync(file, mode);
}

/**
 * The default HSM set-up of a new server directory: a SoftHSM2 token of its own (with SOFTHSM2_CONF inside
 * the directory) when SoftHSM2 is installed; nothing otherwise, and the server then runs on the software provider.
 */
export function setupSoftHsmIfInstalled(config: TumblerConfig, hsmDir: string): void {
  if (isSoftHsmInstalled()) setupSoftHsmToken(hsmDir, { label: config.hsm.tokenLabel });
}
