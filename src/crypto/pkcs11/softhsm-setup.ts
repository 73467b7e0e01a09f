/**
 * SoftHSM2 token set-up for development, tests and single-machine deployments:
 *   <dir>/softhsm2.conf   directories.tokendir = <dir>/tokens
 *   <dir>/tokens/         the token files
 *   <dir>/hsm.pin         the user PIN, mode 0600
 * Sets SOFTHSM2_CONF for this process (SoftHSM2 reads it at C_Initialize, so call this before opening
 * the provider). Tokens are initialised with softhsm2-util; its --pin/--so-pin arguments are visible to
 * other local users for the instant it runs, which is acceptable for this set-up path only (a real HSM
 * is initialised by its own tooling). The server itself reads the PIN from the file.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { CryptoUnavailableError } from '../errors';

const MODULE_CANDIDATES = [
  '/usr/lib/softhsm/libsofthsm2.so',
  '/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so',
  '/usr/lib/aarch64-linux-gnu/softhsm/libsofthsm2.so',
  '/usr/local/lib/softhsm/libsofthsm2.so',
  '/opt/homebrew/lib/softhsm/libsofthsm2.so',
];

export function softHsmModulePath(): string | undefined {
  return MODULE_CANDIDATES.find((p) => fs.existsSync(p));
}

function utilAvailable(): boolean {
  try {
    execFileSync('softhsm2-util', ['--version'], { stdio: 'ignore', timeout: 10_000 });
    return true;
  } catch {
    return false;
  }
}

export function isSoftHsmInstalled(): boolean {
  return softHsmModulePath() !== undefined && utilAvailable();
}

export interface SoftHsmSetupOptions {
  label: string;
  /** User PIN; a random one is generated when absent (and reused from hsm.pin when the token exists). */
  pin?: string;
  /** Security Officer PIN; random when absent (not stored: it is not needed to run the server). */
  soPin?: string;
}

export interface SoftHsmSetup {
  confPath: string;
  tokenDir: string;
  pinFile: string;
  label: string;
  modulePath: string;
  /** False when a token with this label already existed in dir. */
  created: boolean;
}

export function setupSoftHsmToken(dir: string, opts: SoftHsmSetupOptions): SoftHsmSetup {
  const modulePath = softHsmModulePath();
  if (!modulePath || !utilAvailable()) {
    throw new CryptoUnavailableError('SoftHSM2 is not installed (need libsofthsm2.so and softhsm2-util; e.g. apt-get install softhsm2)', 'SOFTHSM_MISSING');
  }
  if (!/^[\x20-\x7e]{1,32}$/.test(opts.label)) throw new CryptoUnavailableError('token label must be 1-32 printable ASCII characters', 'BAD_LABEL');
  const root = path.resolve(dir);
  const tokenDir = path.join(root, 'tokens');
  const confPath = path.join(root, 'softhsm2.conf');
  const pinFile = path.join(root, 'hsm.pin');
  fs.mkdirSync(tokenDir, { recursive: true, mode: 0o700 });
  fs.writeFileSync(
    confPath,
    `# Written by tumbler: SoftHSM2 configuration for this server directory\n` +
      `directories.tokendir = ${tokenDir}\nobjectstore.backend = file\nlog.level = ERROR\nslots.removable = false\n`,
    { mode: 0o600 },
  );
  process.env.SOFTHSM2_CONF = confPath;
  const env = { ...process.env, SOFTHSM2_CONF: confPath };

  const slots = execFileSync('softhsm2-util', ['--show-slots'], { env, encoding: 'utf8', timeout: 30_000 });
  const exists = slots.split('\n').some((l) => /^\s*Label:\s*(.*)$/.exec(l)?.[1].trim() === opts.label);
  if (exists) {
    if (!fs.existsSync(pinFile)) {
      throw new CryptoUnavailableError(`token "${opts.label}" exists in ${tokenDir} but ${pinFile} is missing`, 'PIN_FILE');
    }
    return { confPath, tokenDir, pinFile, label: opts.label, modulePath, created: false };
  }
  const pin = opts.pin ?? randomBytes(16).toString('hex');
  const soPin = opts.soPin ?? randomBytes(16).toString('hex');
  try {
    execFileSync('softhsm2-util', ['--init-token', '--free', '--label', opts.label, '--pin', pin, '--so-pin', soPin], {
      env, stdio: 'pipe', timeout: 30_000,
    });
  } catch (e) {
    const err = (e as { stderr?: Buffer }).stderr?.toString().trim();
    throw new CryptoUnavailableError(`softhsm2-util could not initialise token "${opts.label}": ${err || (e as Error).message}`, 'SOFTHSM_INIT');
  }
  fs.writeFileSync(pinFile, pin + '\n', { mode: 0o600 });
  fs.chmodSync(pinFile, 0o600);
  return { confPath, tokenDir, pinFile, label: opts.label, modulePath, created: true };
}
