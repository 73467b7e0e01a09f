/** The mandatory-set baseline (conformance/runner/baseline.ts): what it records and what counts as a regression. */
import { baselineFrom, isMandatory, regression, vectorKey, type RunRecord } from '../../../conformance/runner/baseline';

const rec = (file: string, status: RunRecord['status'], pairs: number, pairsPassed: number, message?: string): RunRecord => ({
  file,
  status,
  pairs,
  pairsPassed,
  ...(message ? { failure: { message, pairIndex: pairsPassed, operation: 'Decrypt' } } : {}),
});

test('vector keys and the mandatory sets', () => {
  expect(vectorKey('/work/shared/conformance/oasis/1.4/profiles/mandatory/CS-BC-M-2-14.xml')).toBe('1.4/profiles/mandatory/CS-BC-M-2-14.xml');
  expect(vectorKey('2.1/profiles/mandatory/PKCS11-M-1-21.xml')).toBe('2.1/profiles/mandatory/PKCS11-M-1-21.xml');
  expect(isMandatory('/x/oasis/1.0/profiles-extracted/mandatory/SKLC-M-1-10.xml')).toBe(true);
  expect(isMandatory('/x/oasis/1.4/profiles/optional/AKLC-O-1-14.xml')).toBe(false);
  expect(isMandatory('/x/oasis/1.0/extracted-ovh/SASED_M_3_10_storage_array_retrieve.xml')).toBe(false);
  expect(isMandatory('/x/oasis/1.4/testcases/TC-CREG-2-14.xml')).toBe(false);
});

test('the baseline keeps the mandatory files, sorted, with the reason of each failing one', () => {
  const b = baselineFrom(
    [
      rec('2.1/profiles/mandatory/PKCS11-M-1-21.xml', 'fail', 3, 1, 'ResponsePayload/PKCS_11OutputParameters: value differs'),
      rec('1.4/profiles/mandatory/SKLC-M-1-14.xml', 'pass', 6, 6),
      rec('1.4/testcases/TC-OTP-1-14.xml', 'fail', 2, 0, 'x'),
    ],
    '2026-01-01T00:00Z',
    'SoftHSM2',
  );
  expect(b.files).toEqual([
    { file: '1.4/profiles/mandatory/SKLC-M-1-14.xml', expect: 'pass', pairs: 6, pairsPassed: 6 },
    {
      file: '2.1/profiles/mandatory/PKCS11-M-1-21.xml',
      expect: 'fail',
      pairs: 3,
      pairsPassed: 1,
      reason: 'pair 1 (Decrypt): ResponsePayload/PKCS_11OutputParameters: value differs',
    },
  ]);
  expect(b.sets).toContain('2.1/profiles/mandatory');
});

describe('regression', () => {
  const pass = { file: 'a.xml', expect: 'pass' as const, pairs: 4, pairsPassed: 4 };
  const fail = { file: 'b.xml', expect: 'fail' as const, pairs: 4, pairsPassed: 2, reason: 'pair 2: x' };

  it('a passing file that fails (or is skipped) is a regression, with the reason', () => {
    expect(regression(pass, rec('a.xml', 'pass', 4, 4))).toBeUndefined();
    expect(regression(pass, rec('a.xml', 'fail', 4, 3, 'Data: value differs'))).toMatch(/passed in the baseline and now fails: pair 3 \(Decrypt\): Data: value differs/);
    expect(regression(pass, rec('a.xml', 'skip', 4, 0))).toMatch(/skipped/);
  });

  it('a failing file may pass or fail later, not earlier', () => {
    expect(regression(fail, rec('b.xml', 'pass', 4, 4))).toBeUndefined();
    expect(regression(fail, rec('b.xml', 'fail', 4, 2, 'same'))).toBeUndefined();
    expect(regression(fail, rec('b.xml', 'fail', 4, 3, 'further'))).toBeUndefined();
    expect(regression(fail, rec('b.xml', 'fail', 4, 1, 'earlier'))).toMatch(/stops after 1 pair\(s\), the baseline got through 2/);
  });
});
