/**
 * PKCS#11 adapter configuration. The user PIN comes from a file or an environment variable, never
 * from command-line arguments (they show in `ps`).
 */
import * as fs from 'node:fs';
import { CryptoUnavailableError } from '../errors';
import type { DeclaredHsmFacts } from '../port';

export const GENERATION_WORKER_MODES = ['auto', 'always', 'never'] as const;
export type GenerationWorkerMode = (typeof GENERATION_WORKER_MODES)[number];

export interface Pkcs11Config {
  /** Path of the PKCS#11 module, e.g. /usr/lib/softhsm/libsofthsm2.so. */
  modulePath: string;
  /** Token label (preferred) or slot index in the list of slots with a token present. */
  tokenLabel?: string;
  slotIndex?: number;
  /** File holding the user PIN (trailing newline ignored); should be mode 0600. */
  pinFile?: string;
  /** Name of an environment variable holding the user PIN. */
  pinEnv?: string;
  /** Sessions in the pool (default 4). */
  poolSize?: number;
  /** Unwrapped key handles cached per session (default 256). */
  cacheSize?: number;
  /** KEK label prefix (default "tumbler-kek-"); KEKs are <prefix><n>, the highest n is current. */
  kekLabelPrefix?: string;
  /** Create the first KEK when none exists (default true). */
  createKek?: boolean;
  /** Requests waiting for a session beyond this are refused (default 1024). */
  maxWaiting?: number;
  /**
   * Secret keys (Create) generated in a worker thread with its own session (generation-worker.ts): 'auto' (default)
   * when the event loop is busy, 'always', or 'never'.
   */
  generationWorker?: GenerationWorkerMode;
  /** What the operator states about this HSM (Random Number Generator, Protection Storage Mask). */
  declared?: DeclaredHsmFacts;
}

export function readPin(cfg: Pkcs11Config): string {
  let pin: string | undefined;
  if (cfg.pinFile) {
    try {
      pin = fs.readFileSync(cfg.pinFile, 'utf8').replace(/\r?\n$/, '');
    } catch (e) {
      throw new CryptoUnavailableError(`cannot read the HSM PIN file ${cfg.pinFile}: ${(e as Error).message}`, 'PIN_FILE');
    }
  } else if (cfg.pinEnv) {
    pin = process.env[cfg.pinEnv];
    if (pin === undefined) throw new CryptoUnavailableError(`environment variable ${cfg.pinEnv} (HSM PIN) is not set`, 'PIN_ENV');
  }
  if (!pin) throw new CryptoUnavailableError('no HSM user PIN configured (set a PIN file or a PIN environment variable)', 'PIN_MISSING');
  return pin;
}
