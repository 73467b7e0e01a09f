/** Summaries of a run: totals per version and profile family, failure groups, profile names. */
import { formatTable, groupFailures, summarize, toJson } from '../../../conformance/runner/report';
import { profileOf, skipReason } from '../../../conformance/runner/discover';
import type { FileResult } from '../../../conformance/runner/types';

const result = (display: string, version: string, status: FileResult['status'], path?: string, actual = 'x'): FileResult => ({
  file: '/v/' + display,
  display,
  version,
  profile: profileOf(display),
  status,
  pairs: 3,
  pairsPassed: status === 'pass' ? 3 : 1,
  ms: 1,
  ...(path
    ? { failure: { kind: 'mismatch' as const, pairIndex: 1, messageIndex: 3, operation: 'Get', message: path, difference: { path, reason: 'value differs', expected: 'e', actual } } }
    : {}),
});

describe('profile families', () => {
  it.each([
    ['SKLC-M-1-14.xml', 'SKLC'],
    ['CS-BC-M-GCM-1-21.xml', 'CS-BC'],
    ['CS_BC_M_7_12_Encrypt_with_All_Fields.xml', 'CS-BC'],
    ['TC_311_10_Create_Destroy.xml', 'TC-*'],
    ['TC-ECC-2-14.xml', 'TC-*'],
    ['MSGENC-JSON-M-1-14.xml', 'MSGENC'],
    ['BL-M-1-21.xml', 'BL'],
    ['README.xml', 'other'],
  ])('%s -> %s', (file, profile) => expect(profileOf(file)).toBe(profile));
});

describe('skip list matching', () => {
  it('matches by path suffix only', () => {
    const skips = [{ file: '1.4/testcases/TC-X-1-14.xml', reason: 'why' }];
    expect(skipReason('/a/oasis/1.4/testcases/TC-X-1-14.xml', skips)).toBe('why');
    expect(skipReason('/a/oasis/2.1/testcases/TC-X-1-14.xml', skips)).toBeUndefined();
  });
});

describe('summaries', () => {
  const results = [
    result('1.4/SKLC-M-1-14.xml', '1.4', 'pass'),
    result('1.4/SKLC-M-2-14.xml', '1.4', 'fail', 'ResponseMessage/BatchItem[0]/ResultStatus', 'Enumeration OperationFailed / Enumeration ItemNotFound / "object 123 gone"'),
    result('2.1/SKLC-M-2-21.xml', '2.1', 'fail', 'ResponseMessage/BatchItem[0]/ResultStatus', 'Enumeration OperationFailed / Enumeration ItemNotFound / "object 456 gone"'),
    result('2.1/BL-M-1-21.xml', '2.1', 'fail', 'ResponseMessage/BatchItem[1]/ResponsePayload/Data'),
    { ...result('2.1/BL-M-2-21.xml', '2.1', 'skip'), skipReason: 'because' },
  ];

  it('counts per version, profile and version×profile', () => {
    const s = summarize(results);
    expect(s.totals).toEqual({ files: 5, pass: 1, fail: 3, skip: 1 });
    expect(s.byVersion['2.1']).toEqual({ files: 3, pass: 0, fail: 2, skip: 1 });
    expect(s.byProfile.SKLC).toEqual({ files: 3, pass: 1, fail: 2, skip: 0 });
    expect(s.byVersionProfile['2.1'].BL).toEqual({ files: 2, pass: 0, fail: 1, skip: 1 });
    expect(s.byFailureKind).toEqual({ mismatch: 3 });
  });

  it('groups failures by path and, for a failed operation, by status and reason', () => {
    const g = groupFailures(results);
    expect(g[0]).toEqual({
      cause: 'ResponseMessage/BatchItem/ResultStatus: value differs (Enumeration OperationFailed / Enumeration ItemNotFound; Get)',
      count: 2,
      files: ['1.4/SKLC-M-2-14.xml', '2.1/SKLC-M-2-21.xml'],
    });
    expect(g[1].cause).toBe('ResponseMessage/BatchItem/ResponsePayload/Data: value differs');
  });

  it('JSON and table name each failing file with its message index and path', () => {
    const json = toJson(results) as { files: Array<{ file: string; failure?: { messageIndex: number } }> };
    expect(json.files.find((f) => f.file === '1.4/SKLC-M-2-14.xml')?.failure?.messageIndex).toBe(3);
    const table = formatTable(results);
    expect(table).toContain('1.4/SKLC-M-2-14.xml  message 3 (pair 1, Get) [mismatch]');
    expect(table).toContain('at       ResponseMessage/BatchItem[0]/ResultStatus: value differs');
    expect(table).toContain('TOTAL: 1 passed, 3 failed, 1 skipped of 5 files');
  });
});
