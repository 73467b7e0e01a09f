/**
 * Date rules evaluated at access time (KMIP 1.4 §3.22-3.26): a stored state is turned into the effective
 * state by the Activation and Deactivation Dates, and use is limited by Process Start / Protect Stop Dates.
 * Pure; all times are seconds since the Unix epoch (DateTime values).
 */
import { State } from '../kmip/enums';
import type { StateValue } from './state-machine';

export interface LifecycleDates {
  activationDate?: bigint;
  deactivationDate?: bigint;
  processStartDate?: bigint;
  protectStopDate?: bigint;
}

/**
 * The state an object is in at `now`: Pre-Active becomes Active once its Activation Date is reached
 * (transition 4), Active becomes Deactivated once its Deactivation Date is reached (transition 6), both in
 * sequence if both dates have passed. Pre-Active never goes straight to Deactivated.
 */
export function effectiveState(state: StateValue, dates: LifecycleDates, now: bigint): StateValue {
  let s = state;
  if (s === State.PreActive && dates.activationDate !== undefined && dates.activationDate <= now) s = State.Active;
  if (s === State.Active && dates.deactivationDate !== undefined && dates.deactivationDate <= now) s = State.Deactivated;
  return s;
}

export type UseDecision = { ok: true } | { ok: false; message: string };

/**
 * May the object apply cryptographic protection (encrypt, sign, wrap, MAC, derive) at `now`?
 * Only Active objects (§3.22), and not after the Protect Stop Date (§3.26).
 */
export function mayProtect(state: StateValue, dates: LifecycleDates, now: bigint): UseDecision {
  const s = effectiveState(state, dates, now);
  if (s !== State.Active) return { ok: false, message: 'object is not Active: it may not apply protection' };
  if (dates.protectStopDate !== undefined && now > dates.protectStopDate) {
    return { ok: false, message: 'Protect Stop Date has passed' };
  }
  return { ok: true };
}

export interface ProcessOptions {
  /**
   * Deactivated and Compromised objects SHOULD only process protected data "under extraordinary circumstances
   * and when special permission is granted" (§3.22): the caller's policy says whether this client has it.
   */
  allowDeactivated?: boolean;
  allowCompromised?: boolean;
}

/**
 * May the object process protected information (decrypt, verify, unwrap, MAC verify) at `now`?
 * Active objects, and Deactivated/Compromised ones when policy allows; never before the Process Start Date
 * (§3.25).
 */
export function mayProcess(state: StateValue, dates: LifecycleDates, now: bigint, opts: ProcessOptions = {}): UseDecision {
  const s = effectiveState(state, dates, now);
  const allowed =
    s === State.Active ||
    (s === State.Deactivated && opts.allowDeactivated === true) ||
    (s === State.Compromised && opts.allowCompromised === true);
  if (!allowed) return { ok: false, message: 'object state does not allow processing protected data' };
  if (dates.processStartDate !== undefined && now < dates.processStartDate) {
    return { ok: false, message: 'Process Start Date has not been reached' };
  }
  return { ok: true };
}

/**
 * May the server issue a new lease on the object (Obtain Lease, KMIP 1.0-2.1 §"Obtain Lease")? A lease of
 * zero would tell the client it "MAY use the object without any lease time limit", so an object that must not
 * be used gets no lease at all: "If the server determines that a new lease SHALL NOT be issued ... the server
 * SHALL respond ... with an error". Our policy: Compromised objects (usable only by clients trusted with
 * compromised keys, §3.22) and destroyed objects get none; Pre-Active, Active and Deactivated objects (the
 * latter may still process protected data) do.
 */
export function mayLease(state: StateValue, dates: LifecycleDates, now: bigint): UseDecision {
  const s = effectiveState(state, dates, now);
  if (s === State.Compromised || s === State.Destroyed || s === State.DestroyedCompromised) {
    return { ok: false, message: 'no lease is given for an object in this state' };
  }
  return { ok: true };
}
