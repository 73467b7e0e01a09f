/**
 * spec/data/lifecycle.json (the ten transitions of KMIP 1.4 §3.22 / 2.1 §4.57) against the table of
 * src/lifecycle/state-machine.ts, read through its public functions: every (state, event) pair the
 * state machine accepts must be a transition of the data with the same target and number, and every
 * transition of the data must be accepted.
 */
import * as fs from 'fs';
import * as path from 'path';
import { State } from '../../../src/kmip';
import {
  ALL_STATES, EVENT_KINDS, initialState, LifecycleEvent, stateName, transition,
} from '../../../src/lifecycle/state-machine';
import { ROOT } from './shared';

interface LifecycleTransition {
  n: number;
  from: string | null;
  to: string;
  triggers: string[];
}

const data = JSON.parse(fs.readFileSync(path.join(ROOT, 'spec', 'data', 'lifecycle.json'), 'utf8')) as {
  sources: string[];
  states: string[];
  transitions: LifecycleTransition[];
};

/** The state-machine event each spec trigger is (Modify Attribute of a date to the past = that date reached). */
const EVENT_OF: Record<string, LifecycleEvent | 'create'> = {
  create: 'create',
  activate: { kind: 'activate' },
  destroy: { kind: 'destroy' },
  serverPolicyDestroy: { kind: 'destroy' },
  revokeCompromised: { kind: 'revoke', compromise: true },
  revokeOther: { kind: 'revoke', compromise: false },
  activationDateReached: { kind: 'activationDateReached' },
  modifyActivationDateToNowOrPast: { kind: 'activationDateReached' },
  deactivationDateReached: { kind: 'deactivationDateReached' },
  modifyDeactivationDateToNowOrPast: { kind: 'deactivationDateReached' },
};

const stateValue = (name: string): number => {
  const v = (State as Record<string, number>)[name];
  if (v === undefined) throw new Error(`lifecycle.json names unknown state ${name}`);
  return v;
};

const eventKey = (e: LifecycleEvent): string => (e.kind === 'revoke' ? `revoke:${e.compromise}` : e.kind);

const ALL_EVENTS: LifecycleEvent[] = EVENT_KINDS.flatMap((k): LifecycleEvent[] =>
  k === 'revoke' ? [{ kind: 'revoke', compromise: true }, { kind: 'revoke', compromise: false }] : [{ kind: k } as LifecycleEvent],
);

const ctx = { now: 1000n };

describe('spec/data/lifecycle.json', () => {
  it('holds the ten numbered transitions with known states and triggers, citing 1.4 §3.22 and 2.1 §4.57', () => {
    expect(data.transitions.map((t) => t.n)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(data.sources.join(' ')).toMatch(/KMIP 1\.4 §3\.22.*KMIP 2\.1 §4\.57/);
    expect(data.states.map(stateValue).sort()).toEqual([...ALL_STATES].sort());
    for (const t of data.transitions) {
      if (t.from !== null) stateValue(t.from);
      stateValue(t.to);
      expect(t.triggers.length).toBeGreaterThan(0);
      for (const trig of t.triggers) expect(EVENT_OF[trig]).toBeDefined();
    }
  });

  it('transition 1: a new object is Pre-Active (Active at once when its Activation Date has passed)', () => {
    const t1 = data.transitions.find((t) => t.n === 1)!;
    expect(t1.from).toBeNull();
    expect(initialState(undefined, ctx.now)).toBe(stateValue(t1.to));
    expect(initialState(ctx.now + 10n, ctx.now)).toBe(stateValue(t1.to));
    expect(initialState(ctx.now - 10n, ctx.now)).toBe(State.Active);
  });

  it('every transition of the data is accepted by the state machine with the same target and number', () => {
    for (const t of data.transitions.filter((x) => x.from !== null)) {
      for (const trig of t.triggers) {
        const r = transition(stateValue(t.from!), EVENT_OF[trig] as LifecycleEvent, ctx);
        expect({ n: t.n, trig, r: r.ok ? { state: stateName(r.state), transition: r.transition } : r.message }).toEqual({
          n: t.n, trig, r: { state: t.to, transition: t.n },
        });
      }
    }
  });

  it('the state machine accepts nothing else: every other (state, event) pair is a violation', () => {
    const allowed = new Set<string>();
    for (const t of data.transitions.filter((x) => x.from !== null)) {
      for (const trig of t.triggers) allowed.add(`${t.from} ${eventKey(EVENT_OF[trig] as LifecycleEvent)}`);
    }
    const accepted: string[] = [];
    for (const s of ALL_STATES) {
      for (const e of ALL_EVENTS) if (transition(s, e, ctx).ok) accepted.push(`${stateName(s)} ${eventKey(e)}`);
    }
    expect(accepted.sort()).toEqual([...allowed].sort());
  });
});
