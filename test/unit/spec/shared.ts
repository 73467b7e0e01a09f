/**
 * Access to ../shared (read-only material beside the repo) for the spec tests. When the folder is
 * absent the tests print why and skip, except with CI=true, where they fail (TEAM.md rule).
 */
import * as fs from 'fs';
import * as path from 'path';

export const ROOT = path.resolve(__dirname, '..', '..', '..');
export const SHARED = path.resolve(ROOT, '..', 'shared');

/** Absolute path of a folder under ../shared, or undefined (with a printed reason) when absent. */
export function sharedDir(rel: string): string | undefined {
  const dir = path.join(SHARED, rel);
  if (fs.existsSync(dir)) return dir;
  const msg = `shared folder ${dir} is absent`;
  if (process.env.CI === 'true') return undefined;
  // eslint-disable-next-line no-console
  console.warn(`SKIPPED: ${msg}; tests that need it are skipped (they fail when CI=true)`);
  return undefined;
}

/** `describe` when the shared folder exists; in CI a failing test otherwise; else `describe.skip`. */
export function describeWithShared(rel: string, name: string, fn: (dir: string) => void): void {
  const dir = sharedDir(rel);
  if (dir) {
    describe(name, () => fn(dir));
  } else if (process.env.CI === 'true') {
    describe(name, () => {
      it(`needs ${path.join(SHARED, rel)}`, () => {
        throw new Error(`shared folder ${path.join(SHARED, rel)} is absent and CI=true`);
      });
    });
  } else {
    describe.skip(name, () => fn(''));
  }
}
