/**
 * The README's operations/versions table and configuration table are generated from the code
 * (scripts/readme-tables.js); this test fails when README.md no longer says what the code does.
 * It needs the build in dist/ (npm test builds first).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..', '..', '..');
// eslint-disable-next-line @typescript-eslint/no-var-requires
const tables = require(path.join(root, 'scripts', 'readme-tables.js')) as { render(text: string): string };

describe('README.md', () => {
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');

  it('has the operations and configuration tables the code generates (run `node scripts/readme-tables.js --write`)', () => {
    expect(readme).toBe(tables.render(readme));
  });

  it('the required top-level entries exist in the repository (a directory only counts with a tracked file in it)', () => {
    for (const f of ['package.json', 'tsconfig.json', 'Dockerfile', 'README.md']) expect([f, fs.statSync(path.join(root, f)).isFile()]).toEqual([f, true]);
    for (const d of ['src', 'spec', 'certs', 'test', 'conformance']) {
      expect([d, fs.readdirSync(path.join(root, d)).filter((e) => !e.startsWith('.')).length > 0]).toEqual([d, true]);
    }
  });

  it('states the two quick-start commands', () => {
    expect(readme).toMatch(/^npm start\b/m);
    expect(readme).toMatch(/^npm test\b/m);
  });
});
