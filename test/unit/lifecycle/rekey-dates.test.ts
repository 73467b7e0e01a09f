import { replacementDates, REKEY_DATE_NAMES } from '../../../src/lifecycle';

const NOW = 1_800_000_000n;

describe('replacementDates (Re-key, KMIP 1.4 §4.4 / 2.1 §6.1.42)', () => {
  const old = { 'Activation Date': 1000n, 'Process Start Date': 1100n, 'Protect Stop Date': 1900n, 'Deactivation Date': 2000n };

  test('without Offset every date is copied unchanged, including dates in the past', () => {
    expect(replacementDates(old, undefined, NOW)).toEqual({ ok: true, dates: old });
    expect(replacementDates({ 'Deactivation Date': 5n }, undefined, NOW)).toEqual({ ok: true, dates: { 'Deactivation Date': 5n } });
    expect(replacementDates({}, undefined, NOW)).toEqual({ ok: true, dates: {} });
  });

  test('with Offset: AT2 = IT2 + Offset and PS2/TS2/DT2 keep their distance to AT2', () => {
    const r = replacementDates(old, 60n, NOW);
    expect(r).toEqual({
      ok: true,
      dates: { 'Activation Date': NOW + 60n, 'Process Start Date': NOW + 160n, 'Protect Stop Date': NOW + 960n, 'Deactivation Date': NOW + 1060n },
    });
  });

  test('Offset 0 activates at the Re-key time (OASIS TC-92: Deactivation Date 120 s after)', () => {
    expect(replacementDates({ 'Activation Date': 10n, 'Deactivation Date': 130n }, 0n, NOW)).toEqual({
      ok: true,
      dates: { 'Activation Date': NOW, 'Deactivation Date': NOW + 120n },
    });
  });

  test('dates the old key lacks stay absent', () => {
    expect(replacementDates({ 'Activation Date': 10n }, 5n, NOW)).toEqual({ ok: true, dates: { 'Activation Date': NOW + 5n } });
  });

  test('Offset without an Activation Date on the existing key is refused', () => {
    expect(replacementDates({ 'Deactivation Date': 10n }, 5n, NOW).ok).toBe(false);
  });

  test('the four dates of the specification', () => {
    expect([...REKEY_DATE_NAMES].sort()).toEqual(['Activation Date', 'Deactivation Date', 'Process Start Date', 'Protect Stop Date']);
  });
});
