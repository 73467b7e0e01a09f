/**
 * Locating ../shared (read-only project material next to the repository). When it is absent the
 * suites that need it are skipped with a message, except under CI=true where they fail instead.
 */
import * as fs from 'fs';
import * as path from 'path';

/** <repo>/../shared, resolved from test/unit/ttlv. */
export const SHARED_DIR = path.resolve(__dirname, '..', '..', '..', '..', 'shared');

export function sharedPath(...parts: string[]): string {
  return path.join(SHARED_DIR, ...parts);
}

/** describe() that needs a shared sub-path: skipped with a reason locally, failing under CI=true. */
export function describeWithShared(name: string, sub: string, body: () => void): void {
  const p = sharedPath(sub);
  if (fs.existsSync(p)) {
    describe(name, body);
    return;
  }
  const why = `${p} is absent (shared project material is expected next to the repository)`;
  if (process.env.CI === 'true') {
    describe(name, () => {
      test('shared material is present', () => {
        throw new Error(`CI=true and ${why}`);
      });
    });
  } else {
    console.warn(`skipping "${name}": ${why}`);
    describe.skip(name, body);
  }
}

/** Every file under `dir` whose name ends with `suffix`, sorted, as paths relative to `dir`. */
export function listFiles(dir: string, suffix: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.name.endsWith(suffix)) out.push(path.relative(dir, full));
    }
  };
  walk(dir);
  return out.sort();
}
