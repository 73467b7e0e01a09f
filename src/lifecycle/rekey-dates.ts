/**
 * Lifecycle dates of a Re-key replacement (KMIP 1.0-1.4 §4.4, 2.1 §6.1.42). Pure.
 *
 * "If no Offset is specified, the Activation Date, Process Start Date, Protect Stop Date and Deactivation Date
 * values are copied from the existing key. If Offset is set and dates exist for the existing key, then the dates
 * of the replacement key SHALL be set ... as follows":
 *   Initial Date IT2 > IT1 (the Re-key time), Activation Date AT2 = IT2 + Offset,
 *   Process Start PS2 = AT2 + (PS1 - AT1), Protect Stop TS2 = AT2 + (TS1 - AT1), Deactivation DT2 = AT2 + (DT1 - AT1).
 * An Offset with no Activation Date on the existing key cannot place the other dates: Illegal Operation (error
 * table "An offset cannot be used ... since no Activation Date has been specified for the existing key").
 */
export const REKEY_DATE_NAMES = ['Activation Date', 'Process Start Date', 'Protect Stop Date', 'Deactivation Date'] as const;
export type ReKeyDateName = (typeof REKEY_DATE_NAMES)[number];
export type ReKeyDates = Partial<Record<ReKeyDateName, bigint>>;

export type ReKeyDatesResult = { ok: true; dates: ReKeyDates } | { ok: false; message: string };

/** `now`: the replacement's Initial Date (IT2); `offset`: the request's Offset in seconds, if any. */
export function replacementDates(old: ReKeyDates, offset: bigint | undefined, now: bigint): ReKeyDatesResult {
  if (offset === undefined) {
    const dates: ReKeyDates = {};
    for (const n of REKEY_DATE_NAMES) if (old[n] !== undefined) dates[n] = old[n];
    return { ok: true, dates };
  }
  const at1 = old['Activation Date'];
  if (at1 === undefined) return { ok: false, message: 'an Offset needs an Activation Date on the existing key' };
  const at2 = now + offset;
  const dates: ReKeyDates = { 'Activation Date': at2 };
  for (const n of REKEY_DATE_NAMES) {
    const was = old[n];
    if (n !== 'Activation Date' && was !== undefined) dates[n] = at2 + (was - at1);
  }
  return { ok: true, dates };
}
