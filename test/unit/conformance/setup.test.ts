/** conformance/setup.json: validation, matching by file name, merging, and the repository's own file. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DiscoverError, loadSetupList, setupFor, type SetupEntry } from '../../../conformance/runner';

function write(content: unknown): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tumbler-setup-'));
  const f = path.join(dir, 'setup.json');
  fs.writeFileSync(f, typeof content === 'string' ? content : JSON.stringify(content));
  return f;
}

describe('loadSetupList', () => {
  test('a missing file is an empty list', () => {
    expect(loadSetupList('/nonexistent/setup.json')).toEqual([]);
  });
  test('bad entries are named', () => {
    expect(() => loadSetupList(write('{'))).toThrow(DiscoverError);
    expect(() => loadSetupList(write({}))).toThrow(/JSON array/);
    expect(() => loadSetupList(write([{ files: 'x' }]))).toThrow(/entry 0/);
    expect(() => loadSetupList(write([{ files: '(', why: 'w' }]))).toThrow(/"files"/);
    expect(() => loadSetupList(write([{ files: 'x', why: 'w', accounts: [{ kind: 'admin', name: 'a', password: 'p' }] }]))).toThrow(/kind/);
    expect(() => loadSetupList(write([{ files: 'x', why: 'w', auth: [] }]))).toThrow(/"auth"/);
    expect(() => loadSetupList(write([{ files: 'x', why: 'w', operations: 'deny' }]))).toThrow(/"operations"/);
    expect(() => loadSetupList(write([{ files: 'x', why: 'w', operations: null }]))).toThrow(/"operations"/);
  });
  test("the repository's conformance/setup.json loads, and each entry says why", () => {
    const list = loadSetupList(path.resolve(__dirname, '..', '..', '..', 'conformance', 'setup.json'));
    expect(list.length).toBeGreaterThan(0);
    for (const e of list) expect(e.why.length).toBeGreaterThan(40);
  });
});

describe('setupFor', () => {
  const entries: SetupEntry[] = [
    { files: '^TC_111_', why: 'w', accounts: [{ kind: 'user', name: 'Fred', password: 'p' }], auth: { hide: 'tenants' } },
    { files: '^TC_112_', why: 'w', accounts: [{ kind: 'device', name: 'd', password: 'p' }], auth: { credentials: 'verify' } },
  ];
  test('matches the file name only, not its directory', () => {
    expect(setupFor(['/x/TC_111_10/other.xml'], entries)).toBeUndefined();
    expect(setupFor(['/x/1.0/TC_111_10_a.xml'], entries)).toEqual({ accounts: entries[0].accounts, auth: { hide: 'tenants' }, operations: {} });
  });
  test('merges every entry matching a file of the server', () => {
    const s = setupFor(['/a/TC_111_10_a.xml', '/a/TC_112_11_b.xml'], entries)!;
    expect(s.accounts.map((a) => a.name)).toEqual(['Fred', 'd']);
    expect(s.auth).toEqual({ hide: 'tenants', credentials: 'verify' });
  });
});

test("the repository's seed-policy entries match CS-RNG-O-2..4 of every version and not CS-RNG-O-1", () => {
  const list = loadSetupList(path.resolve(__dirname, '..', '..', '..', 'conformance', 'setup.json'));
  expect(setupFor(['/v/1.4/profiles/optional/CS-RNG-O-1-14.xml'], list)).toBeUndefined();
  expect(setupFor(['/v/CS-RNG-O-2-21.xml'], list)?.operations).toEqual({ rngSeed: 'accept', rngSeedMaxBytes: 16 });
  expect(setupFor(['/v/CS-RNG-O-3-13.xml'], list)?.operations).toEqual({ rngSeed: 'ignore' });
  expect(setupFor(['/v/CS-RNG-O-4-20.xml'], list)?.operations).toEqual({ rngSeed: 'deny' });
});
