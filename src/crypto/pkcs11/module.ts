/**
 * Loading and initialising a PKCS#11 module. A module is initialised once per process: a second
 * C_Initialize returns CKR_CRYPTOKI_ALREADY_INITIALIZED, and C_Finalize would pull the library from
 * under every other user. So modules are shared by path with a reference count, and finalised when the
 * last user releases them. (Inside a worker_thread the library is shared with the main thread; there the
 * ALREADY_INITIALIZED answer is accepted and the worker never finalises.)
 */
import * as pkcs11js from 'pkcs11js';
import * as fs from 'node:fs';
import { CryptoUnavailableError } from '../errors';
import { ckrName } from './errors';

interface Loaded {
  mod: pkcs11js.PKCS11;
  refs: number;
  /** We called C_Initialize successfully, so we are the one to finalise. */
  owner: boolean;
}

const loaded = new Map<string, Loaded>();

export function acquireModule(modulePath: string): pkcs11js.PKCS11 {
  const have = loaded.get(modulePath);
  if (have) {
    have.refs++;
    return have.mod;
  }
  if (!fs.existsSync(modulePath)) {
    throw new CryptoUnavailableError(`PKCS#11 module ${modulePath} does not exist (is the HSM client library installed?)`, 'MODULE_MISSING');
  }
  const mod = new pkcs11js.PKCS11();
  try {
    mod.load(modulePath);
  } catch (e) {
    throw new CryptoUnavailableError(`cannot load PKCS#11 module ${modulePath}: ${(e as Error).message.split('\n')[0]}`, 'MODULE_LOAD');
  }
  let owner = true;
  try {
    mod.C_Initialize({ flags: pkcs11js.CKF_OS_LOCKING_OK });
  } catch (e) {
    if (ckrName(e) === 'CKR_CRYPTOKI_ALREADY_INITIALIZED') owner = false;
    else {
      throw new CryptoUnavailableError(
        `cannot initialise PKCS#11 module ${modulePath}: ${ckrName(e) ?? (e as Error).message.split('\n')[0]}`,
        ckrName(e) ?? 'MODULE_INIT',
      );
    }
  }
  loaded.set(modulePath, { mod, refs: 1, owner });
  return mod;
}

export function releaseModule(modulePath: string): void {
  const have = loaded.get(modulePath);
  if (!have) return;
  if (--have.refs > 0) return;
  loaded.delete(modulePath);
  if (have.owner) {
    try {
      have.mod.C_Finalize();
    } catch {
      // Already finalised or the device is gone: nothing left to release.
    }
  }
}

/** Trimmed token label of a slot, or undefined when the slot has no initialised token. */
export function tokenLabel(mod: pkcs11js.PKCS11, slot: pkcs11js.Handle): string | undefined {
  const info = mod.C_GetTokenInfo(slot);
  if ((info.flags & pkcs11js.CKF_TOKEN_INITIALIZED) === 0) return undefined;
  return info.label.trim();
}

/** The slot holding the token with this label (or the initialised token at slotIndex, default 0). */
export function findSlot(
  mod: pkcs11js.PKCS11, modulePath: string, label: string | undefined, slotIndex: number | undefined,
): { slot: pkcs11js.Handle; label: string } {
  const slots = mod.C_GetSlotList(true);
  const labels = slots.map((s) => tokenLabel(mod, s));
  const index = label !== undefined ? labels.indexOf(label) : (slotIndex ?? 0);
  const found = index >= 0 && index < slots.length ? labels[index] : undefined;
  if (found === undefined) {
    const what = label !== undefined ? `token labelled "${label}"` : `initialised token in slot index ${index}`;
    const have = labels.filter((l) => l !== undefined).map((l) => `"${l}"`).join(', ') || 'none';
    throw new CryptoUnavailableError(`no ${what} in PKCS#11 module ${modulePath} (tokens present: ${have})`, 'TOKEN_MISSING');
  }
  return { slot: slots[index], label: found };
}
