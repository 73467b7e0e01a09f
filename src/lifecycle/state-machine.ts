/**
 * The KMIP object state machine (KMIP 1.4 §3.22, 2.1 §4.57, Figure 1 "Cryptographic Object States and
 * Transitions"). Pure: no I/O, no clock (callers pass `now`). Operations ask this module; they never
 * compare states themselves.
 *
 * The ten transitions of the specification:
 *   1  (none)        -> Pre-Active   create/register (-> Active at once if the Activation Date has passed)
 *   2  Pre-Active    -> Destroyed    Destroy
 *   3  Pre-Active    -> Compromised  Revoke, reason Compromised
 *   4  Pre-Active    -> Active       Activate, or the Activation Date is reached
 *   5  Active        -> Compromised  Revoke, reason Compromised
 *   6  Active        -> Deactivated  Revoke (other reason), or the Deactivation Date is reached
 *   7  Deactivated   -> Destroyed    Destroy
 *   8  Deactivated   -> Compromised  Revoke, reason Compromised
 *   9  Compromised   -> Destroyed Compromised  Destroy
 *   10 Destroyed     -> Destroyed Compromised  Revoke, reason Compromised
 * "Only the transitions described above are permitted": everything else is a violation (a Revoke that would
 * leave the state unchanged included, as in PyKMIP).
 */
import { State } from '../kmip/enums';

export type StateValue = number;

/** Lifecycle date attributes this module sets, by specification attribute name. Values: seconds since epoch. */
export type LifecycleDateName =
  | 'Activation Date'
  | 'Deactivation Date'
  | 'Compromise Date'
  | 'Compromise Occurrence Date'
  | 'Destroy Date';

export type LifecycleEvent =
  | { kind: 'activate' }
  | {
      kind: 'revoke';
      /** True for Revocation Reason Code Key Compromise or CA Compromise. */
      compromise: boolean;
      /** Compromise Occurrence Date from the request, if any. */
      occurrenceDate?: bigint;
    }
  | { kind: 'destroy' }
  | { kind: 'activationDateReached' }
  | { kind: 'deactivationDateReached' };

export type LifecycleEventKind = LifecycleEvent['kind'];
export const EVENT_KINDS: readonly LifecycleEventKind[] = [
  'activate',
  'revoke',
  'destroy',
  'activationDateReached',
  'deactivationDateReached',
];

export interface TransitionContext {
  /** Current server time, seconds since the Unix epoch. */
  now: bigint;
  /** The object's Initial Date: the default Compromise Occurrence Date (KMIP 1.4 §4.20 "SHOULD"). */
  initialDate?: bigint;
}

export type TransitionResult =
  | {
      ok: true;
      state: StateValue;
      /** The spec transition number (1-10). */
      transition: number;
      /** Date attributes the operation must set together with the new state. */
      set: Partial<Record<LifecycleDateName, bigint>>;
    }
  | { ok: false; state: StateValue; message: string };

interface Edge {
  to: StateValue;
  n: number;
}

/** The transition table: from-state -> event key -> edge. Revoke is split by compromise. */
type EventKey = 'activate' | 'revokeCompromise' | 'revokeOther' | 'destroy' | 'activationDateReached' | 'deactivationDateReached';

const TABLE: Readonly<Record<number, Partial<Record<EventKey, Edge>>>> = {
  [State.PreActive]: {
    destroy: { to: State.Destroyed, n: 2 },
    revokeCompromise: { to: State.Compromised, n: 3 },
    activate: { to: State.Active, n: 4 },
    activationDateReached: { to: State.Active, n: 4 },
  },
  [State.Active]: {
    revokeCompromise: { to: State.Compromised, n: 5 },
    revokeOther: { to: State.Deactivated, n: 6 },
    deactivationDateReached: { to: State.Deactivated, n: 6 },
  },
  [State.Deactivated]: {
    destroy: { to: State.Destroyed, n: 7 },
    revokeCompromise: { to: State.Compromised, n: 8 },
  },
  [State.Compromised]: {
    destroy: { to: State.DestroyedCompromised, n: 9 },
  },
  [State.Destroyed]: {
    revokeCompromise: { to: State.DestroyedCompromised, n: 10 },
  },
  [State.DestroyedCompromised]: {},
};

function keyOf(e: LifecycleEvent): EventKey {
  if (e.kind === 'revoke') return e.compromise ? 'revokeCompromise' : 'revokeOther';
  return e.kind;
}

export function stateName(s: StateValue): string {
  for (const [k, v] of Object.entries(State)) if (v === s) return k;
  return `State(${s})`;
}

/** Apply one event to a state. Returns the new state and the date attributes to set, or a violation. */
export function transition(state: StateValue, event: LifecycleEvent, ctx: TransitionContext): TransitionResult {
  const edge = TABLE[state]?.[keyOf(event)];
  if (!edge) {
    const what = event.kind === 'revoke' ? `revoke (${event.compromise ? 'compromise' : 'non-compromise'})` : event.kind;
    return { ok: false, state, message: `${what} is not permitted in state ${stateName(state)}` };
  }
  const set: Partial<Record<LifecycleDateName, bigint>> = {};
  switch (event.kind) {
    case 'activate':
      set['Activation Date'] = ctx.now; // §4.19: set to the time the Activate is received
      break;
    case 'revoke':
      if (event.compromise) {
        set['Compromise Date'] = ctx.now;
        const occ = event.occurrenceDate ?? ctx.initialDate;
        if (occ !== undefined) set['Compromise Occurrence Date'] = occ;
      } else {
        set['Deactivation Date'] = ctx.now;
      }
      break;
    case 'destroy':
      set['Destroy Date'] = ctx.now;
      break;
    default:
      break; // date-reached transitions: the date is already set
  }
  return { ok: true, state: edge.to, transition: edge.n, set };
}

/** Transition 1: the state of a new object given the Activation Date in the request (if any). */
export function initialState(activationDate: bigint | undefined, now: bigint): StateValue {
  return activationDate !== undefined && activationDate <= now ? State.Active : State.PreActive;
}

export const ALL_STATES: readonly StateValue[] = [
  State.PreActive,
  State.Active,
  State.Deactivated,
  State.Compromised,
  State.Destroyed,
  State.DestroyedCompromised,
];
