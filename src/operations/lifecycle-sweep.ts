/**
 * The periodic lifecycle sweep: objects whose Activation Date or Deactivation Date has been reached move
 * to Active / Deactivated in the store, not only when they are next accessed (operations apply the same
 * rule at access time through withEffectiveState). The date rule itself lives in src/lifecycle (pure);
 * this module only finds the candidates through indexed Locate queries and persists the new state.
 */
import { State, Tag } from '../kmip';
import { effectiveState } from '../lifecycle';
import { dateOf, setSingle } from '../attributes/list';
import { T } from '../ttlv/item';
import type { ObjectStore } from '../store/port';

/** Upper bound of objects changed per sweep, so that one sweep never holds the event loop for long. */
export const SWEEP_BATCH = 1000;

export interface SweepResult {
  activated: number;
  deactivated: number;
}

export async function sweepLifecycle(store: ObjectStore, now: Date, limit = SWEEP_BATCH): Promise<SweepResult> {
  const nowSec = BigInt(Math.floor(now.getTime() / 1000));
  const reached = (name: string, state: number) =>
    store.locate({ filters: [{ name, op: 'le', value: T.date(Tag.AttributeValue, nowSec) }], states: [state], maxItems: limit });
  const candidates = new Set([...reached('Activation Date', State.PreActive), ...reached('Deactivation Date', State.Active)]);
  const result: SweepResult = { activated: 0, deactivated: 0 };
  for (const uid of candidates) {
    const obj = store.get(uid);
    if (!obj) continue;
    const dates = { activationDate: dateOf(obj.attributes, 'Activation Date'), deactivationDate: dateOf(obj.attributes, 'Deactivation Date') };
    const state = effectiveState(obj.state, dates, nowSec);
    if (state === obj.state) continue;
    if (obj.state === State.PreActive) result.activated++;
    if (state === State.Deactivated) result.deactivated++;
    store.update({ ...obj, state, attributes: setSingle(obj.attributes, 'Last Change Date', T.date(Tag.AttributeValue, nowSec)) });
  }
  if (candidates.size > 0) await store.durable();
  return result;
}
