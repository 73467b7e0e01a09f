/** The revoked-certificate list the listener consults: reload on change, fail closed on a bad file. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { addRevocations, readRevocations, revocationChecker, type RevokedEntry } from '../../../src/auth';

let dir: string;
beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tumbler-revoked-'))));
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const entry = (fp: string): RevokedEntry => ({ fingerprint: fp, serial: '01', subject: 'CN=x', reason: 'r', revokedAt: '2026-01-01T00:00:00Z', revokedBy: 'admin' });

test('absent file: nothing revoked; additions apply to the next check without restart', () => {
  const file = path.join(dir, 'revoked-clients.json');
  const isRevoked = revocationChecker(file);
  expect(isRevoked('aa'.repeat(32))).toBe(false);
  addRevocations(file, [entry('aa'.repeat(32))]);
  expect(isRevoked('AA'.repeat(32))).toBe(true);
  expect(isRevoked('bb'.repeat(32))).toBe(false);
  addRevocations(file, [entry('aa'.repeat(32)), entry('bb'.repeat(32))]);
  expect(readRevocations(file).map((e) => e.fingerprint)).toEqual(['aa'.repeat(32), 'bb'.repeat(32)]);
  expect(isRevoked('bb'.repeat(32))).toBe(true);
});

test('a malformed file refuses everyone (fail closed) and reports it', () => {
  const file = path.join(dir, 'revoked-clients.json');
  const errors: Error[] = [];
  const isRevoked = revocationChecker(file, (e) => errors.push(e));
  fs.writeFileSync(file, '{ not json');
  expect(isRevoked('cc'.repeat(32))).toBe(true);
  expect(errors).toHaveLength(1);
  fs.writeFileSync(file, JSON.stringify({ revoked: [] }) + '\n   ');
  expect(isRevoked('cc'.repeat(32))).toBe(false);
});
