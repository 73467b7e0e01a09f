import { State } from '../../../src/kmip/enums';
import { effectiveState, mayLease, mayProcess, mayProtect, ALL_STATES } from '../../../src/lifecycle';

const NOW = 1_800_000_000n;
const PAST = NOW - 10n;
const FUTURE = NOW + 10n;
const { PreActive: P, Active: A, Deactivated: D, Compromised: C, Destroyed: X, DestroyedCompromised: XC } = State;

describe('effectiveState (access-time date evaluation)', () => {
  test.each([
    ['Pre-Active, no dates', P, {}, P],
    ['Pre-Active, activation in the future', P, { activationDate: FUTURE }, P],
    ['Pre-Active, activation reached exactly now', P, { activationDate: NOW }, A],
    ['Pre-Active, activation passed', P, { activationDate: PAST }, A],
    ['Pre-Active, activation and deactivation passed', P, { activationDate: PAST - 5n, deactivationDate: PAST }, D],
    ['Pre-Active, only deactivation passed (no Pre-Active -> Deactivated edge)', P, { deactivationDate: PAST }, P],
    ['Active, deactivation in the future', A, { deactivationDate: FUTURE }, A],
    ['Active, deactivation reached', A, { deactivationDate: NOW }, D],
    ['Compromised keeps its state', C, { activationDate: PAST, deactivationDate: PAST }, C],
    ['Destroyed keeps its state', X, { activationDate: PAST }, X],
    ['Destroyed Compromised keeps its state', XC, { deactivationDate: PAST }, XC],
    ['Deactivated keeps its state', D, { activationDate: PAST, deactivationDate: PAST }, D],
  ])('%s', (_d, state, dates, expected) => {
    expect(effectiveState(state, dates, NOW)).toBe(expected);
  });
});

describe('mayProtect / mayProcess per state', () => {
  // [state, protect, process (default), process with special permission]
  const table: [number, boolean, boolean, boolean][] = [
    [P, false, false, false],
    [A, true, true, true],
    [D, false, false, true],
    [C, false, false, true],
    [X, false, false, false],
    [XC, false, false, false],
  ];
  test('the table covers every state', () => expect(table.map((r) => r[0]).sort()).toEqual([...ALL_STATES].sort()));
  test.each(table)('state %i', (state, protect, process, special) => {
    expect(mayProtect(state, {}, NOW).ok).toBe(protect);
    expect(mayProcess(state, {}, NOW).ok).toBe(process);
    expect(mayProcess(state, {}, NOW, { allowDeactivated: true, allowCompromised: true }).ok).toBe(special);
  });
});

describe('date limits on use', () => {
  test('Protect Stop Date: protection allowed up to and at the date, refused after', () => {
    expect(mayProtect(A, { protectStopDate: NOW }, NOW).ok).toBe(true);
    const after = mayProtect(A, { protectStopDate: PAST }, NOW);
    expect(after).toEqual({ ok: false, message: 'Protect Stop Date has passed' });
    // processing is not limited by the Protect Stop Date
    expect(mayProcess(A, { protectStopDate: PAST }, NOW).ok).toBe(true);
  });

  test('Process Start Date: processing refused before, allowed from the date', () => {
    expect(mayProcess(A, { processStartDate: FUTURE }, NOW)).toEqual({ ok: false, message: 'Process Start Date has not been reached' });
    expect(mayProcess(A, { processStartDate: NOW }, NOW).ok).toBe(true);
    // protection is not limited by the Process Start Date
    expect(mayProtect(A, { processStartDate: FUTURE }, NOW).ok).toBe(true);
  });

  test('dates are applied through the effective state', () => {
    expect(mayProtect(P, { activationDate: PAST }, NOW).ok).toBe(true);
    expect(mayProtect(A, { deactivationDate: PAST }, NOW).ok).toBe(false);
    expect(mayProcess(A, { deactivationDate: PAST }, NOW, { allowDeactivated: true }).ok).toBe(true);
  });
});

describe('mayLease (Obtain Lease policy)', () => {
  test.each([
    [P, true],
    [A, true],
    [D, true],
    [C, false],
    [X, false],
    [XC, false],
  ])('state %i -> %s', (state, ok) => {
    expect(mayLease(state, {}, NOW).ok).toBe(ok);
  });
  test('uses the effective state: an Active key past its Deactivation Date still gets a lease', () => {
    expect(mayLease(A, { deactivationDate: PAST }, NOW).ok).toBe(true);
  });
});
