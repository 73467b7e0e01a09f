/**
 * The state machine as a table: every state x every event, expected results written from KMIP 1.4 §3.22
 * (transitions 2-10; 1 is initialState). "-" = violation.
 */
import { State, ResultReason } from '../../../src/kmip/enums';
import {
  ALL_STATES,
  type LifecycleEvent,
  initialState,
  transition,
  violationReason,
} from '../../../src/lifecycle';

const NOW = 1_800_000_000n;
const INITIAL = 1_700_000_000n;

const EVENTS: Record<string, LifecycleEvent> = {
  activate: { kind: 'activate' },
  revokeCompromise: { kind: 'revoke', compromise: true },
  revokeOther: { kind: 'revoke', compromise: false },
  destroy: { kind: 'destroy' },
  activationDateReached: { kind: 'activationDateReached' },
  deactivationDateReached: { kind: 'deactivationDateReached' },
};

const { PreActive: P, Active: A, Deactivated: D, Compromised: C, Destroyed: X, DestroyedCompromised: XC } = State;
type Cell = [number, number] | '-'; // [new state, transition number]

// columns: activate, revokeCompromise, revokeOther, destroy, activationDateReached, deactivationDateReached
const TABLE: [number, Cell[]][] = [
  [P, [[A, 4], [C, 3], '-', [X, 2], [A, 4], '-']],
  [A, ['-', [C, 5], [D, 6], '-', '-', [D, 6]]],
  [D, ['-', [C, 8], '-', [X, 7], '-', '-']],
  [C, ['-', '-', '-', [XC, 9], '-', '-']],
  [X, ['-', [XC, 10], '-', '-', '-', '-']],
  [XC, ['-', '-', '-', '-', '-', '-']],
];

const cases = TABLE.flatMap(([from, cells]) =>
  Object.keys(EVENTS).map((ev, i) => [from, ev, cells[i]] as [number, string, Cell]),
);

describe('transition table (every state x every event)', () => {
  test('the table covers all six states and all events', () => {
    expect(TABLE.map(([s]) => s).sort()).toEqual([...ALL_STATES].sort());
    expect(cases).toHaveLength(36);
    // the ten transitions of the spec: 2..10 appear here, 1 is initialState; 4 and 6 have two triggers each
    const numbers = new Set(cases.flatMap(([, , c]) => (c === '-' ? [] : [c[1]])));
    expect([...numbers].sort((a, b) => a - b)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  test.each(cases)('state %i, event %s', (from, ev, cell) => {
    const r = transition(from, EVENTS[ev], { now: NOW, initialDate: INITIAL });
    if (cell === '-') {
      expect(r.ok).toBe(false);
      expect(r.state).toBe(from);
      if (!r.ok) expect(r.message).toMatch(/not permitted/);
    } else {
      expect(r).toMatchObject({ ok: true, state: cell[0], transition: cell[1] });
    }
  });
});

describe('attribute updates returned with a transition', () => {
  test('Activate sets Activation Date to now', () => {
    expect(transition(P, EVENTS.activate, { now: NOW })).toEqual({ ok: true, state: A, transition: 4, set: { 'Activation Date': NOW } });
  });

  test('Revoke (compromise) sets Compromise Date and the given Compromise Occurrence Date', () => {
    const r = transition(A, { kind: 'revoke', compromise: true, occurrenceDate: 1_750_000_000n }, { now: NOW, initialDate: INITIAL });
    expect(r).toEqual({
      ok: true,
      state: C,
      transition: 5,
      set: { 'Compromise Date': NOW, 'Compromise Occurrence Date': 1_750_000_000n },
    });
  });

  test('Revoke (compromise) without an occurrence date defaults it to the Initial Date', () => {
    const r = transition(D, EVENTS.revokeCompromise, { now: NOW, initialDate: INITIAL });
    expect(r.ok && r.set).toEqual({ 'Compromise Date': NOW, 'Compromise Occurrence Date': INITIAL });
    const noInitial = transition(D, EVENTS.revokeCompromise, { now: NOW });
    expect(noInitial.ok && noInitial.set).toEqual({ 'Compromise Date': NOW });
  });

  test('Revoke (other reason) sets Deactivation Date', () => {
    const r = transition(A, EVENTS.revokeOther, { now: NOW });
    expect(r.ok && r.set).toEqual({ 'Deactivation Date': NOW });
  });

  test('Destroy sets Destroy Date; date-reached events set nothing', () => {
    const r = transition(D, EVENTS.destroy, { now: NOW });
    expect(r.ok && r.set).toEqual({ 'Destroy Date': NOW });
    const d = transition(A, EVENTS.deactivationDateReached, { now: NOW });
    expect(d.ok && d.set).toEqual({});
  });

  test('an unknown state is a violation, not a crash', () => {
    expect(transition(99, EVENTS.activate, { now: NOW }).ok).toBe(false);
  });
});

describe('transition 1: initial state', () => {
  test.each([
    [undefined, P],
    [NOW + 1n, P],
    [NOW, A],
    [NOW - 100n, A],
  ])('activation date %p -> %i', (date, expected) => {
    expect(initialState(date as bigint | undefined, NOW)).toBe(expected);
  });
});

describe('violation reason by version', () => {
  test.each([
    [1, 0, ResultReason.PermissionDenied],
    [1, 4, ResultReason.PermissionDenied],
    [2, 0, ResultReason.WrongKeyLifecycleState],
    [2, 1, ResultReason.WrongKeyLifecycleState],
  ])('KMIP %i.%i', (major, minor, reason) => {
    expect(violationReason({ major, minor })).toBe(reason);
  });
});
